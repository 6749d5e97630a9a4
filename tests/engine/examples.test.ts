/** Hand-computed edge cases of the first five aggregations (expected values worked out from the catalogue). */
import { describe, expect, it } from 'vitest';
import { topicBit, type WatchEvent } from '../../domain/events.js';
import { canonicalizeFilter, type WatchFilterInput } from '../../domain/filter.js';
import { Engine, heatmap, kpis, monthlyTrend, topChannels, topics } from '../../precompute/engine/index.js';
import {
  referenceHeatmap,
  referenceKpis,
  referenceMonthlyTrend,
  referenceTopChannels,
  referenceTopics,
} from '../reference/aggregations.js';
import { prepare } from '../reference/common.js';

const MIN = 60_000;
let seq = 0;
function ev(at: string | number | null, over: Partial<WatchEvent> = {}): WatchEvent {
  seq++;
  return {
    id: `e${String(seq).padStart(5, '0')}`,
    watchedAt: at === null ? null : typeof at === 'number' ? at : Date.parse(at),
    videoId: `v${seq}`,
    videoTitle: `video ${seq}`,
    channelKey: 'UCone',
    channelTitle: 'One',
    product: 'YOUTUBE',
    kind: 'WATCHED',
    isAd: false,
    topics: topicBit('TECHNOLOGY'),
    ...over,
  };
}
const ctxOf = (events: WatchEvent[], now: string, filter: WatchFilterInput = {}) =>
  new Engine(events).context(canonicalizeFilter(filter), Date.parse(now));

describe('empty and tiny histories', () => {
  it('returns zeros, nulls, empty lists and 168 zero cells for no events', () => {
    const engine = new Engine([]);
    expect(engine.eventCount).toBe(0);
    const ctx = engine.context(canonicalizeFilter({ timeZone: 'Europe/Paris' }), Date.parse('2024-05-01T00:00:00Z'));
    const zero = { videos: 0, previousYearVideos: 0, deltaPercent: null };
    expect(kpis(ctx)).toEqual({
      videos: 0,
      uniqueChannels: 0,
      estimatedWatchSeconds: 0,
      periods: { mtd: zero, qtd: zero, ytd: zero },
    });
    expect(monthlyTrend(ctx)).toEqual([]);
    expect(topChannels(ctx, { limit: 10 })).toEqual([]);
    expect(topics(ctx)).toEqual([]);
    const cells = heatmap(ctx);
    expect(cells).toHaveLength(168);
    expect(cells.every((c) => c.videos === 0)).toBe(true);
  });

  it('counts only dated WATCHED events (ads for includeAds only)', () => {
    const events = [
      ev('2024-05-10T12:00:00Z'),
      ev(null),
      ev('2024-05-10T12:01:00Z', { kind: 'VIEWED' }),
      ev('2024-05-10T12:02:00Z', { kind: 'VISITED' }),
      ev('2024-05-10T12:03:00Z', { isAd: true }),
    ];
    const engine = new Engine(events);
    expect(engine.eventCount).toBe(2);
    const now = Date.parse('2024-05-20T00:00:00Z');
    expect(kpis(engine.context(canonicalizeFilter({}), now)).videos).toBe(1);
    expect(kpis(engine.context(canonicalizeFilter({ includeAds: true }), now)).videos).toBe(2);
  });

  it('describes a single event completely', () => {
    // Friday 10 May 2024, 12:00 UTC.
    const ctx = ctxOf([ev('2024-05-10T12:00:00Z', { channelKey: 'UCx', channelTitle: 'X' })], '2024-05-20T09:00:00Z');
    expect(kpis(ctx)).toEqual({
      videos: 1,
      uniqueChannels: 1,
      estimatedWatchSeconds: 300,
      periods: {
        mtd: { videos: 1, previousYearVideos: 0, deltaPercent: null },
        qtd: { videos: 1, previousYearVideos: 0, deltaPercent: null },
        ytd: { videos: 1, previousYearVideos: 0, deltaPercent: null },
      },
    });
    expect(monthlyTrend(ctx)).toEqual([{ month: '2024-05', videos: 1, uniqueChannels: 1, estimatedWatchSeconds: 300 }]);
    expect(topChannels(ctx, { limit: 10 })).toEqual([
      {
        channelKey: 'UCx',
        channelTitle: 'X',
        channelUrl: 'https://www.youtube.com/channel/UCx',
        videos: 1,
        share: 1,
        estimatedWatchSeconds: 300,
      },
    ]);
    expect(heatmap(ctx).filter((c) => c.videos > 0)).toEqual([{ weekday: 5, hour: 12, videos: 1 }]);
    expect(topics(ctx)).toEqual([{ topic: 'TECHNOLOGY', videos: 1, share: 1, recentVideos: 1, previousVideos: 0, trend: 'UP' }]);
  });
});

describe('estimatedWatchSeconds', () => {
  it('credits the gap up to exactly 30 minutes and 300 s beyond it', () => {
    const t = Date.parse('2024-01-10T10:00:00Z');
    const events = [ev(t), ev(t + 30 * MIN), ev(t + 60 * MIN + 1), ev(t + 60 * MIN + 1 + 1500)];
    // 1800 (gap exactly 30 min) + 300 (gap 30 min + 1 ms) + 1.5 (gap 1.5 s) + 300 (last).
    expect(kpis(ctxOf(events, '2024-01-20T00:00:00Z')).estimatedWatchSeconds).toBe(2401.5);
  });

  it('orders events at the same instant by id, the first getting 0 s', () => {
    const t = Date.parse('2024-01-10T10:00:00Z');
    const events = [ev(t, { id: 'b', channelKey: 'UCb' }), ev(t, { id: 'a', channelKey: 'UCa' })];
    const rows = topChannels(ctxOf(events, '2024-01-20T00:00:00Z'), { limit: 10 });
    expect(rows.map((r) => [r.channelKey, r.estimatedWatchSeconds])).toEqual([
      ['UCa', 0],
      ['UCb', 300],
    ]);
  });

  it('ignores ads on the timeline and measures an ad against the next non-ad event', () => {
    const t = Date.parse('2024-01-10T10:00:00Z');
    const events = [ev(t), ev(t + MIN, { isAd: true, channelKey: 'UCad' }), ev(t + 10 * MIN)];
    // Without ads: 600 + 300. The ad (with includeAds) adds 540, and does not cut the first video to 60.
    expect(kpis(ctxOf(events, '2024-01-20T00:00:00Z')).estimatedWatchSeconds).toBe(900);
    expect(kpis(ctxOf(events, '2024-01-20T00:00:00Z', { includeAds: true })).estimatedWatchSeconds).toBe(1440);
  });

  it('is computed on the full timeline, so a product filter does not change an event’s seconds', () => {
    const t = Date.parse('2024-01-10T10:00:00Z');
    const events = [ev(t), ev(t + 5 * MIN, { product: 'YOUTUBE_MUSIC' })];
    expect(kpis(ctxOf(events, '2024-01-20T00:00:00Z', { product: 'YOUTUBE' })).estimatedWatchSeconds).toBe(300);
  });
});

describe('kpis periods', () => {
  it('maps 29 February to 28 February of the previous year and stops at the end of today', () => {
    const events = [
      ev('2023-01-01T00:00:00Z'), // previous YTD
      ev('2023-02-01T08:00:00Z'), // previous MTD/QTD/YTD
      ev('2023-02-28T23:59:59Z'), // previous, last day
      ev('2023-03-01T00:00:00Z'), // after 28 Feb 2023: never previous
      ev('2024-02-05T10:00:00Z'),
      ev('2024-02-29T23:00:00Z'), // today
      ev('2024-03-01T00:00:00Z'), // after today: counted by the filter window, not by the period
    ];
    const k = kpis(ctxOf(events, '2024-02-29T12:00:00Z'));
    expect(k.periods.mtd).toEqual({ videos: 2, previousYearVideos: 2, deltaPercent: 0 });
    expect(k.periods.ytd).toEqual({ videos: 2, previousYearVideos: 3, deltaPercent: ((2 - 3) / 3) * 100 });
    expect(k.videos).toBe(7);
  });

  it('applies the non-time filters to periods, but not the timeframe', () => {
    const events = [
      ev('2024-06-03T10:00:00Z'),
      ev('2023-06-03T10:00:00Z'),
      ev('2023-06-04T10:00:00Z'),
      ev('2024-06-04T10:00:00Z', { product: 'YOUTUBE_MUSIC' }),
    ];
    const k = kpis(
      ctxOf(events, '2024-06-10T00:00:00Z', { product: 'YOUTUBE', range: { from: '2020-01-01', to: '2020-01-02' } }),
    );
    expect(k.videos).toBe(0);
    expect(k.periods.mtd).toEqual({ videos: 1, previousYearVideos: 2, deltaPercent: -50 });
  });

  it('uses the local date in the filter time zone for today and for events', () => {
    // 30 June 23:30 UTC is already 1 July in Paris: a new month and quarter there.
    const events = [ev('2024-06-30T23:30:00Z'), ev('2023-07-01T08:00:00Z')];
    const k = kpis(ctxOf(events, '2024-06-30T23:45:00Z', { timeZone: 'Europe/Paris' }));
    expect(k.periods.mtd).toEqual({ videos: 1, previousYearVideos: 1, deltaPercent: 0 });
    expect(k.periods.qtd).toEqual({ videos: 1, previousYearVideos: 1, deltaPercent: 0 });
    // In UTC it is still 30 June: the same event is in June, and July 2023 is not in the previous June.
    expect(kpis(ctxOf(events, '2024-06-30T23:45:00Z')).periods.mtd).toEqual({
      videos: 1,
      previousYearVideos: 0,
      deltaPercent: null,
    });
  });
});

describe('topics', () => {
  // today = 30 June 2024 (UTC): recent = 1..30 June, previous = 2..31 May.
  const NOW = '2024-06-30T12:00:00Z';
  const many = (n: number, at: string, topic: Parameters<typeof topicBit>[0]) =>
    Array.from({ length: n }, () => ev(at, { topics: topicBit(topic) }));

  it('applies the 1.1× / 0.9× thresholds strictly', () => {
    const events = [
      ...many(11, '2024-06-15T10:00:00Z', 'GAMING'),
      ...many(10, '2024-05-15T10:00:00Z', 'GAMING'), // 11 vs 10: exactly 1.1× → STABLE
      ...many(12, '2024-06-15T10:00:00Z', 'SPORTS'),
      ...many(10, '2024-05-15T10:00:00Z', 'SPORTS'), // 12 vs 10 → UP
      ...many(9, '2024-06-15T10:00:00Z', 'COOKING'),
      ...many(10, '2024-05-15T10:00:00Z', 'COOKING'), // 9 vs 10: exactly 0.9× → STABLE
      ...many(8, '2024-06-15T10:00:00Z', 'TRAVEL'),
      ...many(10, '2024-05-15T10:00:00Z', 'TRAVEL'), // 8 vs 10 → DOWN
    ];
    const trends = Object.fromEntries(topics(ctxOf(events, NOW)).map((t) => [t.topic, t.trend]));
    expect(trends).toEqual({ GAMING: 'STABLE', SPORTS: 'UP', COOKING: 'STABLE', TRAVEL: 'DOWN' });
  });

  it('counts the window edges: today−29 is recent, today−30 and today−59 previous, today−60 neither', () => {
    const events = [
      ev('2024-06-01T00:00:00Z'),
      ev('2024-05-31T23:59:59Z'),
      ev('2024-05-02T00:00:00Z'),
      ev('2024-05-01T23:59:59Z'),
      ev('2024-07-01T00:00:00Z'), // after today: in neither window
    ];
    const [t] = topics(ctxOf(events, NOW));
    expect(t).toMatchObject({ topic: 'TECHNOLOGY', videos: 5, recentVideos: 1, previousVideos: 2, trend: 'DOWN' });
  });

  it('counts an event for each of its topics; shares are of topic assignments; ties in taxonomy order', () => {
    const events = [
      ev('2024-06-10T10:00:00Z', { topics: topicBit('MUSIC') | topicBit('GAMING') }),
      ev('2024-06-11T10:00:00Z', { topics: topicBit('MUSIC') }),
      ev('2024-06-12T10:00:00Z', { topics: topicBit('OTHER') }),
    ];
    const out = topics(ctxOf(events, NOW));
    expect(out.map((t) => [t.topic, t.videos, t.share])).toEqual([
      ['MUSIC', 2, 2 / 4],
      ['GAMING', 1, 1 / 4],
      ['OTHER', 1, 1 / 4],
    ]);
  });

  it('computes recent/previous under the non-time filters but not the timeframe', () => {
    const events = [
      ev('2024-06-20T10:00:00Z'),
      ev('2024-05-20T10:00:00Z'),
      ev('2024-06-21T10:00:00Z', { product: 'YOUTUBE_MUSIC' }),
    ];
    const [t] = topics(ctxOf(events, NOW, { product: 'YOUTUBE', range: { from: '2024-06-20', to: '2024-06-20' } }));
    expect(t).toMatchObject({ topic: 'TECHNOLOGY', videos: 1, recentVideos: 1, previousVideos: 1, trend: 'STABLE' });
  });
});

describe('topChannels', () => {
  it('orders by videos desc, then title asc (code units), then key, and respects the limit', () => {
    const at = '2024-03-01T10:00:00Z';
    const events = [
      ...[1, 2].map(() => ev(at, { channelKey: 'UCa', channelTitle: 'beta' })),
      ...[1, 2].map(() => ev(at, { channelKey: 'title:alpha', channelTitle: 'alpha' })),
      ...[1, 2].map(() => ev(at, { channelKey: 'UCb', channelTitle: 'alpha' })),
      ...[1, 2, 3].map(() => ev(at, { channelKey: 'UCz', channelTitle: 'zeta' })),
      ...[1, 2].map(() => ev(at, { channelKey: 'UCc', channelTitle: 'Zulu' })), // 'Z' < 'a' in code units
      ev(at, { channelKey: null, channelTitle: null }),
    ];
    const ctx = ctxOf(events, '2024-03-05T00:00:00Z');
    const rows = topChannels(ctx, { limit: 10 });
    expect(rows.map((r) => r.channelKey)).toEqual(['UCz', 'UCc', 'UCb', 'title:alpha', 'UCa']);
    expect(rows[0]?.share).toBe(3 / 12);
    expect(rows.find((r) => r.channelKey === 'title:alpha')?.channelUrl).toBeNull();
    expect(topChannels(ctx, { limit: 2 }).map((r) => r.channelKey)).toEqual(['UCz', 'UCc']);
    expect(kpis(ctx).uniqueChannels).toBe(5);
  });

  it('names a channel by its most recent non-empty title, whatever the filter', () => {
    const events = [
      ev('2024-01-01T10:00:00Z', { channelTitle: 'Old name', product: 'YOUTUBE' }),
      ev('2024-02-01T10:00:00Z', { channelTitle: 'New name', product: 'YOUTUBE_MUSIC' }),
      ev('2024-03-01T10:00:00Z', { channelTitle: null }),
      ev('2024-03-02T10:00:00Z', { channelTitle: '' }),
    ];
    const [row] = topChannels(ctxOf(events, '2024-03-05T00:00:00Z', { product: 'YOUTUBE' }), { limit: 1 });
    expect(row).toMatchObject({ channelKey: 'UCone', channelTitle: 'New name', videos: 3 });
  });

  it('rejects a limit outside 0..100', () => {
    const ctx = ctxOf([], '2024-03-05T00:00:00Z');
    expect(() => topChannels(ctx, { limit: 101 })).toThrow(/\[precompute\/engine\] expected topChannels limit 0\.\.100, got 101/);
    expect(() => topChannels(ctx, { limit: 1.5 })).toThrow(RangeError);
  });
});

describe('heatmap and monthlyTrend', () => {
  it('has 168 weekday-major cells and follows the DST jump (no 02:00 on 10 March 2024 in New York)', () => {
    const events = [ev('2024-03-10T06:30:00Z'), ev('2024-03-10T07:30:00Z')]; // 01:30 EST, 03:30 EDT (Sunday)
    const cells = heatmap(ctxOf(events, '2024-03-11T00:00:00Z', { timeZone: 'America/New_York' }));
    expect(cells.map((c) => [c.weekday, c.hour])).toEqual(Array.from({ length: 168 }, (_, i) => [Math.floor(i / 24), i % 24]));
    expect(cells.filter((c) => c.videos > 0).map((c) => [c.weekday, c.hour])).toEqual([
      [0, 1],
      [0, 3],
    ]);
  });

  it('fills months without data with zeros and puts events in their local month', () => {
    const events = [
      ev('2024-01-31T23:30:00Z', { channelKey: 'UCa' }), // February in Kolkata (+05:30)
      ev('2024-02-10T10:00:00Z', { channelKey: 'UCa' }),
      ev('2024-02-11T10:00:00Z', { channelKey: null }),
      ev('2024-04-30T20:00:00Z', { channelKey: 'UCb' }), // 1 May in Kolkata
    ];
    const points = monthlyTrend(ctxOf(events, '2024-06-01T00:00:00Z', { timeZone: 'Asia/Kolkata' }));
    expect(points.map((p) => [p.month, p.videos, p.uniqueChannels])).toEqual([
      ['2024-02', 3, 1],
      ['2024-03', 0, 0],
      ['2024-04', 0, 0],
      ['2024-05', 1, 1],
    ]);
  });
});

describe('zones whose local days go backwards', () => {
  it('agrees with the reference around St John’s 00:01 → 23:01 fall-back (7 November 2010)', () => {
    const t = Date.parse('2010-11-07T02:31:00Z'); // 00:01 NDT becomes 23:01 NST on 6 November
    const events = [-40, -20, -1, 0, 10, 50, 200].map((m, i) => ev(t + m * MIN, { channelKey: i % 2 ? 'UCa' : 'UCb' }));
    const engine = new Engine(events);
    const filter = canonicalizeFilter({ timeZone: 'America/St_Johns', range: { from: '2010-11-06', to: '2010-11-06' } });
    const now = Date.parse('2010-11-08T12:00:00Z');
    const ctx = engine.context(filter, now);
    expect(ctx.zone.daysMonotone).toBe(false);
    const ref = prepare(events, filter, now);
    // Local times: 23:21, 23:41 NDT (6th), 00:00 NDT (7th), then 23:01, 23:11, 23:51 NST (6th again), 02:21 (7th).
    expect(kpis(ctx).videos).toBe(5);
    expect(kpis(ctx)).toEqual(referenceKpis(ref));
    expect(monthlyTrend(ctx)).toEqual(referenceMonthlyTrend(ref));
    expect(topChannels(ctx, { limit: 10 })).toEqual(referenceTopChannels(ref, 10));
    expect(heatmap(ctx)).toEqual(referenceHeatmap(ref));
    expect(topics(ctx)).toEqual(referenceTopics(ref));
  });
});
