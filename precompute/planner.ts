/**
 * What to precompute for a viewer: the base set (every timeframe × product of every
 * aggregation, default params, no topic/channel filter, the viewer's zone), then the hot
 * combos by benefit = decayed request count × compute cost ÷ entry size.
 */

import { createHash } from 'node:crypto';
import { canonicalizeFilter, filterKey, PRODUCT_FILTERS, TIMEFRAMES } from '../domain/filter.js';
import type { Viewer } from '../store/types.js';
import { paramsKey, REGISTRY } from './registry.js';
import type { AggregationRequest } from './service.js';
import type { ComboSpec } from './usage.js';

/**
 * Identity of the base set's shape: every definition in it with its version and base params,
 * and the timeframes × products it spans. Part of every job id: a deploy that changes the
 * base set makes new jobs even for an unchanged data version.
 */
export const BASE_SET_SHAPE: string = createHash('sha256')
  .update(
    JSON.stringify([
      REGISTRY.filter((d) => d.inBaseSet !== false).map((d) => [d.id, d.version, paramsKey(d.baseParams)]),
      TIMEFRAMES,
      PRODUCT_FILTERS,
    ]),
  )
  .digest('hex')
  .slice(0, 12);

/**
 * The base set, filter-major: every aggregation of one (timeframe, product) combo, in registry
 * order, before the next combo — so the engine builds one context per combo and the batches of
 * a job follow combos. One filter object per combo (filter keys are memoised per object).
 */
export function baseSet(viewer: Viewer): AggregationRequest[] {
  const out: AggregationRequest[] = [];
  for (const timeframe of TIMEFRAMES) {
    for (const product of PRODUCT_FILTERS) {
      const filter = canonicalizeFilter({ timeframe, product }, viewer.timeZone);
      for (const def of REGISTRY) {
        if (def.inBaseSet === false) continue;
        out.push({ viewerId: viewer.id, aggregation: def.id, filter, params: { ...def.baseParams } });
      }
    }
  }
  return out;
}

/** True when `r` is one of the viewer's base-set entries (the retention of the store tier never evicts these). */
export function isBaseRequest(viewer: Viewer, r: AggregationRequest): boolean {
  const def = REGISTRY.find((d) => d.id === r.aggregation);
  if (!def || def.inBaseSet === false) return false;
  const f = r.filter;
  return (
    f.range === null &&
    f.topics.length === 0 &&
    f.channels.length === 0 &&
    !f.includeAds &&
    f.timeZone === viewerZone(viewer.timeZone) &&
    paramsKey(r.params) === BASE_PARAMS.get(def.id)
  );
}

/** The zone a viewer's setting resolves to (canonicalizeFilter's), memoised: asked for every entry written. */
const zones = new Map<string, string>();
function viewerZone(setting: string): string {
  let zone = zones.get(setting);
  if (zone === undefined) {
    zone = canonicalizeFilter({}, setting).timeZone;
    if (zones.size >= 1024) zones.clear();
    zones.set(setting, zone);
  }
  return zone;
}

/** paramsKey of each definition's base params. */
const BASE_PARAMS = new Map(REGISTRY.map((d) => [d.id, paramsKey(d.baseParams)]));

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
