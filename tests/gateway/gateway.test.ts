import { afterEach, describe, expect, it, vi } from 'vitest';
import { DashboardDocument, IngestDocument, KpisDocument, TopChannelsDocument } from '../generated/graphql.js';
import { NOW, sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
  await gw.store.close();
});

const ingest = async (n: number, start?: number) => {
  const r = await gw.run(IngestDocument, { events: sampleEvents(n, start) });
  expect(r.errors).toBeUndefined();
  return r.data!.ingestWatchEvents!;
};

describe('gateway end to end (embedded defaults)', () => {
  it('serves the whole dashboard from the memory tier once the base set is warm', async () => {
    gw = testGateway();
    expect(await ingest(20)).toMatchObject({ received: 20, added: 20, duplicates: 0, dataVersion: 1, precomputeScheduled: true });
    await gw.queue.idle();
    const computations = gw.services.aggregations.counters.computations;
    const memoryReads = vi.spyOn(gw.tiers[0]!, 'getMany');
    const storeReads = vi.spyOn(gw.tiers[1]!, 'getMany');
    const r = await gw.run(DashboardDocument, {});
    expect(r.errors).toBeUndefined();
    const a = r.data!.analytics!;
    expect(a.kpis!.data.videos).toBe(20);
    expect(
      [a.kpis!.meta, a.monthlyTrend!.meta, a.topChannels!.meta, a.heatmap!.meta, a.topics!.meta].map((m) => m.source),
    ).toEqual(['MEMORY', 'MEMORY', 'MEMORY', 'MEMORY', 'MEMORY']);
    expect(a.heatmap!.data).toHaveLength(168);
    expect(gw.services.aggregations.counters.computations).toBe(computations); // the engine ran zero times
    expect(memoryReads).toHaveBeenCalledTimes(1); // five fields, one batched read
    expect(memoryReads.mock.calls[0]![0]).toHaveLength(5);
    expect(storeReads).not.toHaveBeenCalled();
  });

  it('computes a never-seen filter on demand, counts it as usage, then serves it from cache', async () => {
    gw = testGateway();
    await ingest(5);
    await gw.queue.idle();
    const filter = { topics: ['EDUCATION' as const], timeZone: 'Asia/Tokyo' };
    const first = await gw.run(KpisDocument, { filter });
    expect(first.data!.analytics!.kpis!.meta.source).toBe('COMPUTED');
    const second = await gw.run(KpisDocument, { filter });
    expect(second.data!.analytics!.kpis!.meta.source).toBe('MEMORY');
    const rows = await gw.services.usage.rows('local', NOW);
    const row = rows.find((u) => u.aggregation === 'kpis' && u.filterKey.includes('tz=Asia/Tokyo'));
    expect(row?.score).toBeCloseTo(2, 5);
    expect(row?.spec.filter.topics).toEqual(['EDUCATION']);
  });

  it('the cached entry of another process survives a restart through the store tier', async () => {
    gw = testGateway();
    await ingest(5);
    await gw.queue.idle();
    const again = testGateway({ store: gw.store });
    const r = await again.run(KpisDocument, {});
    expect(r.data!.analytics!.kpis!.meta.source).toBe('STORE');
    expect(r.extensions).toEqual({ responseCache: 'MISS' });
    // The same request again is a response-cache hit: the stored response, replayed byte for byte.
    const replay = await again.run(KpisDocument, {});
    expect(replay).toEqual({ ...r, extensions: { responseCache: 'HIT' } });
    // Another operation over the same entry reads it from the memory tier the first read filled.
    const other = await again.raw('{ analytics { kpis { meta { source } } } }');
    expect(other.data).toEqual({ analytics: { kpis: { meta: { source: 'MEMORY' } } } });
    await again.close();
  });

  it('an ingest changes the results at once: new data version, the old entry is never served', async () => {
    gw = testGateway();
    await ingest(5);
    await gw.queue.idle();
    const before = await gw.run(KpisDocument, {});
    expect(before.data!.analytics!.kpis!).toMatchObject({ data: { videos: 5 }, meta: { dataVersion: 1, source: 'MEMORY' } });
    const added = await ingest(3, Date.UTC(2024, 4, 2, 9));
    expect(added.dataVersion).toBe(2);
    // Before precompute has run: the stale-version entry is rejected and the result recomputed.
    const after = await gw.run(KpisDocument, {});
    expect(after.data!.analytics!.kpis!).toMatchObject({ data: { videos: 8 }, meta: { dataVersion: 2, stale: false } });
    await gw.queue.idle();
    expect((await gw.run(KpisDocument, {})).data!.analytics!.kpis!.meta).toMatchObject({ dataVersion: 2, source: 'MEMORY' });
  });

  it('re-ingesting the same events adds nothing; the new version only counts the duplicates', async () => {
    gw = testGateway();
    await ingest(4);
    // Duplicates change dataQuality (duplicatesSkipped), so they are a new data version.
    expect(await ingest(4)).toMatchObject({ added: 0, duplicates: 4, dataVersion: 2, precomputeScheduled: true });
    expect(await gw.store.countEvents('local')).toBe(4);
  });

  it('every topChannels limit reads the one precomputed entry', async () => {
    gw = testGateway();
    await ingest(30);
    await gw.queue.idle();
    const three = await gw.run(TopChannelsDocument, { limit: 2 });
    const all = await gw.run(TopChannelsDocument, { limit: 100 });
    expect(three.data!.analytics!.topChannels!.meta.source).toBe('MEMORY');
    expect(three.data!.analytics!.topChannels!.data).toHaveLength(2);
    expect(all.data!.analytics!.topChannels!.data).toHaveLength(3);
    expect(three.data!.analytics!.topChannels!.data).toEqual(all.data!.analytics!.topChannels!.data.slice(0, 2));
  });

  it('echoes the canonical filter: defaults from the viewer, lists sorted and de-duplicated', async () => {
    gw = testGateway();
    const r = await gw.run(KpisDocument, {
      filter: {
        topics: ['MUSIC', 'GAMING', 'MUSIC'],
        channels: ['b', 'a', 'b'],
        range: { from: '2024-01-01', to: '2024-02-01' },
      },
    });
    expect(r.data!.analytics!.filter).toEqual({
      timeframe: 'ALL',
      product: 'ALL',
      topics: ['GAMING', 'MUSIC'],
      channels: ['a', 'b'],
      timeZone: 'UTC',
      includeAds: false,
      range: { from: '2024-01-01', to: '2024-02-01' },
    });
  });
});

describe('bad input is rejected naming the field, and changes nothing', () => {
  it('an unknown time zone', async () => {
    gw = testGateway();
    const r = await gw.run(KpisDocument, { filter: { timeZone: 'Mars/Olympus_Mons' } });
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.message).toMatch(/filter\.timeZone.*IANA zone name, got "Mars\/Olympus_Mons"/);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.timeZone' });
  });

  it('range.from after range.to', async () => {
    gw = testGateway();
    const r = await gw.run(KpisDocument, { filter: { range: { from: '2024-03-02', to: '2024-03-01' } } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.range.from' });
    expect(r.errors?.[0]?.message).toContain('must not be after range.to');
  });

  it('an impossible local date', async () => {
    gw = testGateway();
    const r = await gw.run(KpisDocument, { filter: { range: { from: '2023-02-29', to: '2023-03-01' } } });
    expect(r.errors?.[0]?.message).toMatch(/filter\.range\.from.*YYYY-MM-DD, got "2023-02-29"/);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.range.from' });
  });

  it.each([0, 101, -3])('topChannels limit %i', async (limit) => {
    gw = testGateway();
    const r = await gw.run(TopChannelsDocument, { limit });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'topChannels.limit' });
    expect(r.errors?.[0]?.message).toContain(`got ${limit}`);
  });

  it('an invalid event rejects the whole batch and stores nothing', async () => {
    gw = testGateway();
    const events = [...sampleEvents(2), { ...sampleEvents(1)[0]!, videoTitle: 'ok', watchedAt: 'yesterday' }];
    const r = await gw.run(IngestDocument, { events });
    expect(r.errors?.[0]?.message).toMatch(/events.*watchedAt|DateTime/);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events[2].watchedAt' });
    expect(await gw.store.countEvents('local')).toBe(0);
  });

  // These three were stored as given.
  it.each([
    ['videoTitle', { videoTitle: '' }, 'non-empty title'],
    ['videoTitle', { videoTitle: ' \u200b\n' }, 'non-empty title'],
    ['videoUrl', { videoUrl: 'ftp://x' }, 'got "ftp://x"'],
    ['videoUrl', { videoUrl: 'https://youtube.com.evil.example/watch?v=x' }, 'youtu.be'],
    ['channelUrl', { channelUrl: 'https://evil.example/channel/UC1' }, 'youtu.be'],
    ['watchedAt', { watchedAt: '2030-01-01T00:00:00Z' }, 'no later than now + 24 h (2024-06-16T12:00:00.000Z)'],
    ['watchedAt', { watchedAt: '2005-04-22T23:59:59Z' }, "YouTube's first upload"],
  ])('rejects an event with a bad %s (%j), naming events[i].field, and stores nothing', async (field, patch, reason) => {
    gw = testGateway();
    const events = [...sampleEvents(2), { ...sampleEvents(1)[0]!, ...patch }];
    const r = await gw.run(IngestDocument, { events });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `events[2].${field}` });
    expect(r.errors?.[0]?.message).toContain(reason);
    expect(await gw.store.countEvents('local')).toBe(0);
  });

  it("accepts the edges: YouTube's first day, now + the clock skew, undated events, ad redirects on VISITED events", async () => {
    gw = testGateway({ maxClockSkewMs: 3_600_000 });
    const base = sampleEvents(1)[0]!;
    const events = [
      { ...base, watchedAt: '2005-04-23T00:00:00Z' },
      { ...base, watchedAt: new Date(NOW + 3_600_000).toISOString() },
      { ...base, watchedAt: null },
      { ...base, videoUrl: 'https://youtu.be/abc', watchedAt: '2020-01-01T00:00:00Z' },
      { videoTitle: 'Visited ad', kind: 'VISITED', isAd: true, videoUrl: 'https://www.google.com/url?q=https://shop.example/' },
    ];
    const r = await gw.run(IngestDocument, { events: events as ReturnType<typeof sampleEvents> });
    expect(r.errors).toBeUndefined();
    expect(r.data?.ingestWatchEvents?.added).toBe(5);
    const late = await gw.run(IngestDocument, { events: [{ ...base, watchedAt: new Date(NOW + 3_600_001).toISOString() }] });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events[0].watchedAt' });
    const redirect = await gw.run(IngestDocument, { events: [{ ...base, videoUrl: 'https://www.google.com/url?q=x' }] });
    expect(redirect.errors?.[0]?.extensions).toMatchObject({ field: 'events[0].videoUrl' }); // only a VISITED ad links there
  });

  it('too many events in one call', async () => {
    gw = testGateway({ maxIngestBatch: 3 });
    const r = await gw.run(IngestDocument, { events: sampleEvents(4) });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
    expect(await gw.store.countEvents('local')).toBe(0);
    expect((await gw.store.getViewer('local'))?.dataVersion).toBe(0);
  });
});

describe('error masking', () => {
  it('a failing computation is reported without internals, and nothing is cached', async () => {
    gw = testGateway();
    await ingest(3);
    await gw.queue.idle();
    // A second gateway on the same store has no engine loaded yet, so it must read the store (change log first).
    const other = testGateway({ store: gw.store });
    const loadEvents = vi.spyOn(gw.store, 'changeLog').mockRejectedValue(new Error('disk on fire at /var/secret'));
    const r = await other.run(KpisDocument, { filter: { timeZone: 'Europe/Paris' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'AGGREGATION_FAILED', field: 'kpis' });
    expect(JSON.stringify(r.errors)).not.toContain('secret');
    loadEvents.mockRestore();
    const ok = await other.run(KpisDocument, { filter: { timeZone: 'Europe/Paris' } });
    expect(ok.data!.analytics!.kpis!).toMatchObject({ data: { videos: 3 }, meta: { source: 'COMPUTED' } }); // the failure cached nothing
    await other.close();
  });

  it('an unexpected error is masked as "Unexpected error."', async () => {
    gw = testGateway();
    vi.spyOn(gw.store, 'countEvents').mockRejectedValue(new Error('password=hunter2'));
    const r = await gw.raw('{ viewer { eventCount } }');
    expect(r.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });
});
