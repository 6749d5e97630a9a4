/**
 * What to precompute for a viewer: the base set (every timeframe × product of every
 * aggregation, default params, no topic/channel filter, the viewer's zone), then the hot
 * combos by benefit = decayed request count × compute cost ÷ entry size.
 */

import { canonicalizeFilter, filterKey, PRODUCT_FILTERS, TIMEFRAMES } from '../domain/filter.js';
import type { Viewer } from '../store/types.js';
import { paramsKey, REGISTRY } from './registry.js';
import type { AggregationRequest } from './service.js';
import type { ComboSpec } from './usage.js';

/** The base set, in registry order. */
export function baseSet(viewer: Viewer): AggregationRequest[] {
  const out: AggregationRequest[] = [];
  for (const def of REGISTRY) {
    if (def.inBaseSet === false) continue;
    for (const timeframe of TIMEFRAMES) {
      for (const product of PRODUCT_FILTERS) {
        out.push({
          viewerId: viewer.id,
          aggregation: def.id,
          filter: canonicalizeFilter({ timeframe, product }, viewer.timeZone),
          params: { ...def.baseParams },
        });
      }
    }
  }
  return out;
}

export interface RankedCombo {
  request: AggregationRequest;
  score: number;
  computeMillis: number;
  bytes: number;
  benefit: number;
}

const comboId = (aggregation: string, spec: Pick<ComboSpec, 'filter' | 'params'>) =>
  `${aggregation}|${filterKey(spec.filter)}#${paramsKey(spec.params)}`;

/**
 * Hot combos not in the base set, best first. Cost and size floors keep a never-measured or
 * tiny entry from dominating (0.01 ms, 64 bytes).
 */
export function rankHotCombos(
  viewer: Viewer,
  rows: readonly { spec: ComboSpec; score: number; computeMillis: number; bytes: number }[],
): RankedCombo[] {
  const base = new Set(baseSet(viewer).map((r) => comboId(r.aggregation, r)));
  return rows
    .filter((r) => !base.has(comboId(r.spec.aggregation, r.spec)) && REGISTRY.some((d) => d.id === r.spec.aggregation))
    .map((r) => ({
      request: { viewerId: viewer.id, aggregation: r.spec.aggregation, filter: r.spec.filter, params: r.spec.params },
      score: r.score,
      computeMillis: r.computeMillis,
      bytes: r.bytes,
      benefit: (r.score * Math.max(r.computeMillis, 0.01)) / Math.max(r.bytes, 64),
    }))
    .sort(
      (a, b) =>
        b.benefit - a.benefit ||
        comboId(a.request.aggregation, a.request).localeCompare(comboId(b.request.aggregation, b.request)),
    );
}
