/**
 * Result models of channels: topChannels, channelMetrics, channelRelationships. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
import type { Topic } from '../../../domain/events.js';

export interface TopChannel {
  channelKey: string;
  channelTitle: string;
  /** https://www.youtube.com/channel/<id> for id keys, else null. */
  channelUrl: string | null;
  videos: number;
  share: number;
  estimatedWatchSeconds: number;
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
  /**
   * Only in cached entries: how many positions from `offset` each ordering the entry serves
   * holds (an entry is a window of the whole list; aggregations/channels.ts).
   */
  covers?: number;
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
