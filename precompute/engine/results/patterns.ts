/**
 * Result models of time patterns: heatmap, viewingPatterns, timeSeries. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
export interface HeatmapCell {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  videos: number;
}

/** One bucket of a fixed distribution. */
export interface DistributionBucket {
  /** Hour 0..23, weekday 0..6 (0 = Sunday), week of month 1..5 or month 1..12. */
  key: number;
  videos: number;
  /** videos / filtered videos, 0..1; null when there is no video. */
  share: number | null;
}

/** Catalogue #8: every bucket present, ascending by key, zero buckets included. */
export interface ViewingPatterns {
  byHour: DistributionBucket[];
  byWeekday: DistributionBucket[];
  byWeekOfMonth: DistributionBucket[];
  byMonth: DistributionBucket[];
}

export const TIME_SERIES_INTERVALS = ['DAY', 'WEEK', 'MONTH'] as const;

export type TimeSeriesInterval = (typeof TIME_SERIES_INTERVALS)[number];

export const TIME_SERIES_METRICS = ['VIDEOS', 'CHANNELS', 'TOPICS'] as const;

export type TimeSeriesMetric = (typeof TIME_SERIES_METRICS)[number];

/** Catalogue #12: one bucket of a time series. */
export interface TimeSeriesPoint {
  /** First local date of the bucket, `YYYY-MM-DD` (a Monday for weeks, the 1st for months). */
  start: string;
  /** Videos, distinct channels or distinct topics in the bucket. */
  value: number;
}
