/** The three freshness modes and read-your-writes, through GraphQL (README "Freshness"). */
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite.js';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const g of gateways.splice(0)) {
    await g.close();
    await g.store.close();
  }
});

const INGEST = 'mutation($e: [WatchEventInput!]!) { ingestWatchEvents(events: $e) { added dataVersion } }';
type Field = { data: { videos: number }; meta: { stale: boolean; dataVersion: number; source: string } } | null;
type Answer = {
  data?: { analytics: { kpis: Field; overview: Field } };
  errors?: { path?: string[]; extensions?: { code?: string; field?: string } }[];
};

const ask = (gw: TestGateway, args = '') =>
  gw.raw(
    `{ analytics${args} { kpis { data { videos } meta { stale dataVersion source } } overview { data { videos } meta { stale dataVersion source } } } }`,
  ) as Promise<Answer>;

describe('freshness', () => {
  it('CACHED_ONLY never computes: each field with nothing cached is null with NOT_CACHED on its path', async () => {
    const gw = testGateway();
    gateways.push(gw);
    await gw.raw(INGEST, { e: sampleEvents(5) });
    // Nothing precomputed yet in another zone: both fields miss.
    const cold = await ask(gw, '(filter: { timeZone: "Asia/Tokyo" }, freshness: CACHED_ONLY)');
    expect(cold.data?.analytics).toEqual({ kpis: null, overview: null });
    expect(cold.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.field]).sort()).toEqual([
      ['analytics.kpis', 'NOT_CACHED', 'kpis'],
      ['analytics.overview', 'NOT_CACHED', 'overview'],
    ]);
    const before = gw.services.aggregations.counters.computations;
    await ask(gw, '(filter: { timeZone: "Asia/Tokyo" }, freshness: CACHED_ONLY)');
    expect(gw.services.aggregations.counters.computations).toBe(before);
    // Once computed (FRESH), CACHED_ONLY answers from the cache.
    await ask(gw, '(filter: { timeZone: "Asia/Tokyo" })');
    const warm = await ask(gw, '(filter: { timeZone: "Asia/Tokyo" }, freshness: CACHED_ONLY)');
    expect(warm.errors).toBeUndefined();
    expect(warm.data?.analytics.kpis?.data.videos).toBe(5);
  });

  it('STALE_OK answers at once with the cached result of an older version, marked stale; FRESH reads your writes', async () => {
    const gw = testGateway();
    gateways.push(gw);
    await gw.raw(INGEST, { e: sampleEvents(5) });
    await gw.queue.idle();
    expect((await ask(gw)).data?.analytics.kpis?.meta).toMatchObject({ dataVersion: 1, stale: false });
    // A new commit; its precompute job has not run yet when we ask.
    await gw.queue.close();
    const w = (await gw.raw(INGEST, { e: sampleEvents(3, Date.UTC(2024, 4, 9)) })) as {
      data: { ingestWatchEvents: { dataVersion: number } };
    };
    const stale = await ask(gw, '(freshness: STALE_OK)');
    expect(stale.data?.analytics.kpis).toMatchObject({ data: { videos: 5 }, meta: { stale: true, dataVersion: 1 } });
    // FRESH (the default) waits for the new version: the writer sees its own write.
    const fresh = await ask(gw);
    expect(fresh.data?.analytics.kpis).toMatchObject({
      data: { videos: 8 },
      meta: { stale: false, dataVersion: w.data.ingestWatchEvents.dataVersion },
    });
  });

  it('atLeastVersion: a gateway that has not heard of a commit yet answers for it when asked to', async () => {
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/wg-fresh-`);
    const path = `${dir}/wg.db`;
    const a = testGateway({ store: createSqliteStore({ path }) });
    // B trusts its cached viewer for a minute and has no pub/sub: only atLeastVersion can move it.
    const b = testGateway({ store: createSqliteStore({ path }), viewerMaxAgeMs: 60_000 });
    gateways.push(a, b);
    await a.raw(INGEST, { e: sampleEvents(5) });
    expect((await ask(b)).data?.analytics.kpis?.data.videos).toBe(5);
    const w = (await a.raw(INGEST, { e: sampleEvents(3, Date.UTC(2024, 4, 9)) })) as {
      data: { ingestWatchEvents: { dataVersion: number } };
    };
    expect((await ask(b)).data?.analytics.kpis?.data.videos).toBe(5); // B does not know yet
    const mine = await ask(b, `(atLeastVersion: ${w.data.ingestWatchEvents.dataVersion})`);
    expect(mine.data?.analytics.kpis).toMatchObject({ data: { videos: 8 }, meta: { dataVersion: 2, stale: false } });
  });
});
