import { describe, expect, it } from 'vitest';
import { topicBit } from '../../domain/events.js';
import { ImportRejectedError } from '../../ingest/takeout.js';
import { fixture, importBuffer, memoryStore } from './helpers.js';
import { type HistoryItem, renderHtml, renderJson } from './render.js';

const sec = (iso: string): number => Date.parse(iso);

describe('JSON fixture (en)', () => {
  it('classifies every entry kind of TAKEOUT.md', async () => {
    const store = memoryStore();
    const report = await importBuffer(store, fixture('watch-history.json'), 'watch-history.json', { chunkSize: 5 });
    expect(report.source).toBe('takeout-json');
    expect(report.recordsRead).toBe(14);
    expect(report.skipped.total).toBe(3);
    expect(report.skipped.byReason['other-activity']?.count).toBe(3);
    expect(report.skipped.byReason['other-activity']?.samples[0]?.position).toMatch(/^record 9 \(byte \d+\)$/);
    expect(report.eventsParsed).toBe(11);
    expect(report.eventsAdded).toBe(11);
    expect(report.duplicates).toBe(0);
    expect(report.byKind).toEqual({ WATCHED: 8, VIEWED: 2, VISITED: 1 });
    expect(report.byProduct).toEqual({ YOUTUBE: 10, YOUTUBE_MUSIC: 1 });
    expect(report.ads).toBe(2);
    expect(report.undated.count).toBe(2);
    expect(report.timestampFormats).toEqual({ 'ISO 8601': 9 });
    expect(report.firstWatchedAt).toBe(sec('2023-04-30T12:00:00Z'));
    expect(report.lastWatchedAt).toBe(sec('2023-05-04T23:34:00Z'));
    expect(report.dataVersion).toBe(1);

    const events = await store.loadEvents('viewer-1');
    expect(events).toHaveLength(11);
    const byVideo = new Map(events.map((e) => [e.videoId ?? e.videoTitle, e]));
    const first = byVideo.get('vid00000001')!;
    expect(first).toMatchObject({
      watchedAt: sec('2023-05-04T23:34:00Z'),
      videoTitle: 'Python tutorial for beginners',
      channelKey: 'UC_code',
      channelTitle: 'Code Channel',
      kind: 'WATCHED',
      isAd: false,
      product: 'YOUTUBE',
    });
    expect(first.topics).toBe(topicBit('TECHNOLOGY') | topicBit('EDUCATION'));
    expect(byVideo.get('vid00000002')).toMatchObject({
      channelKey: null,
      videoTitle: 'https://www.youtube.com/watch?v=vid00000002',
    });
    expect(byVideo.get('a video that has been removed')).toMatchObject({ videoId: null, channelKey: null, kind: 'WATCHED' });
    expect(byVideo.get('Community update')).toMatchObject({ kind: 'VIEWED', channelKey: 'UC_code' });
    expect(byVideo.get('story from Travel Vlog')).toMatchObject({ kind: 'VIEWED', channelKey: 'UC_travel' });
    expect(byVideo.get('adVideo0001')).toMatchObject({ kind: 'WATCHED', isAd: true });
    const visited = events.find((e) => e.kind === 'VISITED')!;
    expect(visited).toMatchObject({ isAd: true, videoId: null });
    expect(byVideo.get('music000001')).toMatchObject({ product: 'YOUTUBE_MUSIC', channelKey: 'UC_artist' });
    expect(byVideo.get('music000001')!.topics & topicBit('MUSIC')).not.toBe(0);
    expect(byVideo.get('vid00000003')).toMatchObject({
      videoTitle: 'Line break title & <script>alert(1)</script>',
      channelTitle: 'Chef <b>John</b>',
      channelKey: 'UC_chef',
    });
    expect(byVideo.get('vid00000004')?.watchedAt).toBeNull();
    expect(byVideo.get('vid00000005')?.watchedAt).toBeNull();
  });

  it('adds nothing when the same file is imported twice', async () => {
    const store = memoryStore();
    const a = await importBuffer(store, fixture('watch-history.json'));
    const b = await importBuffer(store, fixture('watch-history.json'));
    expect(b.eventsAdded).toBe(0);
    expect(b.duplicates).toBe(a.eventsAdded);
    // A new version that only counts the duplicates (dataQuality.duplicatesSkipped).
    expect(b.dataVersion).toBe(a.dataVersion + 1);
    expect(await store.countEvents('viewer-1')).toBe(a.eventsAdded);
  });

  it('keeps viewers apart', async () => {
    const store = memoryStore();
    await importBuffer(store, fixture('watch-history.json'), 'x', { viewerId: 'a' });
    const b = await importBuffer(store, fixture('watch-history.json'), 'x', { viewerId: 'b' });
    expect(b.eventsAdded).toBe(11);
  });
});

describe('HTML fixture (en): the same history as the JSON fixture', () => {
  it('imports to exactly the same events, and adds nothing after the JSON', async () => {
    const fromJson = memoryStore();
    const fromHtml = memoryStore();
    await importBuffer(fromJson, fixture('watch-history.json'));
    const html = await importBuffer(fromHtml, fixture('watch-history.html.txt'), 'watch-history.html', { chunkSize: 13 });
    expect(html.source).toBe('takeout-html');
    expect(html.recordsRead).toBe(14);
    expect(html.skipped.total).toBe(3);
    expect(html.undated.count).toBe(2);
    expect(html.timestampFormats).toEqual({ 'd MMM yyyy, HH:mm:ss z': 9 });
    expect(html.timeZoneAbbreviations).toEqual({ UTC: { count: 9, assumedOffsetMinutes: 0 } });
    expect(html.ambiguousTimeZones).toBe(0);
    expect(await fromHtml.loadEvents('viewer-1')).toEqual(await fromJson.loadEvents('viewer-1'));

    const both = await importBuffer(fromJson, fixture('watch-history.html.txt'));
    expect(both.eventsAdded).toBe(0);
    expect(both.duplicates).toBe(11);
  });
});

describe('HTML quirks', () => {
  it('French export cut from a larger file: no <html>, no first outer div, NBSP labels, localised ads', async () => {
    const store = memoryStore();
    const r = await importBuffer(store, fixture('watch-history.fr.html.txt'), 'historique.html', { chunkSize: 3 });
    expect(r.recordsRead).toBe(4);
    expect(r.skipped.total).toBe(0);
    expect(r.byKind).toEqual({ WATCHED: 2, VIEWED: 2, VISITED: 0 });
    expect(r.byProduct).toEqual({ YOUTUBE: 3, YOUTUBE_MUSIC: 1 });
    expect(r.ads).toBe(1);
    expect(r.timestampFormats).toEqual({ 'd MMM yyyy à HH:mm:ss z': 4 });
    const events = await store.loadEvents('viewer-1');
    const song = events.find((e) => e.videoId === 'frMusic0001')!;
    expect(song).toMatchObject({ videoTitle: "Chanson d'été", product: 'YOUTUBE_MUSIC', watchedAt: sec('2020-04-01T16:32:09Z') });
    expect(events.find((e) => e.videoId === 'frAd0000001')).toMatchObject({ isAd: true, watchedAt: sec('2020-03-31T21:04:23Z') });
    expect(events.find((e) => e.videoTitle === 'la story de Voyages')).toMatchObject({
      kind: 'VIEWED',
      channelKey: 'title:voyages',
    });
  });

  it('re-indented en-US export: wrapped tags and date lines, U+202F before PM, EDT and ambiguous CST', async () => {
    const store = memoryStore();
    const r = await importBuffer(store, fixture('watch-history.en-us.html.txt'), 'watch-history.html', {
      viewerTimeZone: 'America/Chicago',
      chunkSize: 11,
    });
    expect(r.recordsRead).toBe(2);
    expect(r.timeZoneAbbreviations).toEqual({
      EDT: { count: 1, assumedOffsetMinutes: -240 },
      CST: { count: 1, assumedOffsetMinutes: -360 },
    });
    expect(r.ambiguousTimeZones).toBe(1);
    const events = await store.loadEvents('viewer-1');
    expect(events.find((e) => e.videoId === 'usVideo0001')).toMatchObject({
      videoTitle: 'Deep dive: kubernetes',
      channelTitle: 'Ops Talk',
      watchedAt: sec('2023-07-31T02:27:03Z'),
    });
    expect(events.find((e) => e.videoId === 'usVideo0002')?.watchedAt).toBe(sec('2014-03-12T00:15:08Z'));
  });
});

describe('ads without a verb or a link', () => {
  it('imports French homepage ads as ads from HTML and JSON alike (they were skipped as unrecognised)', async () => {
    const title = "Annonces visionnées sur la page d'accueil de YouTube";
    const items: HistoryItem[] = [
      { kind: 'homepageAd', at: Date.UTC(2023, 2, 1, 9), videoId: '', title, channel: null, music: false },
      { kind: 'homepageAd', at: Date.UTC(2023, 2, 1, 8), videoId: '', title, channel: null, music: false },
      { kind: 'watched', at: Date.UTC(2023, 2, 1, 7), videoId: 'frVideo0001', title: 'Vidéo', channel: null, music: false },
    ];
    const html = renderHtml(items, { date: 'fr', zone: { label: 'UTC', offsetMinutes: 0 } });
    expect(html).toContain(`${title.replace("'", '&#39;')}<br>`);
    expect(html).toContain('&emsp;Des annonces Google');
    const store = memoryStore();
    const r = await importBuffer(store, html, 'historique.html', { chunkSize: 29 });
    expect(r).toMatchObject({ recordsRead: 3, eventsAdded: 3, ads: 2, byKind: { WATCHED: 3, VIEWED: 0, VISITED: 0 } });
    expect(r.skipped.total).toBe(0);
    const ads = (await store.loadEvents('viewer-1')).filter((e) => e.isAd);
    expect(ads).toHaveLength(2);
    for (const e of ads) expect(e).toMatchObject({ kind: 'WATCHED', videoTitle: title, videoId: null, channelKey: null });
    expect(await importBuffer(store, renderJson(items, 'fr'))).toMatchObject({ eventsAdded: 0, duplicates: 3, ads: 2 });
  });
});

describe('German export', () => {
  const items: HistoryItem[] = [
    {
      kind: 'watched',
      at: Date.UTC(2019, 0, 15, 12, 36, 43),
      videoId: 'deVideo0001',
      title: 'Queen - Bohemian Rhapsody',
      channel: { name: 'Queen Official', id: 'UC_queen' },
      music: false,
    },
    { kind: 'post', at: Date.UTC(2019, 0, 14, 8), videoId: 'dePost00001', title: 'Neues Video', channel: null, music: false },
    { kind: 'story', at: Date.UTC(2019, 0, 13, 8), videoId: 'deStory0001', title: '', channel: null, music: false },
  ];

  it('strips `Angesehen` (and the other verbs) from every title, as the JSON rendering does', async () => {
    // As observed: `Angesehen&nbsp;<a …>`, `15.01.2019, 13:36:43 MEZ`, `Produkte:`.
    const html = renderHtml(items, { date: 'de', zone: { label: 'MEZ', offsetMinutes: 60 } }).replaceAll('\u00a0<a', '&nbsp;<a');
    expect(html).toContain('Angesehen&nbsp;<a href="https://www.youtube.com/watch?v=deVideo0001">');
    expect(html).toContain('15.01.2019, 13:36:43 MEZ');
    const store = memoryStore();
    const r = await importBuffer(store, html, 'Wiedergabeverlauf.html', { chunkSize: 17 });
    expect(r.skipped.total).toBe(0);
    expect(r.timestampFormats).toEqual({ 'dd.MM.yyyy, HH:mm:ss z': 3 });
    const events = await store.loadEvents('viewer-1');
    expect(events.map((e) => [e.kind, e.videoTitle])).toEqual([
      ['VIEWED', 'Story von Someone'],
      ['VIEWED', 'Neues Video'],
      ['WATCHED', 'Queen - Bohemian Rhapsody'],
    ]);
    expect(events[2]).toMatchObject({
      videoId: 'deVideo0001',
      watchedAt: Date.UTC(2019, 0, 15, 12, 36, 43),
      channelKey: 'UC_queen',
    });
    const json = await importBuffer(store, renderJson(items, 'de'));
    expect(json).toMatchObject({ eventsAdded: 0, duplicates: 3 });
  });
});

describe('the import report feeds dataQuality through the change log', () => {
  it('commits the stats with the events', async () => {
    const store = memoryStore();
    await importBuffer(store, fixture('watch-history.html.txt'));
    const log = await store.changeLog('viewer-1');
    expect(log).toHaveLength(1);
    expect(log[0]?.stats).toMatchObject({
      source: 'takeout-html',
      recordsRead: 14,
      timestampFormats: { 'd MMM yyyy, HH:mm:ss z': 9 },
      timeZoneAbbreviations: { UTC: { count: 9, assumedOffsetMinutes: 0 } },
      ambiguousTimeZones: 0,
    });
  });
});

describe('progress', () => {
  it('reports growing byte and record counts', async () => {
    const seen: { bytes: number; records: number }[] = [];
    const data = fixture('watch-history.json');
    await importBuffer(memoryStore(), data, 'x', { chunkSize: 100, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toEqual({ bytes: data.length, records: 14 });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
  });
});

describe('misuse', () => {
  it('rejects a bad viewer time zone or limit with a tagged TypeError', async () => {
    await expect(importBuffer(memoryStore(), '[]', 'x', { viewerTimeZone: 'Mars/Base' })).rejects.toThrow('[ingest/takeout]');
    await expect(importBuffer(memoryStore(), '[]', 'x', { batchSize: 0 })).rejects.toThrow(TypeError);
    await expect(importBuffer(memoryStore(), '[]', 'x', { batchSize: 0 })).rejects.not.toThrow(ImportRejectedError);
  });
});
