import { afterEach, describe, expect, it } from 'vitest';
import { IngestDocument, KpisDocument } from '../generated/graphql.js';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
  await gw.store.close();
});

const PLAN = `{ precomputePlan(limit: 5) { viewerId dataVersion baseSetSize hot { aggregation filterKey score benefit lastComputedAt } } }`;
const STATS = `{ cacheStats { hits { tier count } misses computations queueDepth breaker { state } } }`;

describe('admin queries', () => {
  it('precomputePlan ranks the viewer’s hot combos and says which are cached', async () => {
    gw = testGateway();
    await gw.run(IngestDocument, { events: sampleEvents(10) });
    await gw.queue.idle();
    for (let i = 0; i < 3; i++) await gw.run(KpisDocument, { filter: { timeZone: 'Asia/Tokyo' } });
    await gw.run(KpisDocument, { filter: { timeZone: 'Europe/Paris' } });
    const r = await gw.raw(PLAN);
    expect(r.errors).toBeUndefined();
    const plan = (
      r.data as {
        precomputePlan: {
          baseSetSize: number;
          hot: { aggregation: string; filterKey: string; score: number; benefit: number; lastComputedAt: string | null }[];
        };
      }
    ).precomputePlan;
    expect(plan.baseSetSize).toBeGreaterThan(0);
    // Ranked by benefit (score × compute cost ÷ size); compute times vary, so check the rule, not a fixed order.
    const byZone = Object.fromEntries(plan.hot.map((h) => [h.filterKey.match(/tz=([^|]+)/)?.[1], h]));
    expect(Object.keys(byZone).sort()).toEqual(['Asia/Tokyo', 'Europe/Paris']);
    expect(byZone['Asia/Tokyo']!.score).toBeCloseTo(3, 3);
    expect(byZone['Europe/Paris']!.score).toBeCloseTo(1, 3);
    expect(plan.hot.map((h) => h.benefit)).toEqual(plan.hot.map((h) => h.benefit).sort((a, b) => b - a));
    expect(plan.hot.every((h) => h.lastComputedAt !== null)).toBe(true);
    expect(new Set(plan.hot.map((h) => h.aggregation))).toEqual(new Set(['KPIS'])); // the Aggregation enum
  });

  it('cacheStats counts hits per tier, misses and computations', async () => {
    gw = testGateway();
    await gw.run(KpisDocument, {});
    await gw.run(KpisDocument, {});
    const r = await gw.raw(STATS);
    expect(r.data).toMatchObject({
      cacheStats: {
        hits: [
          { tier: 'MEMORY', count: 1 },
          { tier: 'STORE', count: 0 },
        ],
        misses: 1,
        computations: 1,
        breaker: null,
      },
    });
  });

  it('reports the Redis breaker state as a BreakerState (Redis configured, none listening)', async () => {
    // Threshold 2: the first query's own response-cache lookup is one failure, the next opens the circuit.
    gw = testGateway({ redis: { url: 'redis://127.0.0.1:9', timeoutMs: 50, failureThreshold: 2, cooldownMs: 60_000 } });
    const state = async () =>
      ((await gw.raw('{ cacheStats { breaker { state } } }')).data as { cacheStats: { breaker: { state: string } } }).cacheStats
        .breaker.state;
    expect(await state()).toBe('CLOSED');
    await gw.raw('{ analytics { kpis { meta { source } } } }'); // the Redis read fails: the circuit opens
    expect(await state()).toBe('OPEN');
  });

  it("a non-admin sees their own plan, not another viewer's, and not the process-wide cache stats", async () => {
    gw = testGateway({ resolveViewerId: () => 'someone' });
    await gw.store.ensureViewer('bob');
    const own = await gw.raw(PLAN);
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ precomputePlan: { viewerId: 'someone' } });
    for (const q of ['{ precomputePlan(viewerId: "bob") { viewerId } }', STATS]) {
      const r = await gw.raw(q);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('an admin asking about a viewer who does not exist creates nothing', async () => {
    gw = testGateway();
    const r = await gw.raw('{ precomputePlan(viewerId: "bob") { viewerId } }');
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'viewerId' });
    expect(await gw.store.getViewer('bob')).toBeNull();
  });

  it('rejects a limit out of bounds naming the argument', async () => {
    gw = testGateway();
    const r = await gw.raw('{ precomputePlan(limit: 0) { viewerId } }');
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
  });
});
