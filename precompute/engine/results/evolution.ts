/**
 * Result models of channelEvolution. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
import type { Trend } from './topics.js';

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
