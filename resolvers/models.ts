/** Plain backing models of schema types that are not engine results. */
import type { CanonicalFilter } from '../domain/filter.js';
import type { Freshness, Resolved } from '../precompute/service.js';

/** What `Query.analytics` returns: the viewer and the canonical filter its fields use. */
export interface AnalyticsModel {
  id: string;
  viewerId: string;
  filter: CanonicalFilter;
  /** How fresh its fields must be (Query.analytics `freshness`). */
  freshness: Freshness;
  /** Read your writes: the viewer's data version is at least this (Query.analytics `atLeastVersion`). */
  minVersion?: number;
}

/** What an aggregation field resolves to: the entry (data and meta) with its stable id. */
export interface AggregationResult<T> extends Resolved<T> {
  id: string;
}
