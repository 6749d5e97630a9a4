import { describe, expect, it } from 'vitest';
import { InvalidActivityError, normalizeActivity } from '../../ingest/normalize.js';
import type { RawActivity } from '../../ingest/types.js';
import {
  type CheckedFields,
  checkEventRules,
  EARLIEST_WATCHED_AT_MS,
  isAdRedirectUrl,
  isYoutubeUrl,
} from '../../ingest/validate.js';
import { importBuffer, memoryStore } from './helpers.js';
import { type HistoryItem, renderHtml, renderJson } from './render.js';

const NOW = Date.UTC(2024, 5, 15, 12);
const H = 3_600_000;
const rules = { nowMs: NOW };
const ok: CheckedFields = {
  watchedAt: NOW - H,
  videoTitle: 'A title',
  videoUrl: 'https://www.youtube.com/watch?v=abc',
  channelUrl: 'https://www.youtube.com/channel/UC1',
  kind: 'WATCHED',
};

describe('checkEventRules', () => {
  it.each([
    ['a dated event of the last hour', {}],
    ['an undated event', { watchedAt: null }],
    ["YouTube's first day", { watchedAt: EARLIEST_WATCHED_AT_MS }],
    ['now + 24 h exactly', { watchedAt: NOW + 24 * H }],
    ['no URLs', { videoUrl: null, channelUrl: null }],
    ['music.youtube.com', { videoUrl: 'https://music.youtube.com/watch?v=x' }],
    ['m.youtube.com over http', { videoUrl: 'http://m.youtube.com/watch?v=x' }],
    ['youtube.com without www', { videoUrl: 'https://youtube.com/watch?v=x' }],
    ['youtu.be', { videoUrl: 'https://youtu.be/x' }],
    ['a post link', { videoUrl: 'https://www.youtube.com/post/Ugkx1', kind: 'VIEWED' as const }],
    [
      'an ad redirect on a VISITED event',
      { videoUrl: 'https://www.google.com/url?q=https://shop.example/', kind: 'VISITED' as const },
    ],
    ['a title that is a URL', { videoTitle: 'https://www.youtube.com/watch?v=abc', channelUrl: null }],
  ])('accepts %s', (_what, patch) => {
    expect(checkEventRules({ ...ok, ...patch }, rules)).toBeNull();
  });

  it.each([
    ['watchedAt', 'date-before-youtube', { watchedAt: EARLIEST_WATCHED_AT_MS - 1000 }],
    ['watchedAt', 'date-before-youtube', { watchedAt: 0 }],
    ['watchedAt', 'date-in-future', { watchedAt: NOW + 24 * H + 1 }],
    ['watchedAt', 'date-in-future', { watchedAt: Date.UTC(2099, 0, 1) }],
    ['videoTitle', 'empty-title', { videoTitle: '' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'ftp://x' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'ftp://www.youtube.com/watch?v=x' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'https://evil.example/watch?v=x' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'https://youtube.com.evil.example/watch?v=x' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'https://www.youtube.com@evil.example/watch?v=x' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'https://www.youtube.com:8080/watch?v=x' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'https://gaming.youtube.com/watch?v=x' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'javascript:alert(1)' }],
    ['videoUrl', 'foreign-video-url', { videoUrl: 'https://www.google.com/url?q=x' }], // a redirect on a WATCHED event
    ['videoUrl', 'foreign-video-url', { videoUrl: 'https://google.evil.example/url?q=x', kind: 'VISITED' as const }],
    ['channelUrl', 'foreign-channel-url', { channelUrl: 'https://evil.example/channel/UC1' }],
    ['channelUrl', 'foreign-channel-url', { channelUrl: 'mailto:x@example.com' }],
  ])('rejects %s (%s): %j', (field, code, patch) => {
    expect(checkEventRules({ ...ok, ...patch }, rules)).toMatchObject({ field, code });
  });

  it('takes the skew as a parameter', () => {
    expect(checkEventRules({ ...ok, watchedAt: NOW + 1 }, { nowMs: NOW, maxClockSkewMs: 0 })).toMatchObject({
      code: 'date-in-future',
    });
    expect(checkEventRules({ ...ok, watchedAt: NOW + 30 * H }, { nowMs: NOW, maxClockSkewMs: 48 * H })).toBeNull();
  });

  it('rejects bad rules with a tagged TypeError', () => {
    expect(() => checkEventRules(ok, { nowMs: NOW, maxClockSkewMs: -5 })).toThrow(
      '[ingest/validate] expected maxClockSkewMs >= 0, got -5',
    );
    expect(() => checkEventRules(ok, { nowMs: Number.NaN })).toThrow(TypeError);
  });

  it('tells YouTube and ad-redirect links apart', () => {
    expect(isYoutubeUrl('HTTPS://WWW.YOUTUBE.COM/watch?v=x')).toBe(true);
    expect(isYoutubeUrl('https://youtu.be')).toBe(true);
    expect(isYoutubeUrl('https://youtu.be.evil/x')).toBe(false);
    expect(isAdRedirectUrl('https://www.google.co.uk/url?q=x')).toBe(true);
    expect(isAdRedirectUrl('https://www.google.com.au/url?q=x')).toBe(true);
    expect(isAdRedirectUrl('https://www.google.com/search?q=x')).toBe(false);
  });
});

describe('normalizeActivity with rules', () => {
  const raw: RawActivity = {
    watchedAt: NOW,
    videoTitle: 'A title',
    videoUrl: 'https://www.youtube.com/watch?v=abc',
    product: 'YOUTUBE',
    kind: 'WATCHED',
    isAd: false,
  };

  it('checks the cleaned fields: a title of invisible characters is empty', () => {
    let caught: unknown;
    try {
      normalizeActivity('v1', { ...raw, videoTitle: '\u200b \u00a0' }, rules);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidActivityError);
    expect(caught).toMatchObject({ field: 'videoTitle', code: 'empty-title' });
    expect((caught as Error).message).toMatch(/^\[ingest\/normalize\] videoTitle: /);
  });

  it('checks nothing without rules (generated demo data)', () => {
    expect(normalizeActivity('v1', { ...raw, watchedAt: 0 }).watchedAt).toBe(0);
  });
});

describe('Takeout import: entries breaking a rule are skipped with the rule as reason', () => {
  const entry = (o: Record<string, unknown>) =>
    JSON.stringify({ header: 'YouTube', products: ['YouTube'], time: '2021-01-01T00:00:00Z', ...o });
  const watched = (id: string, o: Record<string, unknown> = {}) =>
    entry({ title: `Watched Video ${id}`, titleUrl: `https://www.youtube.com/watch?v=${id}`, ...o });

  it('skips impossible dates, foreign links and empty titles; keeps removed videos, URL titles, ad links, undated entries', async () => {
    const data = `[${[
      watched('ok000000001'),
      watched('epoch000001', { time: '1970-01-01T00:00:00Z' }),
      watched('zero0000001', { time: '0001-01-01T00:00:00Z' }),
      watched('before00001', { time: '2005-04-22T23:59:59Z' }),
      watched('first000001', { time: '2005-04-23T00:00:00Z' }),
      watched('future00001', { time: '2099-01-01T00:00:00Z' }),
      watched('skew0000001', { time: new Date(NOW + 23 * H).toISOString() }),
      watched('skew0000002', { time: new Date(NOW + 25 * H).toISOString() }),
      entry({ title: 'Watched Elsewhere', titleUrl: 'https://evil.example/watch?v=x' }),
      entry({ title: 'Watched Old protocol', titleUrl: 'ftp://www.youtube.com/watch?v=x' }),
      watched('chan0000001', { subtitles: [{ name: 'Someone', url: 'https://evil.example/channel/UC1' }] }),
      entry({ title: 'Watched' }),
      entry({ title: 'Watched a video that has been removed' }),
      entry({
        title: 'Watched https://www.youtube.com/watch?v\u003durl00000001',
        titleUrl: 'https://www.youtube.com/watch?v=url00000001',
      }),
      entry({
        title: 'Visited https://www.google.com/url?q\u003dhttps://shop.example/',
        titleUrl: 'https://www.google.com/url?q=https://shop.example/',
        details: [{ name: 'From Google Ads' }],
      }),
      watched('undated0001', { time: undefined }),
    ].join(',')}]`;
    const store = memoryStore();
    const r = await importBuffer(store, data, 'watch-history.json', { now: () => NOW, chunkSize: 64 });
    expect(r.recordsRead).toBe(16);
    expect(Object.fromEntries(Object.entries(r.skipped.byReason).map(([k, v]) => [k, v.count]))).toEqual({
      'date-before-youtube': 3,
      'date-in-future': 2,
      'foreign-video-url': 2,
      'foreign-channel-url': 1,
      'empty-title': 1,
    });
    expect(r.skipped.byReason['date-in-future']?.samples).toEqual([
      { position: expect.stringMatching(/^record 6 \(byte \d+\)$/), detail: expect.stringContaining('watchedAt: expected') },
      { position: expect.stringMatching(/^record 8 /), detail: expect.stringContaining('got 2024-06-16T13:00:00.000Z') },
    ]);
    expect(r.skipped.byReason['foreign-video-url']?.samples[0]?.detail).toContain('evil.example');
    expect(r.eventsAdded).toBe(7);
    expect(r.undated.count).toBe(1);
    expect(r.byKind).toEqual({ WATCHED: 6, VIEWED: 0, VISITED: 1 });
    expect(r.firstWatchedAt).toBe(EARLIEST_WATCHED_AT_MS);
    expect(r.lastWatchedAt).toBe(NOW + 23 * H);
    const titles = (await store.loadEvents('viewer-1')).map((e) => e.videoTitle).sort();
    expect(titles).toEqual([
      'Video first000001',
      'Video ok000000001',
      'Video skew0000001',
      'Video undated0001',
      'a video that has been removed',
      'https://www.google.com/url?q=https://shop.example/',
      'https://www.youtube.com/watch?v=url00000001',
    ]);
  });

  it('takes the clock and the skew as options', async () => {
    const data = `[${watched('skew0000001', { time: new Date(NOW + H).toISOString() })}]`;
    const strict = await importBuffer(memoryStore(), data, 'x', { now: () => NOW, maxClockSkewMs: 0 });
    expect(strict.skipped.byReason['date-in-future']?.count).toBe(1);
    const later = await importBuffer(memoryStore(), data, 'x', { now: () => NOW + H, maxClockSkewMs: 0 });
    expect(later.eventsAdded).toBe(1);
    await expect(importBuffer(memoryStore(), data, 'x', { maxClockSkewMs: -1 })).rejects.toThrow('[ingest/validate]');
  });

  it('skips the same entries from the HTML rendering as from the JSON one', async () => {
    const item = (at: number, videoId: string): HistoryItem => ({
      kind: 'watched',
      at,
      videoId,
      title: `Video ${videoId}`,
      channel: { name: 'Chan', id: 'UC_a' },
      music: false,
    });
    const items = [
      item(Date.UTC(2099, 0, 1), 'future00001'),
      item(NOW, 'ok000000001'),
      item(Date.UTC(1970, 0, 1), 'epoch000001'),
    ];
    for (const style of ['en-GB', 'fr', 'de'] as const) {
      const html = await importBuffer(
        memoryStore(),
        renderHtml(items, { date: style, zone: { label: 'UTC', offsetMinutes: 0 } }),
        'x',
        {
          now: () => NOW,
        },
      );
      const json = await importBuffer(memoryStore(), renderJson(items), 'x', { now: () => NOW });
      for (const r of [html, json]) {
        expect(r.eventsAdded).toBe(1);
        expect(r.skipped.byReason['date-in-future']?.count).toBe(1);
        expect(r.skipped.byReason['date-before-youtube']?.count).toBe(1);
      }
    }
  });
});
