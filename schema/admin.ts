/** Operator views: what precompute will do next, and how the cache is doing. Admin only (local mode counts). */
import { type CacheStats, cacheStats, type PlannedCombo, type PrecomputePlan, precomputePlan } from '../resolvers/admin.js';
import { builder } from './builder.js';

const PlannedComboRef = builder.objectRef<PlannedCombo>('PlannedCombo').implement({
  description: 'A filter combination precompute keeps warm, ranked by benefit.',
  fields: (t) => ({
    aggregation: t.exposeString('aggregation'),
    filterKey: t.exposeString('filterKey', { description: 'Canonical filter key, with `#params` when the aggregation has any.' }),
    params: t.exposeString('params', { description: 'Entry parameters as JSON.' }),
    score: t.exposeFloat('score', { description: 'Request count decayed to now (half-life USAGE_HALF_LIFE_HOURS).' }),
    computeMillis: t.exposeFloat('computeMillis', { description: 'Last measured engine time, milliseconds.' }),
    bytes: t.exposeInt('bytes', { description: 'Last measured entry size, bytes.' }),
    benefit: t.exposeFloat('benefit', { description: 'score × computeMillis ÷ bytes: the ranking key.' }),
    lastComputedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the cached entry for the current data version was computed; null when none is cached.',
      resolve: (c) => c.lastComputedAt,
    }),
  }),
});

const PrecomputePlanRef = builder.objectRef<PrecomputePlan>('PrecomputePlan').implement({
  description:
    'What the next precompute job of a viewer computes: the base set, then these hot combos in order, within its time budget.',
  fields: (t) => ({
    viewerId: t.exposeID('viewerId'),
    dataVersion: t.exposeInt('dataVersion'),
    baseSetSize: t.exposeInt('baseSetSize', { description: 'Entries in the base set (aggregations × timeframes × products).' }),
    hot: t.field({ type: [PlannedComboRef], resolve: (p) => p.hot }),
  }),
});

const TierHitsRef = builder.objectRef<CacheStats['hits'][number]>('TierHits').implement({
  fields: (t) => ({ tier: t.exposeString('tier'), count: t.exposeInt('count') }),
});

const BreakerRef = builder.objectRef<NonNullable<CacheStats['breaker']>>('BreakerStats').implement({
  description: 'The Redis circuit breaker.',
  fields: (t) => ({
    state: t.exposeString('state', { description: 'closed, open (Redis skipped) or half-open (one trial call).' }),
    failures: t.exposeInt('failures', { description: 'Failed or timed-out Redis calls since start.' }),
    opened: t.exposeInt('opened', { description: 'Times the circuit opened.' }),
    rejected: t.exposeInt('rejected', { description: 'Calls skipped while open.' }),
  }),
});

const CacheStatsRef = builder.objectRef<CacheStats>('CacheStats').implement({
  description: 'Counters of this gateway process since it started.',
  fields: (t) => ({
    hits: t.field({ type: [TierHitsRef], description: 'Fresh hits per tier.', resolve: (s) => s.hits }),
    misses: t.exposeInt('misses'),
    staleHits: t.exposeInt('staleHits', { description: 'Entries served stale (or refreshed early) while a refresh ran.' }),
    tierErrors: t.exposeInt('tierErrors', { description: 'Tier calls that failed and were treated as misses.' }),
    computations: t.exposeInt('computations', { description: 'Aggregations computed by this process.' }),
    backgroundRefreshes: t.exposeInt('backgroundRefreshes'),
    waitedForPeer: t.exposeInt('waitedForPeer', { description: 'Misses answered by another process’s computation.' }),
    queueDepth: t.exposeInt('queueDepth', { description: 'Precompute jobs waiting or running.' }),
    breaker: t.field({ type: BreakerRef, nullable: true, description: 'Null without Redis.', resolve: (s) => s.breaker }),
  }),
});

builder.queryFields((t) => ({
  precomputePlan: t.field({
    type: PrecomputePlanRef,
    nullable: true,
    description: 'Admin: the ranked hot combos of a viewer (default: the current one).',
    args: {
      viewerId: t.arg.id(),
      limit: t.arg.int({ defaultValue: 50, description: '1..500.' }),
    },
    resolve: (_root, args, ctx) => precomputePlan(ctx, args.viewerId == null ? null : String(args.viewerId), args.limit ?? 50),
  }),
  cacheStats: t.field({
    type: CacheStatsRef,
    nullable: true,
    description: 'Admin: cache and precompute counters of this process.',
    resolve: (_root, _args, ctx) => cacheStats(ctx),
  }),
}));
