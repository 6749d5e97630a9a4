/** Hand-worked cases of catalogue #8, #12, #15–#19: expected values computed by hand from AGGREGATIONS.md. */
import { describe, expect, it } from 'vitest';
import { type Topic, topicBit, type WatchEvent } from '../../domain/events.js';
import { canonicalizeFilter, type WatchFilterInput } from '../../domain/filter.js';
import {
  channelEvolution,
  dataQuality,
  Engine,
  timeSeries,
  topicDiversity,
  topicEvolution,
  topicSignals,
  viewingPatterns,
} from '../../precompute/engine/index.js';
import { signalMask } from '../../precompute/engine/signals.js';
import type { ChangeLogEntry, ImportStats } from '../../store/types.js';

let seq = 0;
function ev(at: string | null, over: Partial<WatchEvent> = {}): WatchEvent {
  seq++;
  return {
    id: `e${String(seq).padStart(5, '0')}`,
    watchedAt: at === null ? null : Date.parse(at),
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
const topicsOf = (...ts: Topic[]): number => ts.reduce((m, t) => m | topicBit(t), 0);
const NOW = '2024-09-15T12:00:00Z';
const ctxOf = (events: WatchEvent[], filter: WatchFilterInput = {}, changeLog: ChangeLogEntry[] = []) =>
  new Engine(events, { changeLog }).context(canonicalizeFilter(filter), Date.parse(NOW));
/** `n` events on `day` (YYYY-MM-DD) at 12:00 UTC plus i minutes. */
const onDay = (day: string, n: number, over: Partial<WatchEvent> = {}): WatchEvent[] =>
  Array.from({ length: n }, (_, i) => ev(`${day}T12:${String(i).padStart(2, '0')}:00Z`, over));

describe('empty history', () => {
  it('gives zero buckets with null shares, empty lists, null ratios and an unknown channel', () => {
    const ctx = ctxOf([]);
    const p = viewingPatterns(ctx);
    expect([p.byHour.length, p.byWeekday.length, p.byWeekOfMonth.length, p.byMonth.length]).toEqual([24, 7, 5, 12]);
    expect(p.byWeekOfMonth).toEqual([1, 2, 3, 4, 5].map((key) => ({ key, videos: 0, share: null })));
    expect(timeSeries(ctx, { interval: 'WEEK', metric: 'CHANNELS' })).toEqual([]);
    expect(channelEvolution(ctx, { channel: 'UCone' })).toBeNull();
    expect(topicEvolution(ctx)).toEqual([]);
    expect(topicSignals(ctx)).toEqual([]);
    expect(topicDiversity(ctx)).toEqual({
      distinctTopics: 0,
      shannonBits: null,
      evenness: null,
      top3Share: null,
      spread: { learning: null, leisure: null, other: null },
    });
    expect(dataQuality(ctx)).toMatchObject({ records: 0, undated: 0, firstWatchedAt: null, lastWatchedAt: null });
  });
});

describe('viewingPatterns and timeSeries', () => {
  it('puts one event in its local buckets: Paris 00:30 Saturday 1 June is UTC 22:30 Friday 31 May', () => {
    const events = [ev('2024-05-31T22:30:00Z')];
    const paris = ctxOf(events, { timeZone: 'Europe/Paris' });
    const utc = ctxOf(events);
    const only = (buckets: { key: number; videos: number; share: number | null }[]) =>
      buckets.filter((b) => b.videos > 0).map((b) => [b.key, b.videos, b.share]);
    const pp = viewingPatterns(paris);
    expect([only(pp.byHour), only(pp.byWeekday), only(pp.byWeekOfMonth), only(pp.byMonth)]).toEqual([
      [[0, 1, 1]],
      [[6, 1, 1]],
      [[1, 1, 1]],
      [[6, 1, 1]],
    ]);
    const pu = viewingPatterns(utc);
    expect([only(pu.byHour), only(pu.byWeekday), only(pu.byWeekOfMonth), only(pu.byMonth)]).toEqual([
      [[22, 1, 1]],
      [[5, 1, 1]],
      [[5, 1, 1]],
      [[5, 1, 1]],
    ]);
    expect(timeSeries(paris, { interval: 'DAY', metric: 'VIDEOS' })).toEqual([{ start: '2024-06-01', value: 1 }]);
    expect(timeSeries(paris, { interval: 'WEEK', metric: 'VIDEOS' })).toEqual([{ start: '2024-05-27', value: 1 }]);
    expect(timeSeries(paris, { interval: 'MONTH', metric: 'VIDEOS' })).toEqual([{ start: '2024-06-01', value: 1 }]);
    expect(timeSeries(utc, { interval: 'MONTH', metric: 'VIDEOS' })).toEqual([{ start: '2024-05-01', value: 1 }]);
  });

  it('maps days 7/8, 28/29 and 31 to weeks of month 1/2, 4/5 and 5', () => {
    const events = ['07', '08', '28', '29', '31'].map((d) => ev(`2024-01-${d}T12:00:00Z`));
    expect(viewingPatterns(ctxOf(events)).byWeekOfMonth.map((b) => b.videos)).toEqual([1, 1, 0, 1, 2]);
  });

  it('counts distinct channels and topics per bucket for events all in one minute', () => {
    const events = [
      ev('2024-03-10T10:00:00Z', { channelKey: 'UCa', topics: topicsOf('MUSIC') }),
      ev('2024-03-10T10:00:10Z', { channelKey: 'UCa', topics: topicsOf('MUSIC', 'GAMING') }),
      ev('2024-03-10T10:00:20Z', { channelKey: 'UCb', topics: topicsOf('NEWS') }),
      ev('2024-03-10T10:00:30Z', { channelKey: null, channelTitle: null, topics: topicsOf('OTHER') }),
      ev('2024-03-10T10:00:59Z', { channelKey: 'UCb', topics: topicsOf('NEWS') }),
    ];
    const ctx = ctxOf(events);
    expect(timeSeries(ctx, { interval: 'DAY', metric: 'VIDEOS' })).toEqual([{ start: '2024-03-10', value: 5 }]);
    expect(timeSeries(ctx, { interval: 'DAY', metric: 'CHANNELS' })).toEqual([{ start: '2024-03-10', value: 2 }]);
    expect(timeSeries(ctx, { interval: 'DAY', metric: 'TOPICS' })).toEqual([{ start: '2024-03-10', value: 4 }]);
    // 10 March 2024 is a Sunday: its week starts Monday 4 March.
    expect(timeSeries(ctx, { interval: 'WEEK', metric: 'CHANNELS' })).toEqual([{ start: '2024-03-04', value: 2 }]);
  });

  it('follows the Paris spring-forward night (31 March 2024) and splits days exactly at local midnight', () => {
    const events = [
      ev('2024-03-30T23:30:00Z'), // 00:30 CET, Sunday 31 March
      ev('2024-03-31T00:59:00Z'), // 01:59 CET
      ev('2024-03-31T01:00:00Z'), // 03:00 CEST (02:00–02:59 do not exist)
      ev('2024-03-31T21:59:59.999Z'), // 23:59:59.999 CEST
      ev('2024-03-31T22:00:00Z'), // 00:00 CEST, Monday 1 April
    ];
    const ctx = ctxOf(events, { timeZone: 'Europe/Paris' });
    expect(timeSeries(ctx, { interval: 'DAY', metric: 'VIDEOS' })).toEqual([
      { start: '2024-03-31', value: 4 },
      { start: '2024-04-01', value: 1 },
    ]);
    expect(timeSeries(ctx, { interval: 'WEEK', metric: 'VIDEOS' })).toEqual([
      { start: '2024-03-25', value: 4 },
      { start: '2024-04-01', value: 1 },
    ]);
    const hours = viewingPatterns(ctx).byHour.map((b) => b.videos);
    expect([hours[0], hours[1], hours[2], hours[3], hours[23]]).toEqual([2, 1, 0, 1, 1]);
  });

  it('fills empty buckets with 0 between the first and the last', () => {
    const events = [ev('2024-01-31T12:00:00Z'), ev('2024-04-01T12:00:00Z')];
    expect(timeSeries(ctxOf(events), { interval: 'MONTH', metric: 'VIDEOS' })).toEqual([
      { start: '2024-01-01', value: 1 },
      { start: '2024-02-01', value: 0 },
      { start: '2024-03-01', value: 0 },
      { start: '2024-04-01', value: 1 },
    ]);
  });
});

describe('channelEvolution', () => {
  // UCone per month: 5, 6, 8, 0, 0, 5, 4, 3 (January–August 2024).
  const counts = [5, 6, 8, 0, 0, 5, 4, 3];
  const events = counts.flatMap((n, m) => onDay(`2024-${String(m + 1).padStart(2, '0')}-10`, n));
  events.push(ev('2024-01-11T12:00:00Z', { topics: topicsOf('TECHNOLOGY', 'GAMING') }));
  events.push(...onDay('2024-02-12', 9, { channelKey: 'UCtwo', channelTitle: 'Two' }));
  events.push(ev('2024-09-01T12:00:00Z', { channelTitle: 'One (renamed)' }));

  it('gap-fills months and applies the strict 1.2× / 0.8× trend (exactly 1.2× and 0.8× are STABLE)', () => {
    const r = channelEvolution(ctxOf(events, { range: { from: '2024-01-01', to: '2024-08-31' } }), { channel: 'UCone' });
    expect(r).not.toBeNull();
    expect(r?.channelTitle).toBe('One (renamed)'); // the most recent title, whatever the filter
    expect(r?.channelUrl).toBe('https://www.youtube.com/channel/UCone');
    expect(r?.points.map((p) => [p.month, p.videos, p.trend])).toEqual([
      ['2024-01', 6, 'STABLE'], // 5 + the GAMING one
      ['2024-02', 6, 'STABLE'], // 6 = 1.0×
      ['2024-03', 8, 'UP'], // 8 > 7.2
      ['2024-04', 0, 'DOWN'],
      ['2024-05', 0, 'STABLE'],
      ['2024-06', 5, 'UP'], // anything > 0 after 0
      ['2024-07', 4, 'STABLE'], // 4 < 4.0 is false: exactly 0.8× is STABLE
      ['2024-08', 3, 'DOWN'],
    ]);
    expect(r?.points.map((p) => p.distinctTopics)).toEqual([2, 1, 1, 0, 0, 1, 1, 1]);
  });

  it('STABLE at exactly 1.2×, UP just above', () => {
    const stable = [...onDay('2024-01-10', 5), ...onDay('2024-02-10', 6)];
    const up = [...onDay('2024-01-10', 5), ...onDay('2024-02-10', 7)];
    expect(channelEvolution(ctxOf(stable), { channel: 'UCone' })?.points.map((p) => p.trend)).toEqual(['STABLE', 'STABLE']);
    expect(channelEvolution(ctxOf(up), { channel: 'UCone' })?.points.map((p) => p.trend)).toEqual(['STABLE', 'UP']);
  });

  it('tells an unknown channel (null) from a known one with nothing under the filter (no points)', () => {
    expect(channelEvolution(ctxOf(events), { channel: 'UCnobody' })).toBeNull();
    expect(channelEvolution(ctxOf(events, { channels: ['UCtwo'] }), { channel: 'UCone' })?.points).toEqual([]);
    expect(channelEvolution(ctxOf(events, { timeframe: 'MTD' }), { channel: 'UCtwo' })?.points).toEqual([]);
    // A channel with one video: one STABLE point.
    expect(channelEvolution(ctxOf(events), { channel: 'UCtwo' })?.points).toEqual([
      { month: '2024-02', videos: 9, distinctTopics: 1, trend: 'STABLE' },
    ]);
    const single = [ev('2024-05-05T05:05:00Z', { channelKey: 'title:solo', channelTitle: 'Solo', topics: topicsOf('NEWS') })];
    expect(channelEvolution(ctxOf(single), { channel: 'title:solo' })).toEqual({
      channelKey: 'title:solo',
      channelTitle: 'Solo',
      channelUrl: null,
      points: [{ month: '2024-05', videos: 1, distinctTopics: 1, trend: 'STABLE' }],
    });
  });
});

describe('topicEvolution', () => {
  const events = [
    ...onDay('2024-01-05', 2, { topics: topicsOf('TECHNOLOGY') }),
    ev('2024-01-06T12:00:00Z', { topics: topicsOf('TECHNOLOGY', 'MUSIC') }),
    ev('2024-03-06T12:00:00Z', { topics: topicsOf('MUSIC') }),
    ...onDay('2024-04-07', 2, { topics: topicsOf('TECHNOLOGY') }),
    ev('2024-05-08T12:00:00Z', { topics: topicsOf('TECHNOLOGY') }),
    ...onDay('2024-07-09', 2, { topics: topicsOf('TECHNOLOGY') }),
    ...onDay('2024-07-10', 2, { topics: topicsOf('MUSIC') }),
  ];

  it('gives each topic the span’s months with shares of monthly assignments, growth and peak/low months', () => {
    const [tech, music, ...rest] = topicEvolution(ctxOf(events));
    expect(rest).toEqual([]);
    expect(tech?.topic).toBe('TECHNOLOGY');
    expect(tech?.videos).toBe(8);
    expect(tech?.timeline.map((p) => [p.month, p.videos, p.share, p.trend])).toEqual([
      ['2024-01', 3, 0.75, 'STABLE'], // 4 assignments: TECH ×3, MUSIC ×1
      ['2024-02', 0, null, 'DOWN'], // no video at all: share undefined
      ['2024-03', 0, 0, 'STABLE'],
      ['2024-04', 2, 1, 'UP'],
      ['2024-05', 1, 1, 'DOWN'],
      ['2024-06', 0, null, 'DOWN'],
      ['2024-07', 2, 0.5, 'UP'],
    ]);
    expect(tech?.growthPercent).toBe(50); // May–July 3 vs February–April 2
    expect([tech?.peakMonthOfYear, tech?.lowMonthOfYear]).toEqual([1, 2]);
    expect(music?.topic).toBe('MUSIC');
    expect(music?.timeline.map((p) => p.videos)).toEqual([1, 0, 1, 0, 0, 0, 2]);
    expect(music?.growthPercent).toBe(100); // 2 vs 1
    expect([music?.peakMonthOfYear, music?.lowMonthOfYear]).toEqual([7, 2]);
  });

  it('has a null growth when the three months before the last three had nothing (short span)', () => {
    const r = topicEvolution(ctxOf([ev('2024-01-05T12:00:00Z'), ev('2024-02-05T12:00:00Z')]));
    expect(r.map((t) => [t.topic, t.growthPercent, t.peakMonthOfYear, t.lowMonthOfYear])).toEqual([['TECHNOLOGY', null, 1, 3]]);
  });
});

describe('topicDiversity', () => {
  it('computes entropy, evenness, top-3 share and the spread over assignments', () => {
    const events = [
      ...onDay('2024-02-01', 2, { topics: topicsOf('TECHNOLOGY') }),
      ev('2024-02-02T10:00:00Z', { topics: topicsOf('TECHNOLOGY', 'MUSIC') }),
      ev('2024-02-03T10:00:00Z', { topics: topicsOf('COOKING') }),
    ];
    const d = topicDiversity(ctxOf(events));
    // p = 3/5, 1/5, 1/5
    const h = -(0.6 * Math.log2(0.6) + 2 * 0.2 * Math.log2(0.2));
    expect(d.distinctTopics).toBe(3);
    expect(d.shannonBits).toBeCloseTo(h, 12);
    expect(d.evenness).toBeCloseTo(h / Math.log2(3), 12);
    expect(d.top3Share).toBe(1);
    expect(d.spread).toEqual({ learning: 3 / 5, leisure: 1 / 5, other: 1 / 5 });
  });

  it('is 0 bits (not −0) with a null evenness for one topic, 2 bits and evenness 1 for four equal ones', () => {
    const one = topicDiversity(ctxOf(onDay('2024-02-01', 3)));
    expect(Object.is(one.shannonBits, 0)).toBe(true);
    expect(one.evenness).toBeNull();
    const four = topicDiversity(
      ctxOf(
        (['NEWS', 'GAMING', 'TRAVEL', 'SCIENCE'] as const).map((t, i) =>
          ev(`2024-02-0${i + 1}T10:00:00Z`, { topics: topicsOf(t) }),
        ),
      ),
    );
    expect(four.shannonBits).toBe(2);
    expect(four.evenness).toBe(1);
    expect(four.top3Share).toBe(0.75);
    expect(four.spread).toEqual({ learning: 0.25, leisure: 0.25, other: 0.5 });
  });
});

describe('topicSignals', () => {
  it('matches phrases as case-insensitive substrings of title + " " + channel title', () => {
    expect(signalMask('How To bake', null)).toBe(0b0101); // learning, intentional
    expect(signalMask('the best how', 'to cook')).toBe(0b0101); // "how to" across the join
    expect(signalMask('the best how', null)).toBe(0);
    expect(signalMask('FULL Documentary', '')).toBe(0b0010);
    expect(signalMask('cat #Shorts', 'x')).toBe(0b1000);
    expect(signalMask('Mac VS PC', null)).toBe(0b0100);
    expect(signalMask('canvas lectur', 'e')).toBe(0); // "lectur e" is not "lecture"
    expect(signalMask('Lecture', null)).toBe(0b0011); // learning and long form
  });

  it('gives per-topic shares of signal videos and co-assigned topics', () => {
    const cooking = { channelKey: 'UCc', channelTitle: 'Kitchen', topics: topicsOf('COOKING') };
    const events = [
      ev('2024-02-01T10:00:00Z', { ...cooking, videoTitle: 'How To bake bread' }),
      ev('2024-02-01T10:01:00Z', { ...cooking, videoTitle: 'Full course' }),
      ev('2024-02-01T10:02:00Z', { ...cooking, videoTitle: 'Cat #shorts', topics: topicsOf('COOKING', 'TRAVEL') }),
      ev('2024-02-01T10:03:00Z', { ...cooking, videoTitle: 'plain', topics: topicsOf('COOKING', 'TRAVEL', 'NEWS') }),
      ev('2024-02-01T10:04:00Z', { ...cooking, videoTitle: 'plain', topics: topicsOf('NEWS') }),
    ];
    const [c, n, t] = topicSignals(ctxOf(events));
    expect(c).toEqual({
      topic: 'COOKING',
      videos: 4,
      learning: 2 / 4,
      longForm: 1 / 4,
      intentional: 1 / 4,
      algorithmic: 1 / 4,
      coTopics: [
        { topic: 'TRAVEL', videos: 2, share: 0.5 },
        { topic: 'NEWS', videos: 1, share: 0.25 },
      ],
    });
    // NEWS and TRAVEL both have 2 videos: taxonomy order (NEWS before TRAVEL).
    expect([n?.topic, t?.topic]).toEqual(['NEWS', 'TRAVEL']);
    expect(t?.coTopics).toEqual([
      { topic: 'COOKING', videos: 2, share: 1 },
      { topic: 'NEWS', videos: 1, share: 0.5 },
    ]);
  });
});

describe('dataQuality', () => {
  const stats = (over: Partial<ImportStats>): ImportStats => ({
    source: 'takeout-html',
    recordsRead: 10,
    duplicatesSkipped: 0,
    timestampFormats: {},
    timeZoneAbbreviations: {},
    ambiguousTimeZones: 0,
    ...over,
  });
  const entry = (dataVersion: number, s: ImportStats): ChangeLogEntry => ({
    viewerId: 'v',
    dataVersion,
    committedAt: dataVersion,
    added: 1,
    stats: s,
  });

  it('counts every stored event and sums the change log, whatever the filter', () => {
    const events = [
      ev('2024-02-01T10:00:00Z'),
      ev('2024-02-01T11:00:00Z', { isAd: true, channelKey: null, channelTitle: null }),
      ev(null),
      ev('2023-12-31T23:00:00Z', { kind: 'VIEWED' }),
      ev(null, { kind: 'VISITED', isAd: true, channelKey: null, channelTitle: null }),
      ev('2024-03-01T00:00:00Z', { kind: 'VISITED', isAd: true, channelKey: null, channelTitle: null }),
    ];
    const log = [
      entry(
        1,
        stats({
          duplicatesSkipped: 1,
          timestampFormats: { iso: 3, 'en-US': 2 },
          timeZoneAbbreviations: { CET: { count: 2, assumedOffsetMinutes: 60 } },
        }),
      ),
      entry(
        2,
        stats({
          duplicatesSkipped: 2,
          timestampFormats: { iso: 1, fr: 5 },
          timeZoneAbbreviations: { CET: { count: 1, assumedOffsetMinutes: 60 }, CST: { count: 4, assumedOffsetMinutes: null } },
          ambiguousTimeZones: 4,
        }),
      ),
    ];
    const expected = {
      records: 6,
      watched: 3,
      viewedPosts: 1,
      visitedAds: 2,
      ads: 3,
      undated: 2,
      withChannel: 3,
      duplicatesSkipped: 3,
      timestampFormats: [
        { format: 'fr', count: 5 },
        { format: 'iso', count: 4 },
        { format: 'en-US', count: 2 },
      ],
      timeZoneAbbreviations: [
        { abbreviation: 'CST', count: 4, assumedOffsetMinutes: null },
        { abbreviation: 'CET', count: 3, assumedOffsetMinutes: 60 },
      ],
      ambiguousTimeZones: 4,
      firstWatchedAt: Date.parse('2023-12-31T23:00:00Z'), // a post: any kind counts
      lastWatchedAt: Date.parse('2024-03-01T00:00:00Z'),
    };
    expect(dataQuality(ctxOf(events, {}, log))).toEqual(expected);
    expect(dataQuality(ctxOf(events, { timeframe: 'MTD', product: 'YOUTUBE_MUSIC', channels: ['UCx'] }, log))).toEqual(expected);
  });

  it('returns a copy: changing one answer does not change the next', () => {
    const ctx = ctxOf([ev('2024-02-01T10:00:00Z')], {}, [entry(1, stats({ timestampFormats: { iso: 1 } }))]);
    const first = dataQuality(ctx);
    first.timestampFormats[0]!.count = 99;
    first.records = 99;
    expect(dataQuality(ctx)).toMatchObject({ records: 1, timestampFormats: [{ format: 'iso', count: 1 }] });
  });
});
