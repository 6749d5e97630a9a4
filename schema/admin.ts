/** Operator views: what precompute will do next, and how the cache is doing. Admin only (local mode counts). */
import type { BreakerState } from '../cache/breaker.js';
import type { TierName } from '../cache/tier.js';
import { REGISTRY } from '../precompute/registry.js';
import { type CacheStats, cacheStats, type PlannedCombo, type PrecomputePlan, precomputePlan } from '../resolvers/admin.js';
import { builder } from './builder.js';
import { EMBEDDED } from './filters.js';

const ADMIN = 'Admin only: FORBIDDEN (this field null, the rest of the response kept) for other viewers.';

/** `topChannels` → `TOP_CHANNELS`: enum values are upper snake case like every other enum. */
const enumName = (id: string): string => id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

const AggregationEnum = builder.enumType('Aggregation', {
  description: 'An aggregation of the catalogue, named after its `Analytics` field (`TOP_CHANNELS` is `topChannels`).',
  values: Object.fromEntries(REGISTRY.map((d) => [enumName(d.id), { description: `\`Analytics.${d.id}\`.` }])) as Record<
    string,
    { description: string }
  >,
});

const CacheTierEnum = builder.enumType('CacheTier', {
  description: 'A cache tier, fastest first.',
  values: {
    MEMORY: { description: 'This gateway process’s in-memory LRU.' },
    REDIS: { description: 'The Redis tier shared by every gateway (only with REDIS_URL).' },
    STORE: { description: 'The durable tier in the system of record.' },
  } satisfies Record<TierName, { description: string }>,
});

const BREAKER_STATES = { closed: 'CLOSED', open: 'OPEN', 'half-open': 'HALF_OPEN' } as const satisfies Record<
  BreakerState,
  string
>;

const BreakerStateEnum = builder.enumType('BreakerState', {
  description: 'State of a circuit breaker.',
  values: {
    CLOSED: { description: 'Calls go through.' },
    OPEN: { description: 'Calls are skipped (treated as misses) until the cooldown ends.' },
    HALF_OPEN: { description: 'The cooldown ended: the next call is a trial that closes or reopens the circuit.' },
  } as const,
});

const PlannedComboRef = builder.objectRef<PlannedCombo>('PlannedCombo').implement({
  description: `A filter combination precompute keeps warm, ranked by benefit. ${EMBEDDED}`,
  fields: (t) => ({
    aggregation: t.field({ type: AggregationEnum, description: 'Which aggregation.', resolve: (c) => enumName(c.aggregation) }),
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
  description: `What the next precompute job of a viewer computes: the base set, then these hot combos in order, within its time budget. A snapshot: ${EMBEDDED}`,
  fields: (t) => ({
    viewerId: t.exposeID('viewerId', { description: 'Whose plan it is.' }),
    dataVersion: t.exposeInt('dataVersion', {
      description: 'The viewer’s current data version (entries of older ones are never served).',
    }),
    baseSetSize: t.exposeInt('baseSetSize', { description: 'Entries in the base set (aggregations × timeframes × products).' }),
    hot: t.field({ type: [PlannedComboRef], description: 'Hot combos by benefit desc.', resolve: (p) => p.hot }),
  }),
});

const TierHitsRef = builder.objectRef<CacheStats['hits'][number]>('TierHits').implement({
  description: `Fresh hits of one cache tier. ${EMBEDDED}`,
  fields: (t) => ({
    tier: t.field({ type: CacheTierEnum, description: 'The tier.', resolve: (h) => h.tier }),
    count: t.exposeInt('count', { description: 'Fresh entries it served since the process started.' }),
  }),
});

const BreakerRef = builder.objectRef<NonNullable<CacheStats['breaker']>>('BreakerStats').implement({
  description: `The Redis circuit breaker. ${EMBEDDED}`,
  fields: (t) => ({
    state: t.field({ type: BreakerStateEnum, description: 'Its state now.', resolve: (b) => BREAKER_STATES[b.state] }),
    failures: t.exposeInt('failures', { description: 'Failed or timed-out Redis calls since start.' }),
    opened: t.exposeInt('opened', { description: 'Times the circuit opened.' }),
    rejected: t.exposeInt('rejected', { description: 'Calls skipped while open.' }),
  }),
});

const CacheStatsRef = builder.objectRef<CacheStats>('CacheStats').implement({
  description: `Counters of this gateway process since it started. A snapshot: ${EMBEDDED}`,
  fields: (t) => ({
    hits: t.field({ type: [TierHitsRef], description: 'Fresh hits per tier, fastest first.', resolve: (s) => s.hits }),
    misses: t.exposeInt('misses', { description: 'Reads no tier could answer fresh (computed or waited for).' }),
    staleHits: t.exposeInt('staleHits', { description: 'Entries served stale (or refreshed early) while a refresh ran.' }),
    tierErrors: t.exposeInt('tierErrors', { description: 'Tier calls that failed and were treated as misses.' }),
    computations: t.exposeInt('computations', { description: 'Aggregations computed by this process.' }),
    backgroundRefreshes: t.exposeInt('backgroundRefreshes', { description: 'Stale entries refreshed in the background.' }),
    waitedForPeer: t.exposeInt('waitedForPeer', { description: 'Misses answered by another process’s computation.' }),
    queueDepth: t.exposeInt('queueDepth', { description: 'Precompute jobs waiting or running.' }),
    breaker: t.field({ type: BreakerRef, nullable: true, description: 'Null without Redis.', resolve: (s) => s.breaker }),
  }),
});

builder.queryFields((t) => ({
  precomputePlan: t.field({
    type: PrecomputePlanRef,
    nullable: true,
    description: `The ranked hot combos of a viewer. ${ADMIN}`,
    args: {
      viewerId: t.arg.id({ description: 'Whose plan; default the current viewer.' }),
      limit: t.arg.int({ defaultValue: 50, description: 'How many hot combos, 1..500.' }),
    },
    resolve: (_root, args, ctx) => precomputePlan(ctx, args.viewerId == null ? null : String(args.viewerId), args.limit ?? 50),
  }),
  cacheStats: t.field({
    type: CacheStatsRef,
    nullable: true,
    description: `Cache and precompute counters of this process. ${ADMIN}`,
    resolve: (_root, _args, ctx) => cacheStats(ctx),
  }),
}));
