/**
 * Result models of topics: topics, topicEvolution, topicDiversity, topicSignals. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
import type { Topic } from '../../../domain/events.js';

export type Trend = 'UP' | 'DOWN' | 'STABLE';

export interface TopicShare {
  topic: Topic;
  videos: number;
  share: number;
  recentVideos: number;
  previousVideos: number;
  trend: Trend;
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
