import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createLayeredCache } from '../../cache/layered.js';
import { createMemoryTier } from '../../cache/memory.js';
import { createViewerDirectory } from '../../cache/viewers.js';
import { canonicalizeFilter, filterKey } from '../../domain/filter.js';
import { LiveEngine } from '../../precompute/engine/index.js';
import { createInlineEngineHost, type EngineHost } from '../../precompute/engine-host.js';
import { baseSet, rankHotCombos } from '../../precompute/planner.js';
import { createPrecomputer } from '../../precompute/precomputer.js';
import { createInProcessQueue } from '../../precompute/queue.js';
import { REGISTRY } from '../../precompute/registry.js';
import { type AggregationRequest, createAggregationService, NotCachedError } from '../../precompute/service.js';
import { createUsageTracker } from '../../precompute/usage.js';
import { createSqliteStore } from '../../store/sqlite.js';
import type { Store } from '../../store/types.js';
import { emptyStats, makeEvent } from '../store/contract.js';

const logger = pino({ level: 'silent' });

async function setup(
  events = 50,
  xfetch: { beta: number; random: () => number } = { beta: 0, random: Math.random },
  wrapEngine: (e: EngineHost) => EngineHost = (e) => e,
) {
  const clock = { t: Date.UTC(2024, 0, 10, 12) };
  const now = () => clock.t;
  const store = createSqliteStore({ path: ':memory:' });
  const s = await store.beginImport('v');
  await s.addBatch(Array.from({ length: events }, (_, i) => makeEvent(i)));
  await s.commit(emptyStats());
  const memory = createMemoryTier({ now });
  const cache = createLayeredCache({ tiers: [memory], logger });
  const engine = wrapEngine(createInlineEngineHost(store));
  const loads = async () => (await engine.stats())[0]?.loads ?? 0;
  const usage = createUsageTracker({ store, now });
  const viewers = createViewerDirectory({ store, logger, maxAgeMs: 0 });
  const service = createAggregationService({
    store,
    viewers,
    cache,
    engine,
    usage,
    logger,
    now,
    xfetchBeta: xfetch.beta,
    random: xfetch.random,
  });
  let precomputer: ReturnType<typeof createPrecomputer> | undefined;
  const queue = createInProcessQueue(async (job) => {
    await precomputer?.run(job.viewerId);
  }, logger);
  precomputer = createPrecomputer({ store, service, usage, queue, logger, now });
  const req = (aggregation: string, filter = {}, params: Record<string, unknown> = {}): AggregationRequest => ({
    viewerId: 'v',
    aggregation,
    filter: canonicalizeFilter(filter),
    params,
  });
  return { clock, store, memory, cache, engine, loads, usage, service, queue, precomputer, req };
}

describe('aggregation service', () => {
  it('computes concurrent misses of one key once (single-flight) and loads events once', async () => {
    const { service, loads, req } = await setup();
    const results = await Promise.all(Array.from({ length: 20 }, () => service.resolveMany([req('kpis')])));
    expect(results.flat().every((r) => !(r instanceof Error) && (r.data as { videos: number }).videos === 50)).toBe(true);
    expect(service.counters.computations).toBe(1);
    expect(await loads()).toBe(1);
  });

  it("answers a cold request without waiting for the slower tiers' writes; settle() waits for them", async () => {
    const { service, memory, cache, req } = await setup();
    // A store tier whose writes hang until released.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stored = new Map<string, unknown>();
    const slow = {
      name: 'STORE' as const,
      get: async () => null,
      getMany: async (keys: readonly string[]) => keys.map(() => null),
      set: async (_viewerId: string, key: string, envelope: unknown) => {
        await gate;
        stored.set(key, envelope);
      },
      delete: async () => {},
    };
    (cache.tiers as unknown[]).push(slow);
    // Raced with a timer, so a regression (an answer held by the write) fails here, not at the test timeout.
    const answered = service.resolveMany([req('kpis')]);
    const [r] = (await Promise.race([
      answered,
      new Promise((resolve) => setTimeout(() => resolve(['held']), 5000)),
    ])) as unknown[];
    expect(r).toMatchObject({ meta: { source: 'COMPUTED' } });
    expect(stored.size).toBe(0); // answered while the write still waits
    expect(await memory.get(service.keyOf(req('kpis')))).not.toBeNull(); // the memory tier has it already
    let settled = false;
    const settling = service.settle().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await settling;
    expect([...stored.keys()]).toEqual([service.keyOf(req('kpis'))]);
  });

  it('builds the engine page by page when the store can page (loadEvents is never called)', async () => {
    const { service, store, req } = await setup(12_345);
    const loadEvents = vi.spyOn(store, 'loadEvents');
    const pageSizes: number[] = [];
    const original = store.eventPages!.bind(store);
    vi.spyOn(store as Required<Store>, 'eventPages').mockImplementation(async function* (id: string) {
      for await (const page of original(id, { pageSize: 1000 })) {
        pageSizes.push(page.length);
        yield page;
      }
    });
    const [r] = await service.resolveMany([req('kpis')]);
    expect((r as { data: { videos: number } }).data.videos).toBe(12_345);
    expect(loadEvents).not.toHaveBeenCalled();
    expect(pageSizes).toHaveLength(13);
    expect(Math.max(...pageSizes)).toBe(1000);
  });

  it('STALE_OK serves an expired entry at once, marked stale, while refreshing it once in the background', async () => {
    const { service, clock, req } = await setup();
    const [first] = await service.resolveMany([req('kpis')]);
    expect(first).toMatchObject({ meta: { source: 'COMPUTED', stale: false } });
    clock.t = (first as { meta: { expiresAt: number } }).meta.expiresAt + 1; // kpis expire at local midnight
    const [stale] = await service.resolveMany([req('kpis')], { freshness: 'STALE_OK' });
    expect(stale).toMatchObject({ meta: { source: 'MEMORY', stale: true } });
    await service.settle();
    expect(service.counters.backgroundRefreshes).toBe(1);
    const [fresh] = await service.resolveMany([req('kpis')]);
    expect(fresh).toMatchObject({ meta: { source: 'MEMORY', stale: false } });
    expect(service.counters.computations).toBe(2);
  });

  it('FRESH (the default) answers a fresh entry when it is computed within the wait', async () => {
    const { service, clock, req } = await setup();
    const [first] = await service.resolveMany([req('kpis')]);
    clock.t = (first as { meta: { expiresAt: number } }).meta.expiresAt + 1;
    const [again] = await service.resolveMany([req('kpis')]);
    expect(again).toMatchObject({ meta: { source: 'COMPUTED', stale: false } });
    expect(service.counters.freshTimeouts).toBe(0);
  });

  it('FRESH answers the newest entry it has, marked stale with its own version, when the fresh one takes longer than the wait', async () => {
    let release = () => {};
    let slow = false;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { service, store, req } = await setup(50, undefined, (e) => ({
      ...e,
      compute: async (b) => {
        if (slow) await gate;
        return e.compute(b);
      },
    }));
    const [v1] = await service.resolveMany([req('kpis')]);
    expect(v1).toMatchObject({ meta: { dataVersion: 1, stale: false } });
    const s = await store.beginImport('v');
    await s.addBatch([makeEvent(999)]);
    await s.commit(emptyStats()); // version 2: the v1 entry is no longer fresh
    slow = true;
    const [answer] = await service.resolveMany([req('kpis')], { waitMs: 20 });
    expect(answer).toMatchObject({ data: { videos: 50 }, meta: { source: 'MEMORY', stale: true, dataVersion: 1 } });
    expect(service.counters.freshTimeouts).toBe(1);
    release();
    await service.settle(); // the computation went on and wrote the fresh entry
    const [fresh] = await service.resolveMany([req('kpis')], { waitMs: 0 });
    expect(fresh).toMatchObject({ data: { videos: 51 }, meta: { source: 'MEMORY', stale: false, dataVersion: 2 } });
  });

  it('CACHED_ONLY never computes: a miss is a NotCachedError, a stale entry is served marked stale', async () => {
    const { service, store, req } = await setup();
    const [miss] = await service.resolveMany([req('kpis')], { freshness: 'CACHED_ONLY' });
    expect(miss).toBeInstanceOf(NotCachedError);
    expect(service.counters.computations).toBe(0);
    await service.resolveMany([req('kpis')]);
    const s = await store.beginImport('v');
    await s.addBatch([makeEvent(999)]);
    await s.commit(emptyStats());
    const [old] = await service.resolveMany([req('kpis')], { freshness: 'CACHED_ONLY' });
    expect(old).toMatchObject({ meta: { stale: true, dataVersion: 1 } });
    expect(service.counters.computations).toBe(1);
  });

  it('refreshes early with XFetch: probability grows as expiry nears, scaled by compute time', async () => {
    // −ln(random) = 1 with random = 1/e: refresh once now ≥ expiresAt − computeMillis × beta.
    const { service, clock, req } = await setup(50, { beta: 1000, random: () => Math.exp(-1) });
    const [first] = await service.resolveMany([req('monthlyTrend')]);
    const { expiresAt, computeMillis } = (first as { meta: { expiresAt: number; computeMillis: number } }).meta;
    const window = computeMillis * 1000;
    clock.t = expiresAt - window - 1; // just outside the early window: fresh, no refresh
    const [far] = await service.resolveMany([req('monthlyTrend')]);
    expect(far).toMatchObject({ meta: { source: 'MEMORY', stale: false } });
    expect(service.counters.backgroundRefreshes).toBe(0);
    clock.t = expiresAt - window / 2; // inside it: still served (not stale), refreshed in the background
    const [near] = await service.resolveMany([req('monthlyTrend')]);
    expect(near).toMatchObject({ meta: { source: 'MEMORY', stale: false } });
    await service.settle();
    expect(service.counters.backgroundRefreshes).toBe(1);
    expect(service.counters.computations).toBe(2);
  });

  it('never refreshes early when random() is 1 (−ln 1 = 0)', async () => {
    const { service, clock, req } = await setup(50, { beta: 1e9, random: () => 1 });
    const [first] = await service.resolveMany([req('monthlyTrend')]);
    clock.t = (first as { meta: { expiresAt: number } }).meta.expiresAt - 1;
    await service.resolveMany([req('monthlyTrend')]);
    expect(service.counters.backgroundRefreshes).toBe(0);
  });

  it('expires "today"-dependent entries at the next local midnight of the filter’s zone', async () => {
    const { service, req } = await setup();
    const [paris] = await service.resolveMany([req('kpis', { timeZone: 'Europe/Paris' })]);
    expect((paris as { meta: { expiresAt: number } }).meta.expiresAt).toBe(Date.UTC(2024, 0, 10, 23)); // 00:00 CET
    const [trend] = await service.resolveMany([req('monthlyTrend')]);
    expect((trend as { meta: { expiresAt: number } }).meta.expiresAt).toBe(Date.UTC(2024, 0, 17, 12)); // default 7 days
  });

  it('never writes a failed computation into the cache, and answers the others', async () => {
    const { service, memory, req } = await setup();
    const def = REGISTRY.find((d) => d.id === 'heatmap')!;
    // heatmap is maintained: its entries come from `finish` over the maintained statistics.
    const maintenance = def.maintenance as { finish: (...args: unknown[]) => unknown };
    const spy = vi.spyOn(maintenance, 'finish').mockImplementationOnce(() => {
      throw new Error('kernel bug');
    });
    const [bad, good] = await service.resolveMany([req('heatmap'), req('kpis')]);
    expect(bad).toBeInstanceOf(Error);
    expect(good).toMatchObject({ meta: { source: 'COMPUTED' } });
    expect(await memory.get(service.keyOf(req('heatmap')))).toBeNull();
    spy.mockRestore();
  });
});

describe('precompute', () => {
  it('warms the whole base set: every aggregation × timeframe × product', async () => {
    const { precomputer, service, store } = await setup();
    const contexts = new Set<unknown>();
    const context = LiveEngine.prototype.context;
    vi.spyOn(LiveEngine.prototype, 'context').mockImplementation(function (this: LiveEngine, ...args) {
      const ctx = context.apply(this, args);
      contexts.add(ctx);
      return ctx;
    });
    const combos = new Set<string>();
    const state = LiveEngine.prototype.state;
    vi.spyOn(LiveEngine.prototype, 'state').mockImplementation(function (this: LiveEngine, ...args) {
      combos.add(filterKey(args[0]));
      return state.apply(this, args);
    });
    const viewer = (await store.getViewer('v'))!;
    const inBase = REGISTRY.filter((d) => d.inBaseSet !== false);
    expect(inBase.length).toBe(REGISTRY.length - 1); // channelEvolution needs a channel
    expect(baseSet(viewer)).toHaveLength(inBase.length * 6 * 3);
    const report = await precomputer.run('v');
    expect(report).toMatchObject({ baseComputed: inBase.length * 18, baseFresh: 0 });
    // Every aggregation of the base set is finished from the maintained statistics of its
    // filter combo (6 timeframes × 3 products): no context over the rows is built at all.
    expect(combos.size).toBe(18);
    expect(contexts.size).toBe(0);
    const results = await service.resolveMany(baseSet(viewer));
    expect(results.every((r) => !(r instanceof Error) && r.meta.source === 'MEMORY')).toBe(true);
    expect((await precomputer.run('v')).baseComputed).toBe(0);
  });

  it('after a data change, recomputes the hot combos too, hottest first', async () => {
    const { precomputer, service, store, req } = await setup();
    const hot = req('topics', { topics: ['OTHER'], timeZone: 'Asia/Tokyo' });
    const warm = req('heatmap', { product: 'YOUTUBE_MUSIC', timeZone: 'America/New_York' });
    for (let i = 0; i < 5; i++) await service.resolveMany([hot]);
    await service.resolveMany([warm]);
    const s = await store.beginImport('v');
    await s.addBatch([makeEvent(999)]);
    await s.commit(emptyStats());
    const viewer = (await store.getViewer('v'))!;
    const report = await precomputer.run('v');
    expect(report.hotComputed).toBe(2);
    const [r] = await service.resolveMany([hot]);
    expect(r).toMatchObject({ meta: { source: 'MEMORY', dataVersion: viewer.dataVersion } });
  });

  it('ranks hot combos by decayed count × cost ÷ size and leaves out the base set', () => {
    const viewer = { id: 'v', timeZone: 'UTC', dataVersion: 1 };
    const spec = (tz: string) => ({ aggregation: 'kpis', filter: canonicalizeFilter({ timeZone: tz }), params: {} });
    const ranked = rankHotCombos(viewer, [
      { spec: spec('UTC'), score: 100, computeMillis: 5, bytes: 100 }, // base set: left out
      { spec: spec('Asia/Tokyo'), score: 2, computeMillis: 5, bytes: 100 },
      { spec: spec('Europe/Paris'), score: 1, computeMillis: 50, bytes: 100 },
      { spec: spec('America/Lima'), score: 10, computeMillis: 5, bytes: 10_000 },
    ]);
    expect(ranked.map((r) => r.request.filter.timeZone)).toEqual(['Europe/Paris', 'Asia/Tokyo', 'America/Lima']);
  });

  it('deduplicates queued jobs per viewer and data version', async () => {
    const { precomputer, queue } = await setup();
    const run = vi.spyOn(precomputer, 'run');
    expect(await precomputer.schedule('v')).toBe(true);
    expect(await precomputer.schedule('v')).toBe(false);
    await queue.idle();
    expect(await queue.depth()).toBe(0);
    expect(precomputer.lastReports).toHaveLength(1);
    run.mockRestore();
  });
});
