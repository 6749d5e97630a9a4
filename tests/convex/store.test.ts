// @vitest-environment edge-runtime
/**
 * The Store contract against the Convex adapter, driven through ConvexHttpClient (admin key,
 * HTTP wire format) over a convex-test backend; plus what only a multi-mutation import can get wrong.
 */
import { describe, expect, it } from 'vitest';
import { internal } from '../../convex/_generated/api.js';
import { createConvexStore, createConvexStoreFromEnv } from '../../store/convex.js';
import { describeStore, emptyStats, makeEvent } from '../store/contract.js';
import { ADMIN_KEY, type Backend, DEPLOYMENT_URL, directSurface, fakeConvexFetch, newBackend } from './backend.js';

const httpStore = (t: Backend, options: Parameters<typeof createConvexStoreFromEnv>[1] = {}) => {
  const f = fakeConvexFetch(t);
  const store = createConvexStoreFromEnv(
    { CONVEX_URL: DEPLOYMENT_URL, CONVEX_DEPLOY_KEY: ADMIN_KEY },
    { ...options, fetch: f.fetch },
  );
  return { store, calls: f.calls };
};

describeStore('convex (ConvexHttpClient → convex-test)', async () => httpStore(newBackend()).store);
describeStore('convex (convex-test call surface, small pages and chunks)', async () =>
  createConvexStore({ client: directSurface(newBackend()), pageSize: 2, stageBatch: 2, publishChunk: 2 }),
);

const events = (n: number, from = 0) => Array.from({ length: n }, (_, i) => makeEvent(from + i));

describe('Convex adapter', () => {
  it('refuses to start without a URL or a deploy key', () => {
    expect(() => createConvexStoreFromEnv({ CONVEX_DEPLOY_KEY: 'k' })).toThrow(/CONVEX_URL/);
    expect(() => createConvexStoreFromEnv({ CONVEX_URL: DEPLOYMENT_URL })).toThrow(/CONVEX_DEPLOY_KEY/);
  });

  it('without the deploy key the deployment hides every function the adapter calls', async () => {
    const t = newBackend();
    const f = fakeConvexFetch(t);
    const store = createConvexStoreFromEnv({ CONVEX_URL: DEPLOYMENT_URL, CONVEX_DEPLOY_KEY: 'wrong' }, { fetch: f.fetch });
    await expect(store.getViewer('a')).rejects.toThrow(/Could not find public function/);
  });

  it('splits a large batch into bounded staging mutations and publishes in chunks', async () => {
    const { store, calls } = httpStore(newBackend(), { stageBatch: 300, publishChunk: 400 });
    const s = await store.beginImport('a');
    await s.addBatch(events(1000));
    const stages = calls.filter((c) => c.path === 'imports:stage').map((c) => (c.args.events as unknown[]).length);
    expect(stages).toEqual([300, 300, 300, 100]);
    expect(await s.commit(emptyStats())).toEqual({ added: 1000, duplicates: 0, dataVersion: 1 });
    expect(calls.filter((c) => c.path === 'imports:publish')).toHaveLength(3); // 400 + 400 + 200
    expect(await store.countEvents('a')).toBe(1000);
  });

  it('splits staging by argument size too', async () => {
    const { store, calls } = httpStore(newBackend(), { stageBytes: 20_000 });
    const s = await store.beginImport('a');
    await s.addBatch(events(10).map((e) => ({ ...e, videoTitle: 'x'.repeat(3000) }))); // ~9 KB estimated each
    expect(calls.filter((c) => c.path === 'imports:stage').map((c) => (c.args.events as unknown[]).length)).toEqual([
      2, 2, 2, 2, 2,
    ]);
    await s.abort();
  });

  it('an import larger than one mutation may write stays invisible until sealed, then appears at once', async () => {
    // Convex's limits scaled down 40× (400 documents written, 800 read, 150 index queries per
    // function), so that 600 events cannot be published by any one mutation: the import must span several.
    const t = newBackend({ documentsWritten: 400, documentsRead: 800, databaseQueries: 150 });
    const client = directSurface(t);
    const store = createConvexStore({ client, stageBatch: 100, publishChunk: 100, pageSize: 100 });
    const s = await store.beginImport('a');
    const all = events(600);
    await s.addBatch(all);
    const [imp] = await t.run((ctx) => ctx.db.query('imports').collect());
    const importId = imp!._id;
    expect(await client.mutation(internal.imports.startPublish, { importId, staleLockMs: 60_000 })).toBe('ready');
    await expect(client.mutation(internal.imports.publish, { importId, limit: 600 })).rejects.toThrow(/too many/i);
    // Publish half by hand, as a commit in progress would, and look from outside.
    for (let i = 0; i < 3; i++) await client.mutation(internal.imports.publish, { importId, limit: 100 });
    expect(await t.run(async (ctx) => (await ctx.db.query('events').collect()).length)).toBe(300);
    expect(await store.countEvents('a')).toBe(0);
    expect(await store.loadEvents('a')).toEqual([]);
    expect((await store.getViewer('a'))?.dataVersion).toBe(0);
    expect(await s.commit(emptyStats())).toEqual({ added: 600, duplicates: 0, dataVersion: 1 });
    expect((await store.loadEvents('a')).map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(await store.countEvents('a')).toBe(600);
  });

  it('a commit that fails half-way leaves nothing behind, and the next import succeeds', async () => {
    const t = newBackend();
    const direct = directSurface(t);
    let publishes = 0;
    const flaky = {
      query: direct.query,
      mutation: (async (ref, args) => {
        if ((args as { limit?: number }).limit !== undefined && ++publishes === 2) throw new Error('network down');
        return direct.mutation(ref, args);
      }) as typeof direct.mutation,
    };
    const store = createConvexStore({ client: flaky, publishChunk: 3 });
    const s = await store.beginImport('a');
    await s.addBatch(events(10));
    await expect(s.commit(emptyStats())).rejects.toThrow(/network down/);
    const left = await t.run(async (ctx) => ({
      events: (await ctx.db.query('events').collect()).length,
      staged: (await ctx.db.query('staged').collect()).length,
      imports: (await ctx.db.query('imports').collect()).length,
      viewer: await ctx.db.query('viewers').first(),
    }));
    expect(left).toMatchObject({ events: 0, staged: 0, imports: 0, viewer: { dataVersion: 0, publishing: null } });
    const again = await store.beginImport('a');
    await again.addBatch(events(10));
    expect(await again.commit(emptyStats())).toEqual({ added: 10, duplicates: 0, dataVersion: 1 });
  });

  it('a second import of the same viewer waits until the first has sealed', async () => {
    const t = newBackend();
    const client = directSurface(t);
    const first = await createConvexStore({ client }).beginImport('a');
    await first.addBatch(events(3));
    const [imp] = await t.run((ctx) => ctx.db.query('imports').collect());
    await client.mutation(internal.imports.startPublish, { importId: imp!._id, staleLockMs: 60_000 }); // first holds the lock
    let slept = 0;
    const store = createConvexStore({
      client,
      sleep: async () => {
        if (++slept === 2) await first.commit(emptyStats()); // the first finishes while the second waits
      },
    });
    const second = await store.beginImport('a');
    await second.addBatch(events(3, 2));
    expect(await second.commit(emptyStats())).toEqual({ added: 2, duplicates: 1, dataVersion: 2 });
    expect(slept).toBe(2);
    const impatient = createConvexStore({ client, lockWaitMs: 0 });
    const s = await impatient.beginImport('a');
    await s.addBatch(events(1, 50));
    await client.mutation(internal.imports.startPublish, {
      importId: (await t.run((ctx) => ctx.db.query('imports').collect()))[0]!._id,
      staleLockMs: 60_000,
    });
    const other = await impatient.beginImport('a');
    await other.addBatch(events(1, 60));
    await expect(other.commit(emptyStats())).rejects.toThrow(/another import publishing/);
  });

  it('a dead publisher is taken over once its lock is stale, after its unpublished rows are discarded', async () => {
    const t = newBackend();
    const client = directSurface(t);
    const store = createConvexStore({ client, staleLockMs: 60_000 });
    // A gateway that died while publishing: lock held, some rows written with the reserved version.
    const dead = await store.beginImport('a');
    await dead.addBatch(events(6));
    const [imp] = await t.run((ctx) => ctx.db.query('imports').collect());
    await client.mutation(internal.imports.startPublish, { importId: imp!._id, staleLockMs: 60_000 });
    await client.mutation(internal.imports.publish, { importId: imp!._id, limit: 4 });
    await t.run(async (ctx) => {
      const v = await ctx.db.query('viewers').first();
      await ctx.db.patch(v!._id, { publishing: { importId: imp!._id, at: Date.now() - 3_600_000 } });
    });
    const next = await store.beginImport('a');
    await next.addBatch(events(3, 2)); // e000002 … e000004: three of them were written by the dead import
    expect(await next.commit(emptyStats())).toEqual({ added: 3, duplicates: 0, dataVersion: 1 });
    expect((await store.loadEvents('a')).map((e) => e.id)).toEqual(['e000002', 'e000003', 'e000004']);
    await expect(client.mutation(internal.imports.publish, { importId: imp!._id, limit: 4 })).rejects.toThrow(/publishing lock/);
  });

  it('a read spanning pages stays at the version it started with', async () => {
    const store = createConvexStore({ client: directSurface(newBackend()), pageSize: 2 });
    const s1 = await store.beginImport('a');
    await s1.addBatch(events(4, 10));
    await s1.commit(emptyStats());
    const pages = store.eventPages('a')[Symbol.asyncIterator]();
    const first = await pages.next();
    const s2 = await store.beginImport('a');
    await s2.addBatch(events(4)); // earlier ids and times: would sort into the pages still to come
    await s2.commit(emptyStats());
    const rest: string[] = [];
    for (let r = await pages.next(); !r.done; r = await pages.next()) rest.push(...r.value.map((e) => e.id));
    expect([...(first.value as { id: string }[]).map((e) => e.id), ...rest]).toEqual([
      'e000010',
      'e000011',
      'e000012',
      'e000013',
    ]);
    expect(await store.countEvents('a')).toBe(8);
  });

  it('sweeps imports abandoned before the first import of a process', async () => {
    const t = newBackend();
    const old = createConvexStore({ client: directSurface(t) });
    const s = await old.beginImport('a');
    await s.addBatch(events(5));
    await t.run(async (ctx) => {
      const imp = await ctx.db.query('imports').first();
      await ctx.db.patch(imp!._id, { createdAt: Date.now() - 2 * 86_400_000 });
    });
    const fresh = createConvexStore({ client: directSurface(t) });
    await (await fresh.beginImport('b')).abort();
    expect(await t.run(async (ctx) => (await ctx.db.query('staged').collect()).length)).toBe(0);
    await expect(s.commit(emptyStats())).rejects.toThrow(/already sealed or discarded/);
  });

  it('round-trips entry bytes that sit inside a larger buffer', async () => {
    const { store } = httpStore(newBackend());
    const big = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await store.putEntry('a', { key: 'wg:{a}:kpis:1:k', value: big.subarray(2, 5), expiresAt: 5 });
    const [got] = await store.getEntries(['wg:{a}:kpis:1:k']);
    expect(got && [...got.value]).toEqual([1, 2, 3]);
    await expect(store.putEntry('a', { key: 'k', value: new Uint8Array(1_000_001), expiresAt: 1 })).rejects.toThrow(
      /at most 1000000 bytes/,
    );
  });

  it('reads and deletes more keys than one call carries', async () => {
    const store = createConvexStore({ client: directSurface(newBackend()) });
    const keys = Array.from({ length: 250 }, (_, i) => `wg:{a}:kpis:1:f${i}`);
    for (const key of keys.filter((_, i) => i % 3 === 0))
      await store.putEntry('a', { key, value: new Uint8Array([1]), expiresAt: 1 });
    const got = await store.getEntries(keys);
    expect(got.map((g) => g?.key ?? null)).toEqual(keys.map((k, i) => (i % 3 === 0 ? k : null)));
    await store.deleteEntries(keys);
    expect((await store.getEntries(keys)).every((g) => g === null)).toBe(true);
  });
});
