// @vitest-environment edge-runtime
/** The Convex functions themselves: auth rules, idempotence, per-call limits and index order. */
import { describe, expect, it } from 'vitest';
import { api, internal } from '../../convex/_generated/api.js';
import type { EventFields } from '../../convex/model.js';
import { LIMITS } from '../../convex/model.js';
import { fakeConvexFetch, MODULES, newBackend, viewerClient } from './backend.js';

const ev = (i: number, over: Partial<EventFields> = {}): EventFields => ({
  eventId: `e${String(i).padStart(4, '0')}`,
  watchedAt: 1_700_000_000_000 + i * 60_000,
  videoId: `v${i}`,
  videoTitle: `Video ${i}`,
  channelKey: 'UC1',
  channelTitle: 'Channel 1',
  product: 'YOUTUBE',
  kind: 'WATCHED',
  isAd: false,
  topics: 1,
  ...over,
});

type T = ReturnType<typeof newBackend>;
const stats = JSON.stringify({ source: 'test', duplicatesSkipped: 0 });

async function importEvents(t: T, viewerId: string, events: EventFields[]) {
  const importId = await t.mutation(internal.imports.begin, { viewerId });
  for (let i = 0; i < events.length; i += LIMITS.stageEvents) {
    await t.mutation(internal.imports.stage, { importId, events: events.slice(i, i + LIMITS.stageEvents) });
  }
  expect(await t.mutation(internal.imports.startPublish, { importId, staleLockMs: 60_000 })).toBe('ready');
  while (!(await t.mutation(internal.imports.publish, { importId, limit: 100 })).done);
  return t.mutation(internal.imports.seal, { importId, stats });
}

interface Fn {
  isPublic?: boolean;
  isInternal?: boolean;
  exportArgs?: () => string;
}
const functions = Object.entries(MODULES).flatMap(([mod, exports]) =>
  Object.entries(exports)
    .filter(([, f]) => typeof f === 'function' && ((f as Fn).isPublic || (f as Fn).isInternal))
    .map(([name, f]) => ({ path: `${mod}:${name}`, fn: f as Fn })),
);

describe('auth rules', () => {
  it('no public function accepts a viewer id: public ones take the viewer from the identity', () => {
    const publics = functions.filter((f) => f.fn.isPublic);
    expect(publics.map((f) => f.path).sort()).toEqual(['changeLog:mine', 'entries:mine', 'events:mine', 'viewers:me']);
    for (const f of publics) expect(f.fn.exportArgs?.()).not.toMatch(/viewerId/i);
    // Everything that names a viewer in its arguments is internal (deploy key only).
    for (const f of functions.filter((g) => /viewerId/.test(g.fn.exportArgs?.() ?? ''))) expect(f.fn.isInternal).toBe(true);
  });

  it('public functions refuse unauthenticated calls', async () => {
    const c = viewerClient(fakeConvexFetch(newBackend()));
    const paginationOpts = { numItems: 10, cursor: null };
    await expect(c.query(api.viewers.me, {})).rejects.toThrow(/authenticated identity/);
    await expect(c.query(api.events.mine, { paginationOpts })).rejects.toThrow(/authenticated identity/);
    await expect(c.query(api.changeLog.mine, { sinceVersion: -1, paginationOpts })).rejects.toThrow(/authenticated identity/);
    await expect(c.query(api.entries.mine, { aggregation: 'kpis', filterKey: 'f' })).rejects.toThrow(/authenticated identity/);
  });

  it('a viewer sees only its own data, and cannot reach internal functions', async () => {
    const t = newBackend();
    await importEvents(t, 'alice', [ev(1), ev(2)]);
    await importEvents(t, 'bob', [ev(3)]);
    await t.mutation(internal.entries.put, {
      viewerId: 'bob',
      key: 'wg:{bob}:kpis:1:f',
      value: new ArrayBuffer(2),
      expiresAt: 1,
    });
    const f = fakeConvexFetch(t);
    const alice = viewerClient(f, 'alice');
    const page = await alice.query(api.events.mine, { paginationOpts: { numItems: 10, cursor: null } });
    expect(page.page.map((e) => e.eventId)).toEqual(['e0001', 'e0002']);
    expect(await alice.query(api.viewers.me, {})).toMatchObject({ id: 'alice', dataVersion: 1, eventCount: 2 });
    expect(await alice.query(api.entries.mine, { aggregation: 'kpis', filterKey: 'f' })).toEqual([]);
    expect(await viewerClient(f, 'bob').query(api.entries.mine, { aggregation: 'kpis', filterKey: 'f' })).toHaveLength(1);
    await expect(alice.query(internal.viewers.get as never, { viewerId: 'bob' } as never)).rejects.toThrow(
      /Could not find public function/,
    );
  });

  it('an entry key naming another viewer is refused', async () => {
    const t = newBackend();
    await expect(
      t.mutation(internal.entries.put, { viewerId: 'alice', key: 'wg:{bob}:kpis:1:f', value: new ArrayBuffer(1), expiresAt: 1 }),
    ).rejects.toThrow(/expected a key of viewer alice/);
  });
});

describe('imports', () => {
  it('are idempotent by event id, within an import and across imports', async () => {
    const t = newBackend();
    expect(await importEvents(t, 'a', [ev(1), ev(2), ev(2)])).toEqual({ added: 2, duplicates: 1, dataVersion: 1 });
    expect(await importEvents(t, 'a', [ev(2), ev(3)])).toEqual({ added: 1, duplicates: 1, dataVersion: 2 });
    // Duplicates only: a new version all the same (dataQuality's duplicate count changed).
    expect(await importEvents(t, 'a', [ev(1), ev(3)])).toEqual({ added: 0, duplicates: 2, dataVersion: 3 });
    const n = await t.run(async (ctx) => (await ctx.db.query('events').collect()).length);
    expect(n).toBe(3);
    const log = await t.query(internal.changeLog.list, {
      viewerId: 'a',
      sinceVersion: -1,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(log.page.map((r) => [r.dataVersion, r.added, JSON.parse(r.stats).duplicatesSkipped])).toEqual([
      [1, 2, 1],
      [2, 1, 1],
      [3, 0, 2],
    ]);
  });

  it('the first of two staged rows with one id wins', async () => {
    const t = newBackend();
    await importEvents(t, 'a', [ev(1, { videoTitle: 'first' }), ev(1, { videoTitle: 'second' })]);
    const page = await t.query(internal.events.list, {
      viewerId: 'a',
      atVersion: 1,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page.map((e) => e.videoTitle)).toEqual(['first']);
  });

  it('refuse calls beyond the per-call limits, and out-of-order steps', async () => {
    const t = newBackend();
    const importId = await t.mutation(internal.imports.begin, { viewerId: 'a' });
    const many = Array.from({ length: LIMITS.stageEvents + 1 }, (_, i) => ev(i));
    await expect(t.mutation(internal.imports.stage, { importId, events: many })).rejects.toThrow(/events.length from 1 to 1000/);
    await expect(t.mutation(internal.imports.publish, { importId, limit: 10 })).rejects.toThrow(/not started publishing/);
    await t.mutation(internal.imports.stage, { importId, events: [ev(1)] });
    await t.mutation(internal.imports.startPublish, { importId, staleLockMs: 60_000 });
    await expect(t.mutation(internal.imports.publish, { importId, limit: LIMITS.publishRows + 1 })).rejects.toThrow(
      /limit from 1/,
    );
    await expect(t.mutation(internal.imports.stage, { importId, events: [ev(2)] })).rejects.toThrow(/stage before commit/);
    await expect(t.mutation(internal.imports.seal, { importId, stats })).rejects.toThrow(/still has staged rows/);
    await t.mutation(internal.imports.publish, { importId, limit: 10 });
    await t.mutation(internal.imports.seal, { importId, stats });
    await expect(t.mutation(internal.imports.seal, { importId, stats })).rejects.toThrow(/already sealed or discarded/);
    await expect(
      t.query(internal.events.list, {
        viewerId: 'a',
        atVersion: 1,
        paginationOpts: { numItems: LIMITS.pageSize + 1, cursor: null },
      }),
    ).rejects.toThrow(/numItems/);
  });

  it('a full-size staging call and a full-size publish call fit within Convex limits', async () => {
    const t = newBackend(); // default Convex limits enforced
    const importId = await t.mutation(internal.imports.begin, { viewerId: 'a' });
    const events = Array.from({ length: LIMITS.stageEvents }, (_, i) => ev(i, { videoTitle: 'x'.repeat(500) }));
    await t.mutation(internal.imports.stage, { importId, events });
    await t.mutation(internal.imports.startPublish, { importId, staleLockMs: 60_000 });
    expect(await t.mutation(internal.imports.publish, { importId, limit: LIMITS.publishRows })).toMatchObject({ added: 1000 });
  });
});

describe('indexes', () => {
  it('events page in (watchedAt nulls first, event id) order, never showing unsealed rows', async () => {
    const t = newBackend();
    const events = [ev(5), ev(1, { watchedAt: null }), ev(3, { watchedAt: ev(5).watchedAt }), ev(0, { watchedAt: null }), ev(2)];
    await importEvents(t, 'a', events);
    const ids: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const r: { page: EventFields[]; isDone: boolean; continueCursor: string } = await t.query(internal.events.list, {
        viewerId: 'a',
        atVersion: 1,
        paginationOpts: { numItems: 2, cursor },
      });
      ids.push(...r.page.map((e) => e.eventId));
      if (r.isDone) break;
      cursor = r.continueCursor;
    }
    expect(ids).toEqual(['e0000', 'e0001', 'e0002', 'e0003', 'e0005']);
    const read = (atVersion: number) =>
      t.query(internal.events.list, { viewerId: 'a', atVersion, paginationOpts: { numItems: 10, cursor: null } });
    expect((await read(0)).page).toEqual([]);
  });

  it('entries are found by (viewer, aggregation, filterKey) across definition versions', async () => {
    const t = newBackend();
    const put = (key: string) =>
      t.mutation(internal.entries.put, { viewerId: 'a', key, value: new ArrayBuffer(1), expiresAt: 1 });
    await put('wg:{a}:kpis:1:tf=ALL:tz=UTC');
    await put('wg:{a}:kpis:2:tf=ALL:tz=UTC');
    await put('wg:{a}:kpis:2:tf=MTD:tz=UTC');
    await put('wg:{a}:heatmap:2:tf=ALL:tz=UTC');
    const got = await t
      .withIdentity({ subject: 'a' })
      .query(api.entries.mine, { aggregation: 'kpis', filterKey: 'tf=ALL:tz=UTC' });
    expect(got.map((e) => e.key).sort()).toEqual(['wg:{a}:kpis:1:tf=ALL:tz=UTC', 'wg:{a}:kpis:2:tf=ALL:tz=UTC']);
  });
});
