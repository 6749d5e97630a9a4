/**
 * Result models of the "activity" group of the catalogue (../shared/AGGREGATIONS.md #6, 7,
 * 9, 10, 11, 13, 14). Plain data (JSON-safe: cached entries are JSON); instants are epoch
 * ms UTC; numbers are unrounded; an undefined ratio or statistic is null.
 */
import type { Topic } from '../domain/events.js';

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

/** One session of #7: a maximal run of filtered events each within the gap of the previous. */
export interface SessionItem {
  /** Instant of the first video (epoch ms). */
  start: number;
  /** Instant of the last video (epoch ms); equals `start` for a one-video session. */
  end: number;
  videos: number;
  /** Up to 3 channel keys with most videos in the session: count desc, then key asc. */
  channels: string[];
}

/** #7 for one gap. Statistics over sessions are null when there is none. */
export interface SessionsResult {
  /** The gap used, minutes (5..240). */
  gapMinutes: number;
  count: number;
  /** Mean videos per session. */
  videosPerSession: number | null;
  /** Median videos per session (mean of the two middle values for an even count). */
  medianVideosPerSession: number | null;
  maxVideos: number | null;
  /** Mean of (last − first) over sessions, minutes: total ms / count / 60 000. */
  meanDurationMinutes: number | null;
  /** Sessions with ≥ 5 videos. */
  binge: number;
  /** Sessions with ≤ 2 videos. */
  short: number;
  /** count / activeDays (local dates with a video); null without videos. */
  perActiveDay: number | null;
  /** 24 counts: sessions by the local hour of their first video. */
  startsByHour: number[];
  /** Every session, newest first (the schema pages through it). */
  list: SessionItem[];
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

export const HABITS = ['BINGE_WATCHER', 'NIGHT_OWL', 'EARLY_BIRD', 'WEEKENDER', 'CREATURE_OF_HABIT', 'SPORADIC'] as const;
export type Habit = (typeof HABITS)[number];

/** #10: one detected habit. */
export interface HabitSignal {
  habit: Habit;
  /** 0..1. */
  confidence: number;
  /** One sentence with the numbers behind the rule. */
  evidence: string;
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

export const CHANNEL_ORDERS = ['VIDEOS', 'LOYALTY', 'RECENT'] as const;
export type ChannelOrder = (typeof CHANNEL_ORDERS)[number];

/** #13: one channel of the filtered set. */
export interface ChannelMetric {
  channelKey: string;
  channelTitle: string;
  channelUrl: string | null;
  videos: number;
  /** videos / filtered videos, 0..1. */
  share: number;
  firstWatchedAt: number;
  lastWatchedAt: number;
  /** Local months with at least one of its videos. */
  activeMonths: number;
  videosPerActiveMonth: number;
  /** Local hour with most of its videos, smallest on ties. */
  peakHour: number;
  /** 0 = Sunday … 6 = Saturday, smallest on ties. */
  peakWeekday: number;
  /** Topics of its videos, by videos desc then taxonomy order. */
  topics: Topic[];
  /** Its first video under the non-time filters is within the last 30 local days. */
  isNew: boolean;
  /** Filtered sessions (30-minute gap) containing it / filtered sessions, 0..1. */
  sessionShare: number;
  /** round(mean of consistency, frequency, recency), 0..100. */
  loyaltyScore: number;
}

/** #13 as a page of one ordering. A cached entry holds every channel in VIDEOS order. */
export interface ChannelMetricsResult {
  orderBy: ChannelOrder;
  /** Channels in the filtered set. */
  totalCount: number;
  /** Position of `items[0]` in the ordering. */
  offset: number;
  items: ChannelMetric[];
  hasNextPage: boolean;
  /**
   * Only in cached entries: positions into `items` (VIDEOS order) giving the other orderings,
   * so a page of any ordering is cut without sorting per request.
   */
  orders?: { LOYALTY: number[]; RECENT: number[] };
}

/** A channel named in a result. */
export interface ChannelIdentity {
  channelKey: string;
  channelTitle: string;
  channelUrl: string | null;
}

/** #14: two channels watched in the same sessions; `a` has the smaller key (code-unit order). */
export interface ChannelRelationship {
  a: ChannelIdentity;
  b: ChannelIdentity;
  /** Filtered sessions (30-minute gap) containing both. */
  sharedSessions: number;
  /** round(100 × sharedSessions / min(sessions with a, sessions with b)), 0..100. */
  score: number;
  /** Topics both channels have among their filtered videos, taxonomy order. */
  sharedTopics: Topic[];
}
