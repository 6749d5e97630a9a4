/**
 * Plain result models of catalogue #8, #12 and #15–#19 (../shared/AGGREGATIONS.md): viewing
 * patterns, time series, channel and topic evolution, topic diversity and signals, data
 * quality. Numbers are unrounded; an undefined ratio is null.
 */
import type { Topic } from '../domain/events.js';
import type { Trend } from './results.js';

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

/** Catalogue #15: one month of one channel. */
export interface ChannelEvolutionPoint {
  /** `YYYY-MM`, local. */
  month: string;
  videos: number;
  /** Distinct topics among the month's videos of the channel, 0..13. */
  distinctTopics: number;
  /** Videos against the previous point: UP > 1.2×, DOWN < 0.8×, else STABLE; the first point is STABLE. */
  trend: Trend;
}

/** Catalogue #15: a channel's months under the filter (null from the kernel = unknown channel). */
export interface ChannelEvolution {
  channelKey: string;
  channelTitle: string;
  channelUrl: string | null;
  /** Gap-filled from the channel's first to its last month with a filtered video; empty when it has none. */
  points: ChannelEvolutionPoint[];
}

/** Catalogue #16: one month of one topic. */
export interface TopicEvolutionPoint {
  month: string;
  videos: number;
  /** videos / topic assignments of all topics that month, 0..1; null for a month without videos. */
  share: number | null;
  trend: Trend;
}

/** Catalogue #16: one topic over the months of the filtered span. */
export interface TopicEvolution {
  topic: Topic;
  /** Filtered videos with this topic. */
  videos: number;
  /** Last 3 months of the span vs the 3 before, in percent; null when those had none. */
  growthPercent: number | null;
  /** 1..12: the month of the year with most videos of the topic (all years summed); smallest on ties. */
  peakMonthOfYear: number;
  /** 1..12: the month of the year with fewest (zero included); smallest on ties. */
  lowMonthOfYear: number;
  timeline: TopicEvolutionPoint[];
}

/** Topic assignments split into three families, as shares of all assignments. */
export interface TopicSpread {
  /** EDUCATION, SCIENCE, TECHNOLOGY, FINANCE. */
  learning: number | null;
  /** ENTERTAINMENT, GAMING, MUSIC, SPORTS. */
  leisure: number | null;
  /** POLITICS, NEWS, COOKING, TRAVEL, OTHER. */
  other: number | null;
}

/** Catalogue #17. */
export interface TopicDiversity {
  distinctTopics: number;
  /** −Σ p log2 p over topic assignments, bits; null without videos. */
  shannonBits: number | null;
  /** shannonBits / log2(distinctTopics), 0..1; null with fewer than 2 topics. */
  evenness: number | null;
  /** Assignments of the 3 largest topics / all assignments; null without videos. */
  top3Share: number | null;
  spread: TopicSpread;
}

/** A topic co-assigned to the videos of another. */
export interface CoTopic {
  topic: Topic;
  /** Videos having both topics. */
  videos: number;
  /** videos / videos of the owning topic, 0..1. */
  share: number;
}

/** Catalogue #18: signal shares of one topic's videos (each 0..1). */
export interface TopicSignals {
  topic: Topic;
  videos: number;
  learning: number;
  longForm: number;
  intentional: number;
  algorithmic: number;
  /** Other topics on its videos, by videos desc then taxonomy order. */
  coTopics: CoTopic[];
}

export interface TimestampFormatCount {
  format: string;
  count: number;
}

export interface TimeZoneAbbreviationCount {
  abbreviation: string;
  count: number;
  /** Fixed offset applied (minutes east of UTC); null when resolved with the viewer's zone. */
  assumedOffsetMinutes: number | null;
}

/** Catalogue #19: everything stored for the viewer, filters ignored. */
export interface DataQuality {
  /** Every stored event, any kind, dated or not. */
  records: number;
  /** Events of kind WATCHED (ads and undated ones included); watched + viewedPosts + visitedAds = records. */
  watched: number;
  /** Kind VIEWED: community posts and stories. */
  viewedPosts: number;
  /** Kind VISITED: ad links. */
  visitedAds: number;
  /** 'From Google Ads' events, any kind. */
  ads: number;
  /** Events without a usable date, any kind. */
  undated: number;
  /** Events with a channel key, any kind. */
  withChannel: number;
  /** Summed over the change log: dropped by importers plus already stored at commit. */
  duplicatesSkipped: number;
  /** By count desc, then format. */
  timestampFormats: TimestampFormatCount[];
  /** By count desc, then abbreviation. */
  timeZoneAbbreviations: TimeZoneAbbreviationCount[];
  ambiguousTimeZones: number;
  /** Earliest and latest `watchedAt` of any dated event (epoch ms), null when none is dated. */
  firstWatchedAt: number | null;
  lastWatchedAt: number | null;
}
