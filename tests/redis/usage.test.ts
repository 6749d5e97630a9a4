import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBreaker } from '../../cache/breaker.js';
import { createCacheRedis, redisReady } from '../../cache/redis-client.js';
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
});
