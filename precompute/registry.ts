/**
 * The aggregation registry: the one list every other part enumerates — cache keys
 * (id + definition version), the precompute planner (base params), the schema (argument
 * parsing) and the benchmarks. Bumping a definition's `version` makes old entries unreachable.
 * Each group of the catalogue lives in `aggregations/`.
 */
import type { AggregationDef } from './aggregation.js';
import { ACTIVITY_AGGREGATIONS } from './aggregations/activity.js';
import { CATALOGUE_AGGREGATIONS } from './aggregations/catalogue.js';
import { CORE_AGGREGATIONS } from './aggregations/core.js';

export type { AggregationDef } from './aggregation.js';
export { paramsKey } from './aggregation.js';

export const REGISTRY: readonly AggregationDef[] = [...CORE_AGGREGATIONS, ...ACTIVITY_AGGREGATIONS, ...CATALOGUE_AGGREGATIONS];

const BY_ID = new Map<string, AggregationDef>(REGISTRY.map((d) => [d.id, d]));
if (BY_ID.size !== REGISTRY.length) throw new Error('[precompute/registry] duplicate aggregation id');

/** The definition of `id`; throws on an unknown id (a programming error, not user input). */
export function aggregationDef(id: string): AggregationDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`[precompute/registry] unknown aggregation ${id}; known: ${[...BY_ID.keys()].join(', ')}`);
  return def;
}
