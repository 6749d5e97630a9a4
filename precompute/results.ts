/**
 * Plain result models of the aggregation catalogue (../shared/AGGREGATIONS.md). The schema
 * exposes these with objectRefs; the engine returns them. Numbers are unrounded; an
 * undefined ratio is null.
 */
import type { Topic } from '../domain/events.js';

export interface PeriodComparison {
  videos: number;
  previousYearVideos: number;
  /** (videos − previous) / previous × 100; null when previous is 0. */
  deltaPercent: number | null;
}

export interface KpisResult {
  videos: number;
  uniqueChannels: number;
  estimatedWatchSeconds: number;
  periods: { mtd: PeriodComparison; qtd: PeriodComparison; ytd: PeriodComparison };
}

export interface MonthlyTrendPoint {
  /** YYYY-MM (local). */
  month: string;
  videos: number;
  uniqueChannels: number;
  estimatedWatchSeconds: number;
}

export interface TopChannel {
  channelKey: string;
  channelTitle: string;
  /** https://www.youtube.com/channel/<id> for id keys, else null. */
  channelUrl: string | null;
  videos: number;
  share: number;
  estimatedWatchSeconds: number;
}

export interface HeatmapCell {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
  videos: number;
}

export type Trend = 'UP' | 'DOWN' | 'STABLE';

export interface TopicShare {
  topic: Topic;
  videos: number;
  share: number;
  recentVideos: number;
  previousVideos: number;
  trend: Trend;
}
