import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBreaker } from '../../cache/breaker.js';
import { checkEvictionPolicy, createCacheRedis, redisReady } from '../../cache/redis-client.js';
import { canonicalizeFilter } from '../../domain/filter.js';
import { createUsageTracker } from '../../precompute/usage.js';
import { createRedisUsageMirror } from '../../precompute/usage-redis.js';
import { createSqliteStore } from '../../store/sqlite.js';
import { adminRedis, cleanupViewers, redisUrl, uniqueViewer } from './helpers.js';

const logger = pino({ level: 'silent' });
const admin = adminRedis();
const viewers: string[] = [];
afterAll(async () => {
  await cleanupViewers(admin, viewers);
  admin.disconnect();
});

const spec = (timeZone: string) => ({ aggregation: 'kpis', filter: canonicalizeFilter({ timeZone }), params: {} });
const DAY = 86_400_000;

describe('usage counters in Redis sorted sets', () => {
  it('adds up requests from several gateways, decays them, and keeps a durable snapshot in each store', async () => {
    const viewer = uniqueViewer('usage');
    viewers.push(viewer);
    const redis = createCacheRedis({ url: redisUrl(), logger });
    await redisReady(redis);
    const clock = { t: Date.UTC(2025, 0, 1) };
    const mirror = createRedisUsageMirror({ redis, breaker: createBreaker({ name: 'redis', timeoutMs: 1000 }) });
    const storeA = createSqliteStore({ path: ':memory:' });
    const a = createUsageTracker({ store: storeA, now: () => clock.t, halfLifeMs: DAY, mirror });
    const b = createUsageTracker({ store: createSqliteStore({ path: ':memory:' }), now: () => clock.t, halfLifeMs: DAY, mirror });
    a.record(viewer, spec('Asia/Tokyo'), 'tokyo', 5, 100);
    b.record(viewer, spec('Asia/Tokyo'), 'tokyo', 5, 100);
    b.record(viewer, spec('Europe/Paris'), 'paris', 7, 200);
    await a.flush();
    await b.flush();
    const rows = await a.rows(viewer, clock.t);
    expect(rows.map((r) => [r.filterKey, r.score])).toEqual([
      ['tokyo', 2],
      ['paris', 1],
    ]);
    expect(rows[1]).toMatchObject({ computeMillis: 7, bytes: 200, spec: { filter: { timeZone: 'Europe/Paris' } } });
    const later = await a.rows(viewer, clock.t + DAY); // one half-life later
    expect(later.map((r) => r.score)).toEqual([1, 0.5]);
    expect((await storeA.usage(viewer)).map((r) => r.filterKey)).toEqual(['tokyo']); // A's own durable snapshot
    redis.disconnect();
  });

  it('falls back to the store snapshot when Redis cannot answer', async () => {
    const viewer = uniqueViewer('usage-down');
    const store = createSqliteStore({ path: ':memory:' });
    const broken = {
      push: async () => Promise.reject(new Error('down')),
      rows: async () => Promise.reject(new Error('down')),
    };
    const errors: string[] = [];
    const t = createUsageTracker({ store, mirror: broken, onMirrorError: (e) => errors.push(e.message) });
    t.record(viewer, spec('UTC'), 'k', 1, 10);
    const rows = await t.rows(viewer, Date.now());
    expect(rows.map((r) => r.filterKey)).toEqual(['k']);
    expect(errors).toEqual(['down', 'down']);
  });

  it('rebuilds lost shared counters (evicted, deleted, a new Redis) from the store snapshot instead of planning from nothing', async () => {
    const viewer = uniqueViewer('usage-lost');
    viewers.push(viewer);
    const redis = createCacheRedis({ url: redisUrl(), logger });
    await redisReady(redis);
    const clock = { t: Date.UTC(2025, 0, 1) };
    const mirror = createRedisUsageMirror({ redis, breaker: createBreaker({ name: 'redis', timeoutMs: 1000 }) });
    const rebuilt: [string, number][] = [];
    const t = createUsageTracker({
      store: createSqliteStore({ path: ':memory:' }),
      now: () => clock.t,
      halfLifeMs: DAY,
      mirror,
      onMirrorRebuilt: (v, n) => rebuilt.push([v, n]),
    });
    t.record(viewer, spec('Asia/Tokyo'), 'tokyo', 5, 100);
    t.record(viewer, spec('Asia/Tokyo'), 'tokyo', 5, 100);
    t.record(viewer, spec('Europe/Paris'), 'paris', 7, 200);
    await t.flush();
    const before = (await t.rows(viewer, clock.t)).map((r) => [r.filterKey, r.score]);
    expect(before).toEqual([
      ['tokyo', 2],
      ['paris', 1],
    ]);
    await cleanupViewers(admin, [viewer]); // every usage key of the viewer gone, meta included
    expect(rebuilt).toEqual([]);
    const after = await t.rows(viewer, clock.t);
    expect(after.map((r) => [r.filterKey, r.score])).toEqual(before);
    expect(rebuilt).toEqual([[viewer, 2]]);
    // …and Redis holds them again for every other gateway.
    const other = createUsageTracker({
      store: createSqliteStore({ path: ':memory:' }),
      now: () => clock.t,
      halfLifeMs: DAY,
      mirror,
    });
    expect((await other.rows(viewer, clock.t)).map((r) => [r.filterKey, r.score])).toEqual(before);
    redis.disconnect();
  });
});

describe('checkEvictionPolicy', () => {
  it('warns (redis.eviction_policy) when Redis may evict keys without a TTL, and not otherwise', async () => {
    const records: { event?: string; level: number; policy?: string }[] = [];
    const recording = pino({ level: 'debug' }, { write: (line: string) => records.push(JSON.parse(line)) });
    const redis = createCacheRedis({ url: redisUrl(), logger });
    await redisReady(redis);
    const [, original] = (await admin.config('GET', 'maxmemory-policy')) as unknown as string[];
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      expect(await checkEvictionPolicy(redis, recording)).toBe('allkeys-lru');
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      expect(await checkEvictionPolicy(redis, recording)).toBe('noeviction');
    } finally {
      await admin.config('SET', 'maxmemory-policy', original ?? 'noeviction');
      redis.disconnect();
    }
    const warnings = records.filter((r) => r.event === 'redis.eviction_policy' && r.level === 40);
    expect(warnings.map((r) => r.policy)).toEqual(['allkeys-lru']);
  });
});
