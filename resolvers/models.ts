/** Plain backing models of schema types that are not engine results. */
import type { CanonicalFilter } from '../domain/filter.js';

/** What `Query.analytics` returns: the viewer and the canonical filter its fields use. */
export interface AnalyticsModel {
  viewerId: string;
  filter: CanonicalFilter;
}
