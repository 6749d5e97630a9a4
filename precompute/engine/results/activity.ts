/**
 * Result models of activity: overview, advancedKpis, dailyStats. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
/** #6: the filtered set at a glance. */
export interface OverviewResult {
  videos: number;
  /** Distinct channel keys (videos without a channel are not counted). */
  uniqueChannels: number;
  /** Earliest filtered instant (epoch ms), null without videos. */
  firstWatchedAt: number | null;
  lastWatchedAt: number | null;
  /** Local dates with at least one video. */
  activeDays: number;
  /** Local dates from the earliest to the latest date with a video, both included; 0 without videos. */
  spanDays: number;
  /** videos / spanDays; null without videos. */
  videosPerDay: number | null;
  /** videos / activeDays; null without videos. */
  videosPerActiveDay: number | null;
}

/** #9 `peakWindow`: hours startHour, startHour+1, startHour+2 (mod 24). */
export interface HourWindow {
  startHour: number;
  /** (startHour + 3) mod 24: the window ends at endHour:00 (exclusive). */
  endHour: number;
}

/** #9. Everything over the filtered set and its span (first to last local date with a video). */
export interface AdvancedKpisResult {
  /** Channels with ≥ 2 videos / channels; null without channels. */
  repeatChannelShare: number | null;
  /** New channels in the span / (spanDays / 30); null without videos. */
  newChannelsPerMonth: number | null;
  /** Videos of the 10 channels with most videos / videos; null without videos. */
  top10ChannelShare: number | null;
  /** Saturday + Sunday videos / videos; null without videos. */
  weekendShare: number | null;
  /** (weekend videos / weekend days) / (weekday videos / weekdays) over the span; null when undefined. */
  weekendIntensity: number | null;
  /** clamp(100 − 50 × CV, 0, 100) of videos per calendar day of the span; null without videos. */
  consistencyScore: number | null;
  /** Local hour with most videos, smallest on ties; null without videos. */
  peakHour: number | null;
  peakWindow: HourWindow | null;
  /** Last 30 local days vs the 30 before, percent; null when the earlier window is empty. */
  growth30d: number | null;
  /** Last 90 local days vs the 90 before, percent; null when the earlier window is empty. */
  growth90d: number | null;
}

/** #11: videos per calendar day of the span (zero days included). All null without videos. */
export interface DailyStatsResult {
  /** N, the calendar days of the span; 0 without videos. */
  days: number;
  mean: number | null;
  median: number | null;
  mode: number | null;
  standardDeviation: number | null;
  p10: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}
