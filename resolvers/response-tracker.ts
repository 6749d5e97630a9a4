/**
 * What a request's resolvers report to the response cache (server/response-cache.ts): whether
 * every aggregation field was a fresh hit, the earliest expiry, and the aggregations served (a
 * cache hit records their usage again).
 */
import type { CanonicalFilter } from '../domain/filter.js';

/** One aggregation a response holds: what its usage record needs. */
export interface ServedAggregation {
  aggregation: string;
  filter: CanonicalFilter;
  params: Record<string, unknown>;
  combo: string;
  computeMillis: number;
  bytes: number;
}

export interface ResponseTracker {
  /** False as soon as a field was computed, stale, failed, or is not cacheable (admin fields, mutations). */
  eligible: boolean;
  /** Earliest expiry of the entries used, epoch ms. */
  expiresAt: number;
  served: ServedAggregation[];
}

export const newResponseTracker = (): ResponseTracker => ({ eligible: true, expiresAt: Number.POSITIVE_INFINITY, served: [] });
