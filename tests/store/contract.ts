/**
 * The Store contract, run against every implementation (SQLite now, Convex under convex-test later).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../domain/events.js';
import type { ImportStats, Store } from '../../store/types.js';

export const emptyStats = (source = 'test'): ImportStats => ({
  source,
  recordsRead: 0,
  duplicatesSkipped: 0,
  timestampFormats: {},
  timeZoneAbbreviations: {},
  ambiguousTimeZones: 0,
});

export function makeEvent(i: number, over: Partial<WatchEvent> = {}): WatchEvent {
  return {
    id: `e${String(i).padStart(6, '0')}`,
    watchedAt: Date.UTC(2024, 0, 1) + i * 60_000,
    videoId: `v${i}`,
    videoTitle: `Video ${i}`,
    channelKey: `UC${i % 7}`,
    channelTitle: `Channel ${i % 7}`,
    product: 'YOUTUBE',
    kind: 'WATCHED',
    isAd: false,
    topics: 1 << 12,
    ...over,
  };
}

export function describeStore(name: string, factory: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory();
      return async () => store.close();
    });

    it('creates a viewer once with its time zone and version 0', async () => {
      expect(await store.getViewer('a')).toBeNull();
      expect(await store.ensureViewer('a', 'Europe/Paris')).toEqual({ id: 'a', timeZone: 'Europe/Paris', dataVersion: 0 });
      expect(await store.ensureViewer('a', 'UTC')).toEqual({ id: 'a', timeZone: 'Europe/Paris', dataVersion: 0 });
      expect((await store.setViewerTimeZone('a', 'Asia/Tokyo')).timeZone).toBe('Asia/Tokyo');
    });

    it('commits staged batches atomically and bumps the data version', async () => {
      const s = await store.beginImport('a');
      await s.addBatch([makeEvent(1), makeEvent(2)]);
      await s.addBatch([makeEvent(3)]);
      expect(await store.countEvents('a')).toBe(0); // not visible before commit
      const r = await s.commit(emptyStats());
      expect(r).toEqual({ added: 3, duplicates: 0, dataVersion: 1 });
      expect((await store.loadEvents('a')).map((e) => e.id)).toEqual(['e000001', 'e000002', 'e000003']);
      expect((await store.getViewer('a'))?.dataVersion).toBe(1);
    });

    it('is idempotent: re-importing the same ids adds nothing and keeps the version', async () => {
      const s1 = await store.beginImport('a');
      await s1.addBatch([makeEvent(1), makeEvent(2)]);
      await s1.commit(emptyStats());
      const s2 = await store.beginImport('a');
      await s2.addBatch([makeEvent(2), makeEvent(3), makeEvent(3)]);
      const r = await s2.commit(emptyStats());
      expect(r).toEqual({ added: 1, duplicates: 2, dataVersion: 2 });
      // Duplicates only: nothing new is stored, but dataQuality's duplicate count changed, so
      // it is a new version (results other than dataQuality carry over unchanged).
      const s3 = await store.beginImport('a');
      await s3.addBatch([makeEvent(1)]);
      expect(await s3.commit(emptyStats())).toEqual({ added: 0, duplicates: 1, dataVersion: 3 });
      const log = await store.changeLog('a', 2);
      expect(log.map((e) => [e.dataVersion, e.added, e.stats.duplicatesSkipped, e.visibleAdded ?? 0])).toEqual([[3, 0, 1, 0]]);
      // An empty commit changes nothing.
      const s4 = await store.beginImport('a');
      expect(await s4.commit(emptyStats())).toEqual({ added: 0, duplicates: 0, dataVersion: 3 });
    });

    it('reads the delta between two versions, and the history as of a version', async () => {
      const commit = async (events: WatchEvent[]) => {
        const s = await store.beginImport('a');
        await s.addBatch(events);
        return s.commit(emptyStats());
      };
      await commit([makeEvent(1), makeEvent(5)]); // v1
      await commit([makeEvent(3), makeEvent(5), makeEvent(9, { watchedAt: null })]); // v2: a backfill, a duplicate, an undated
      await commit([makeEvent(2, { kind: 'VIEWED' }), makeEvent(7, { isAd: true })]); // v3
      const ids = (d: { events: WatchEvent[] }) => d.events.map((e) => e.id).sort();
      expect(ids(await store.eventsAdded('a', 0, 1))).toEqual(['e000001', 'e000005']);
      expect(ids(await store.eventsAdded('a', 1, 3))).toEqual(['e000002', 'e000003', 'e000007', 'e000009']);
      expect(ids(await store.eventsAdded('a', 3, 3))).toEqual([]);
      const capped = await store.eventsAdded('a', 0, 3, 2);
      expect([capped.events.length, capped.truncated]).toEqual([2, true]);
      expect((await store.eventsAdded('a', 0, 3, 6)).truncated).toBe(false);
      // The delta round-trips every field.
      expect((await store.eventsAdded('a', 2, 3)).events.find((e) => e.id === 'e000007')).toEqual(makeEvent(7, { isAd: true }));
      const asOf = async (version: number) => {
        const out: string[] = [];
        for await (const page of store.eventPages('a', { upToVersion: version, pageSize: 2 })) out.push(...page.map((e) => e.id));
        return out;
      };
      expect(await asOf(1)).toEqual(['e000001', 'e000005']);
      expect(await asOf(2)).toEqual(['e000009', 'e000001', 'e000003', 'e000005']);
      expect((await asOf(3)).length).toBe(6);
      // Aggregation-visible additions per commit (dated WATCHED; and of those, non-ads).
      const log = await store.changeLog('a');
      expect(log.map((e) => [e.dataVersion, e.visibleAdded, e.visibleNonAdAdded])).toEqual([
        [1, 2, 2],
        [2, 1, 1],
        [3, 1, 0],
      ]);
    });

    it('an aborted import leaves the store exactly as before', async () => {
      const s = await store.beginImport('a');
      await s.addBatch([makeEvent(1)]);
      await s.abort();
      expect(await store.countEvents('a')).toBe(0);
      expect((await store.getViewer('a'))?.dataVersion).toBe(0);
      await expect(s.commit(emptyStats())).rejects.toThrow(/already committed or aborted/);
    });

    it('keeps viewers apart', async () => {
      const s = await store.beginImport('a');
      await s.addBatch([makeEvent(1)]);
      await s.commit(emptyStats());
      const t = await store.beginImport('b');
      await t.addBatch([makeEvent(1)]); // same id, other viewer: not a duplicate
      expect((await t.commit(emptyStats())).added).toBe(1);
      expect(await store.countEvents('a')).toBe(1);
      expect(await store.countEvents('b')).toBe(1);
    });

    it('round-trips every event field, undated first', async () => {
      const e1 = makeEvent(1, {
        watchedAt: null,
        videoId: null,
        channelKey: null,
        channelTitle: null,
        isAd: true,
        kind: 'VISITED',
      });
      const e2 = makeEvent(2, { product: 'YOUTUBE_MUSIC', topics: 0b1000001, videoTitle: 'Émoji ✓ “quotes”' });
      const s = await store.beginImport('a');
      await s.addBatch([e2, e1]);
      await s.commit(emptyStats());
      expect(await store.loadEvents('a')).toEqual([e1, e2]);
    });

    it('pages events in the loadEvents order (undated first, ties in time by id), whatever the page size', async () => {
      if (!store.eventPages) return; // optional capability
      const t = Date.UTC(2024, 0, 1);
      const events = [
        makeEvent(5, { watchedAt: t + 60_000 }),
        makeEvent(1, { watchedAt: null }),
        makeEvent(3, { watchedAt: t }),
        makeEvent(2, { watchedAt: t }),
        makeEvent(4, { watchedAt: null }),
        makeEvent(6, { watchedAt: t - 5 }),
        makeEvent(7, { watchedAt: t }),
      ];
      const s = await store.beginImport('a');
      await s.addBatch(events);
      await s.commit(emptyStats());
      const all = (await store.loadEvents('a')).map((e) => e.id);
      expect(all).toEqual(['e000001', 'e000004', 'e000006', 'e000002', 'e000003', 'e000007', 'e000005']);
      for (const size of [1, 2, 3, 100]) {
        const pages: string[][] = [];
        for await (const page of store.eventPages('a', { pageSize: size })) pages.push(page.map((e) => e.id));
        expect(pages.flat()).toEqual(all);
        expect(pages.every((p) => p.length > 0)).toBe(true);
      }
    });

    it('appends the change log with the import stats', async () => {
      const s = await store.beginImport('a');
      await s.addBatch([makeEvent(1)]);
      const stats = { ...emptyStats('takeout-json'), recordsRead: 5, duplicatesSkipped: 1, timestampFormats: { iso: 5 } };
      await s.commit(stats);
      const log = await store.changeLog('a');
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ viewerId: 'a', dataVersion: 1, added: 1, stats });
      expect(await store.changeLog('a', 1)).toEqual([]);
      const again = await store.beginImport('a');
      await again.addBatch([makeEvent(1)]);
      await again.commit(stats);
      const [, second] = await store.changeLog('a');
      expect(second).toMatchObject({ dataVersion: 2, added: 0, stats: { duplicatesSkipped: 2 } }); // 1 dropped early + 1 at commit; a new version (dataQuality changed)
    });

    it('stores, overwrites and deletes entries', async () => {
      const key = 'wg:{a}:kpis:1:x';
      expect(await store.getEntries([key, 'nope'])).toEqual([null, null]);
      await store.putEntry('a', { key, value: new Uint8Array([1, 2, 3]), expiresAt: 10 });
      await store.putEntry('a', { key, value: new Uint8Array([4, 5]), expiresAt: 20 });
      const [got] = await store.getEntries([key]);
      expect(got && [...got.value]).toEqual([4, 5]);
      expect(got?.expiresAt).toBe(20);
      await store.deleteEntries([key]);
      expect(await store.getEntries([key])).toEqual([null]);
    });

    it('sweeps entries past their retention; keeps the others', async () => {
      const put = (key: string, expiresAt: number) => store.putEntry('a', { key, value: new Uint8Array(10), expiresAt });
      await put('wg:{a}:kpis:1:old', 1_000);
      await put('wg:{a}:kpis:1:recent', 9_000);
      const r = await store.sweepEntries({ now: 10_000, retainStaleMs: 5_000, perViewerBytes: 1e9 });
      expect(r.expired).toBe(1);
      expect((await store.getEntries(['wg:{a}:kpis:1:old', 'wg:{a}:kpis:1:recent'])).map((e) => e?.key ?? null)).toEqual([
        null,
        'wg:{a}:kpis:1:recent',
      ]);
    });

    if (name.startsWith('sqlite')) {
      it('keeps each viewer within its byte budget: the least valuable go first, never the base set', async () => {
        const put = (viewer: string, key: string, bytes: number, base = false) =>
          store.putEntry(viewer, { key: `wg:{${viewer}}:${key}`, value: new Uint8Array(bytes), expiresAt: 1e15, base });
        await put('a', 'kpis:1:base', 4000, true);
        await put('a', 'kpis:1:cold', 1000);
        await put('a', 'heatmap:1:hot', 1000);
        await put('a', 'topics:1:warm', 1000);
        await put('b', 'kpis:1:other-viewer', 4000); // under its own budget: untouched
        // Requests make entries valuable: heatmap most, topics less, the cold one never.
        const usage = (aggregation: string, filterKey: string, n: number) =>
          store.recordUsage({ viewerId: 'a', aggregation, filterKey, params: '{}', computeMillis: 5, bytes: 1000 }, 0, 1e12, n);
        await usage('heatmap', 'hot', 10);
        await usage('topics', 'warm', 1);
        const r = await store.sweepEntries({ now: 0, retainStaleMs: 0, perViewerBytes: 5500 });
        expect(r.evicted).toBe(2); // 7000 bytes → 5000: the cold one, then the warm one
        const keys = ['kpis:1:base', 'kpis:1:cold', 'heatmap:1:hot', 'topics:1:warm'].map((k) => `wg:{a}:${k}`);
        expect((await store.getEntries(keys)).map((e) => e !== null)).toEqual([true, false, true, false]);
        expect(await store.getEntries(['wg:{b}:kpis:1:other-viewer'])).not.toEqual([null]);
        expect(r.bytes).toBe(4000 + 1000 + 4000);
      });
    }

    it('decays usage counts by the half-life', async () => {
      const row = { viewerId: 'a', aggregation: 'kpis', filterKey: 'f', params: '{}', computeMillis: 3, bytes: 100 };
      await store.recordUsage(row, 0, 1000);
      await store.recordUsage(row, 1000, 1000); // 1 decayed to 0.5, + 1
      const [u] = await store.usage('a');
      expect(u?.score).toBeCloseTo(1.5, 10);
      expect(u?.updatedAt).toBe(1000);
      await expect(store.recordUsage(row, 0, 0)).rejects.toThrow(/halfLifeMs > 0/);
    });
  });
}
