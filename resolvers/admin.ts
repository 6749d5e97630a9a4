/** Admin views of the cache and the precompute planner. */
import type { BreakerState } from '../cache/breaker.js';
import type { TierName } from '../cache/tier.js';
import { baseSet, rankHotCombos } from '../precompute/planner.js';
import type { GatewayContext } from './context.js';
import { BadUserInputError, ForbiddenError } from './errors.js';

export interface PlannedCombo {
  aggregation: string;
  filterKey: string;
  params: string;
  /** Decayed request count now. */
  score: number;
  computeMillis: number;
  bytes: number;
  benefit: number;
  /** When the cached entry for the current data version was computed; null when there is none. */
  lastComputedAt: number | null;
}

export interface PrecomputePlan {
  viewerId: string;
  dataVersion: number;
  baseSetSize: number;
  hot: PlannedCombo[];
}

const requireAdmin = (ctx: GatewayContext, field: string) => {
  if (!ctx.isAdmin) throw new ForbiddenError(field);
};

/** The viewer's hot combos as the next precompute job would rank them. */
export async function precomputePlan(
  ctx: GatewayContext,
  viewerId: string | null | undefined,
  limit: number,
): Promise<PrecomputePlan> {
  if (ctx.responseCache) ctx.responseCache.eligible = false; // changes without a new data version
  // Your own plan is yours to see; another viewer's only an admin's — and asking about a
  // viewer who does not exist creates nothing (only their own request creates their row).
  const own = viewerId === null || viewerId === undefined || viewerId === ctx.viewer.id;
  if (!own) requireAdmin(ctx, 'precomputePlan');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new BadUserInputError('limit', `expected an integer from 1 to 500, got ${limit}`);
  }
  const { viewers, usage, cache, aggregations, store } = ctx.services;
  if (!own && !(await store.getViewer(viewerId))) throw new BadUserInputError('viewerId', 'no such viewer');
  const viewer = own ? ctx.viewer : await viewers.get(viewerId);
  const ranked = rankHotCombos(viewer, await usage.rows(viewer.id, ctx.services.now())).slice(0, limit);
  const hits = await cache.read(
    ranked.map((c) => ({
      viewerId: viewer.id,
      key: aggregations.keyOf(c.request),
      judge: (e) => (e.dataVersion === viewer.dataVersion ? 'fresh' : 'reject'),
    })),
  );
  return {
    viewerId: viewer.id,
    dataVersion: viewer.dataVersion,
    baseSetSize: baseSet(viewer).length,
    hot: ranked.map((c, i) => ({
      aggregation: c.request.aggregation,
      filterKey: aggregations.keyOf(c.request).split(':').slice(4).join(':'),
      params: JSON.stringify(c.request.params),
      score: c.score,
      computeMillis: c.computeMillis,
      bytes: c.bytes,
      benefit: c.benefit,
      lastComputedAt: hits[i]?.envelope.computedAt ?? null,
    })),
  };
}

export interface CacheStats {
  hits: { tier: TierName; count: number }[];
  misses: number;
  staleHits: number;
  tierErrors: number;
  computations: number;
  backgroundRefreshes: number;
  waitedForPeer: number;
  queueDepth: number;
  breaker: { state: BreakerState; failures: number; opened: number; rejected: number } | null;
}

/**
 * The process's cache counters. Admin only: they are counted per process, across every viewer
 * it serves, so a viewer's "own" share does not exist and the totals would describe others.
 */
export async function cacheStats(ctx: GatewayContext): Promise<CacheStats> {
  if (ctx.responseCache) ctx.responseCache.eligible = false; // live counters
  requireAdmin(ctx, 'cacheStats');
  const { cache, aggregations, precomputer, breaker } = ctx.services;
  return {
    hits: cache.tiers.map((t) => ({ tier: t.name, count: cache.counters.hits[t.name] })),
    misses: cache.counters.misses,
    staleHits: cache.counters.staleHits,
    tierErrors: cache.counters.tierErrors,
    ...aggregations.counters,
    queueDepth: await precomputer.queueDepth(),
    breaker: breaker ? { state: breaker.state, ...breaker.stats } : null,
  };
}
