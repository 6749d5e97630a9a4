/** Plain backing models of schema types that are not engine results. */
import type { CanonicalFilter } from '../domain/filter.js';
import type { Resolved } from '../precompute/service.js';

/** What `Query.analytics` returns: the viewer and the canonical filter its fields use. */
export interface AnalyticsModel {
  id: string;
  viewerId: string;
  filter: CanonicalFilter;
}

/** What an aggregation field resolves to: the entry (data and meta) with its stable id. */
export interface AggregationResult<T> extends Resolved<T> {
  id: string;
}
