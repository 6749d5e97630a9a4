/** Hand-worked edge cases of the activity group (expected values computed by hand from the catalogue). */
import { describe, expect, it } from 'vitest';
import { topicBit, type WatchEvent } from '../../domain/events.js';
import { canonicalizeFilter, type WatchFilterInput } from '../../domain/filter.js';
import {
  advancedKpis,
  channelMetrics,
  channelRelationships,
  dailyStats,
  Engine,
  habits,
  overview,
  sessions,
} from '../../precompute/engine/index.js';
import type { Habit } from '../../precompute/engine/results/habits.js';

const MIN = 60_000;
let seq = 0;
function ev(at: string | number, over: Partial<WatchEvent> = {}): WatchEvent {
  seq++;
  return {
    id: `e${String(seq).padStart(5, '0')}`,
    watchedAt: typeof at === 'number' ? at : Date.parse(at),
    videoId: `v${seq}`,
    videoTitle: `video ${seq}`,
    channelKey: 'UCx',
    channelTitle: 'X',
    product: 'YOUTUBE',
    kind: 'WATCHED',
    isAd: false,
    topics: topicBit('TECHNOLOGY'),
    ...over,
  };
}
const ctxOf = (events: WatchEvent[], now: string, filter: WatchFilterInput = {}) =>
  new Engine(events).context(canonicalizeFilter(filter), Date.parse(now));
const habitNames = (events: WatchEvent[], now = '2024-12-31T00:00:00Z'): Habit[] =>
  habits(ctxOf(events, now)).map((h) => h.habit);

describe('empty history', () => {
  it('answers with zero counts, null statistics and empty lists', () => {
    const ctx = ctxOf([], '2024-05-01T00:00:00Z', { timeZone: 'Europe/Paris' });
    expect(overview(ctx)).toEqual({
      videos: 0,
      uniqueChannels: 0,
      firstWatchedAt: null,
      lastWatchedAt: null,
      activeDays: 0,
      spanDays: 0,
      videosPerDay: null,
      videosPerActiveDay: null,
    });
    expect(sessions(ctx, { gapMinutes: 30 })).toEqual({
      gapMinutes: 30,
      count: 0,
      videosPerSession: null,
      medianVideosPerSession: null,
      maxVideos: null,
      meanDurationMinutes: null,
      binge: 0,
      short: 0,
      perActiveDay: null,
      startsByHour: new Array(24).fill(0),
      list: [],
      listTruncated: false,
      channels: [],
    });
    expect(Object.values(advancedKpis(ctx)).every((v) => v === null)).toBe(true);
    expect(habits(ctx)).toEqual([]);
    const stats = dailyStats(ctx);
    expect(stats.days).toBe(0);
    expect(Object.entries(stats).every(([k, v]) => k === 'days' || v === null)).toBe(true);
    expect(channelMetrics(ctx)).toMatchObject({ totalCount: 0, items: [], hasNextPage: false });
    expect(channelRelationships(ctx, { limit: 20, minScore: 0 })).toEqual([]);
  });
});

describe('one event', () => {
  // Friday 10 May 2024, 12:00 UTC; today is Monday 20 May.
  const t = Date.parse('2024-05-10T12:00:00Z');
  const ctx = ctxOf([ev(t)], '2024-05-20T09:00:00Z');

  it('is one short session of one video lasting 0 minutes', () => {
    const s = sessions(ctx, { gapMinutes: 30 });
    expect(s).toMatchObject({
      count: 1,
      videosPerSession: 1,
      medianVideosPerSession: 1,
      maxVideos: 1,
      meanDurationMinutes: 0,
      binge: 0,
      short: 1,
      perActiveDay: 1,
      list: [{ start: t, end: t, videos: 1, channels: ['UCx'] }],
    });
    expect(s.startsByHour[12]).toBe(1);
  });

  it('spans one day, all statistics equal to 1', () => {
    expect(overview(ctx)).toMatchObject({ activeDays: 1, spanDays: 1, videosPerDay: 1, firstWatchedAt: t, lastWatchedAt: t });
    expect(dailyStats(ctx)).toEqual({
      days: 1,
      mean: 1,
      median: 1,
      mode: 1,
      standardDeviation: 0,
      p10: 1,
      p25: 1,
      p50: 1,
      p75: 1,
      p90: 1,
      p95: 1,
      p99: 1,
    });
  });

  it('has no weekend intensity (a Friday-only span), a new channel per day, and the earliest 3-hour window', () => {
    expect(advancedKpis(ctx)).toEqual({
      repeatChannelShare: 0,
      newChannelsPerMonth: 30, // one new channel in a 1-day span = 1 / (1/30)
      top10ChannelShare: 1,
      weekendShare: 0,
      weekendIntensity: null,
      consistencyScore: 100,
      peakHour: 12,
      peakWindow: { startHour: 10, endHour: 13 }, // 10–13, 11–14 and 12–15 all hold it: earliest wins
      growth30d: null, // nothing in 21 Mar – 20 Apr
      growth90d: null,
    });
  });

  it('is a creature of habit with full confidence', () => {
    expect(habits(ctx)).toEqual([
      {
        habit: 'CREATURE_OF_HABIT',
        confidence: 1,
        evidence: 'Consistency score 100.0 of 100, with videos on 1 of 1 days (100.0%).',
      },
    ]);
  });

  it('gives a channel with one video its metrics and loyalty', () => {
    expect(channelMetrics(ctx).items).toEqual([
      {
        channelKey: 'UCx',
        channelTitle: 'X',
        channelUrl: 'https://www.youtube.com/channel/UCx',
        videos: 1,
        share: 1,
        firstWatchedAt: t,
        lastWatchedAt: t,
        activeMonths: 1,
        videosPerActiveMonth: 1,
        peakHour: 12,
        peakWeekday: 5,
        topics: ['TECHNOLOGY'],
        isNew: true,
        sessionShare: 1,
        // consistency 100 (1 of 1 month), frequency 10 (10 × 1 / 1), recency 80 (10 days): 190 / 3 = 63.3
        loyaltyScore: 63,
      },
    ]);
  });
});

describe('all events within one minute', () => {
  // Saturday 2 March 2024, 10:00:00–10:00:50 UTC: six videos, two channels.
  const base = Date.parse('2024-03-02T10:00:00Z');
  const events = [0, 10, 20, 30, 40, 50].map((s, i) =>
    ev(base + s * 1000, { channelKey: i % 2 === 0 ? 'UCa' : 'UCb', channelTitle: i % 2 === 0 ? 'A' : 'B' }),
  );
  const ctx = ctxOf(events, '2024-03-05T00:00:00Z');

  it('is one binge session of 50 seconds', () => {
    expect(sessions(ctx, { gapMinutes: 5 })).toMatchObject({
      count: 1,
      maxVideos: 6,
      binge: 1,
      short: 0,
      meanDurationMinutes: 50_000 / 60_000,
      list: [{ start: base, end: base + 50_000, videos: 6, channels: ['UCa', 'UCb'] }],
      channels: [
        { channelKey: 'UCa', channelTitle: 'A', channelUrl: 'https://www.youtube.com/channel/UCa' },
        { channelKey: 'UCb', channelTitle: 'B', channelUrl: 'https://www.youtube.com/channel/UCb' },
      ],
    });
  });

  it('makes a binge watcher, and the two channels fully related', () => {
    expect(habits(ctx)[0]).toEqual({
      habit: 'BINGE_WATCHER',
      confidence: 1,
      evidence: '1 of 1 sessions (100.0%) had 5 or more videos.',
    });
    expect(channelRelationships(ctx, { limit: 20, minScore: 10 })).toMatchObject([
      { a: { channelKey: 'UCa' }, b: { channelKey: 'UCb' }, sharedSessions: 1, score: 100, sharedTopics: ['TECHNOLOGY'] },
    ]);
  });
});

describe('session gap boundary', () => {
  const t0 = Date.parse('2024-01-10T08:00:00Z');
  const events = [ev(t0), ev(t0 + 30 * MIN), ev(t0 + 60 * MIN + 1)];
  const ctx = ctxOf(events, '2024-02-01T00:00:00Z');

  it('keeps an event exactly one gap later in the session and starts a new one a millisecond later', () => {
    expect(sessions(ctx, { gapMinutes: 30 }).list.map((s) => s.videos)).toEqual([1, 2]); // newest first
    expect(sessions(ctx, { gapMinutes: 31 }).count).toBe(1);
    expect(sessions(ctx, { gapMinutes: 5 }).count).toBe(3);
  });

  it('uses instants, not wall clocks, across a DST change', () => {
    // Paris falls back at 01:00 UTC on 29 Oct 2023: 02:30 CEST, 02:50 CEST, 02:10 CET, 02:30 CET.
    const times = ['00:30', '00:50', '01:10', '01:30'].map((hm) => Date.parse(`2023-10-29T${hm}:00Z`));
    const paris = ctxOf(
      times.map((t) => ev(t)),
      '2023-11-01T00:00:00Z',
      { timeZone: 'Europe/Paris' },
    );
    const s = sessions(paris, { gapMinutes: 30 });
    expect(s).toMatchObject({ count: 1, meanDurationMinutes: 60, maxVideos: 4 });
    expect(s.startsByHour[2]).toBe(1);
    expect(overview(paris)).toMatchObject({ activeDays: 1, spanDays: 1 });
    // New York springs forward at 07:00 UTC on 12 Mar 2023: 01:50 EST then 03:10 EDT, 20 minutes apart.
    const ny = ctxOf([ev('2023-03-12T06:50:00Z'), ev('2023-03-12T07:10:00Z')], '2023-03-20T00:00:00Z', {
      timeZone: 'America/New_York',
    });
    const nys = sessions(ny, { gapMinutes: 30 });
    expect(nys).toMatchObject({ count: 1, meanDurationMinutes: 20 });
    expect(nys.startsByHour[1]).toBe(1);
  });
});

describe('dailyStats', () => {
  it('takes percentiles by nearest rank ⌈p/100 × N⌉ of the ascending counts', () => {
    // April 2024: day i has i videos, so the sorted counts are 1..30.
    const events: WatchEvent[] = [];
    for (let d = 1; d <= 30; d++) {
      for (let i = 0; i < d; i++) events.push(ev(Date.UTC(2024, 3, d, 9, i)));
    }
    const stats = dailyStats(ctxOf(events, '2024-05-01T00:00:00Z'));
    expect(stats).toMatchObject({ days: 30, mean: 15.5, median: 15.5, mode: 1, p10: 3, p25: 8, p50: 15, p75: 23, p90: 27 });
    expect(stats.p95).toBe(29);
    expect(stats.p99).toBe(30);
    expect(stats.standardDeviation).toBeCloseTo(Math.sqrt((30 * 30 - 1) / 12), 12);
  });

  it('counts zero days of the span and picks the smallest mode', () => {
    const events = [
      ev('2024-01-01T10:00:00Z'),
      ev('2024-01-01T11:00:00Z'),
      ev('2024-01-01T12:00:00Z'),
      ev('2024-01-03T10:00:00Z'),
    ];
    expect(dailyStats(ctxOf(events, '2024-02-01T00:00:00Z'))).toMatchObject({ days: 3, mean: 4 / 3, median: 1, mode: 0, p10: 0 });
  });
});

describe('habit thresholds', () => {
  /** `n` videos at `hour`:00 UTC on consecutive days from 1 Jan 2024, 10 minutes apart within the hour. */
  const at = (n: number, hour: number): WatchEvent[] =>
    Array.from({ length: n }, (_, i) => ev(Date.UTC(2024, 0, 1 + Math.floor(i / 5), hour, (i % 5) * 10)));

  it('NIGHT_OWL needs more than 35%: exactly 7 of 20 is not enough, 8 of 20 is', () => {
    expect(habitNames([...at(7, 23), ...at(13, 12)])).not.toContain('NIGHT_OWL');
    const h = habits(ctxOf([...at(8, 23), ...at(12, 12)], '2024-12-31T00:00:00Z')).find((x) => x.habit === 'NIGHT_OWL');
    expect(h?.confidence).toBeCloseTo(0.4 / 0.7, 12);
  });

  it('EARLY_BIRD needs more than 25%: 1 of 4 is not enough, 2 of 4 is', () => {
    expect(habitNames([...at(1, 6), ...at(3, 12)])).not.toContain('EARLY_BIRD');
    expect(
      habits(ctxOf([...at(2, 6), ...at(2, 12)], '2024-12-31T00:00:00Z')).find((x) => x.habit === 'EARLY_BIRD'),
    ).toMatchObject({
      confidence: 1,
    });
  });

  it('BINGE_WATCHER needs more than 30% binge sessions: 3 of 10 is not enough, 4 of 10 is', () => {
    // One session per day at noon; binge sessions have 5 videos a minute apart.
    const history = (binges: number): WatchEvent[] =>
      Array.from({ length: 10 }, (_, d) =>
        Array.from({ length: d < binges ? 5 : 1 }, (_, i) => ev(Date.UTC(2024, 0, 1 + d, 12, i))),
      ).flat();
    expect(habitNames(history(3))).not.toContain('BINGE_WATCHER');
    expect(habits(ctxOf(history(4), '2024-12-31T00:00:00Z'))[0]).toMatchObject({ habit: 'BINGE_WATCHER', confidence: 0.8 });
  });

  it('WEEKENDER needs an intensity above 1.5: 3 vs 2 per day is not enough, 3.5 vs 2 is', () => {
    // Monday 1 – Sunday 7 January 2024: 2 videos each weekday, then the weekend.
    const week = (saturday: number, sunday: number): WatchEvent[] => [
      ...[1, 2, 3, 4, 5].flatMap((d) => [ev(Date.UTC(2024, 0, d, 12)), ev(Date.UTC(2024, 0, d, 14))]),
      ...Array.from({ length: saturday }, (_, i) => ev(Date.UTC(2024, 0, 6, 12 + i))),
      ...Array.from({ length: sunday }, (_, i) => ev(Date.UTC(2024, 0, 7, 12 + i))),
    ];
    expect(advancedKpis(ctxOf(week(3, 3), '2024-12-31T00:00:00Z')).weekendIntensity).toBe(1.5);
    expect(habitNames(week(3, 3))).not.toContain('WEEKENDER');
    const h = habits(ctxOf(week(4, 3), '2024-12-31T00:00:00Z')).find((x) => x.habit === 'WEEKENDER');
    expect(h).toEqual({
      habit: 'WEEKENDER',
      confidence: 0.375,
      evidence: 'Weekend days averaged 3.50 videos against 2.00 on weekdays (1.75×).',
    });
  });

  it('CREATURE_OF_HABIT holds at a consistency score of exactly 60 (1 then 9 videos), not at 59.1 (1 then 10)', () => {
    const days = (a: number, b: number): WatchEvent[] => [
      ...Array.from({ length: a }, (_, i) => ev(Date.UTC(2024, 0, 1, 10, i))),
      ...Array.from({ length: b }, (_, i) => ev(Date.UTC(2024, 0, 2, 10, i))),
    ];
    expect(advancedKpis(ctxOf(days(1, 9), '2024-12-31T00:00:00Z')).consistencyScore).toBe(60);
    expect(habits(ctxOf(days(1, 9), '2024-12-31T00:00:00Z')).find((x) => x.habit === 'CREATURE_OF_HABIT')?.confidence).toBe(0.6);
    expect(habitNames(days(1, 10))).not.toContain('CREATURE_OF_HABIT');
  });

  it('SPORADIC needs fewer than 20% active days: 2 of 10 is not enough, 2 of 11 is', () => {
    const twoDays = (spanDays: number): WatchEvent[] => [ev(Date.UTC(2024, 0, 1, 12)), ev(Date.UTC(2024, 0, spanDays, 12))];
    expect(habitNames(twoDays(10))).not.toContain('SPORADIC');
    expect(habits(ctxOf(twoDays(11), '2024-12-31T00:00:00Z')).find((x) => x.habit === 'SPORADIC')).toEqual({
      habit: 'SPORADIC',
      confidence: 1 - 2 / 11,
      evidence: 'Videos on only 2 of 11 days (18.2%).',
    });
  });
});

describe('channelRelationships', () => {
  // Sessions a day apart: S1 {A, B, D}, S2 {A, B}, S3 {A}, S4 {A, C}, S5 {D}, S6 {D}.
  const channelsOfSession = [['A', 'B', 'D'], ['A', 'B'], ['A'], ['A', 'C'], ['D'], ['D']];
  const events = channelsOfSession.flatMap((keys, s) =>
    keys.map((k, i) => ev(Date.UTC(2024, 0, 1 + s, 12, i), { channelKey: `UC${k}`, channelTitle: k })),
  );
  const ctx = ctxOf(events, '2024-02-01T00:00:00Z');

  it('scores pairs by shared sessions over the rarer channel, sorted by score then shared sessions', () => {
    const pairs = channelRelationships(ctx, { limit: 20, minScore: 0 }).map((p) => [
      p.a.channelKey,
      p.b.channelKey,
      p.sharedSessions,
      p.score,
    ]);
    expect(pairs).toEqual([
      ['UCA', 'UCB', 2, 100], // 2 / min(4, 2)
      ['UCA', 'UCC', 1, 100], // 1 / min(4, 1)
      ['UCB', 'UCD', 1, 50], // 1 / min(2, 3)
      ['UCA', 'UCD', 1, 33], // 1 / min(4, 3)
    ]);
  });

  it('applies minScore and limit', () => {
    expect(channelRelationships(ctx, { limit: 20, minScore: 40 })).toHaveLength(3);
    expect(channelRelationships(ctx, { limit: 2, minScore: 0 }).map((p) => p.b.channelKey)).toEqual(['UCB', 'UCC']);
    expect(() => channelRelationships(ctx, { limit: 101, minScore: 0 })).toThrow(RangeError);
  });

  it('only lets the pool of channels with most videos take part', () => {
    // A has 4 videos, D 3, B 2, C 1: a pool of 2 keeps A and D.
    expect(
      channelRelationships(ctx, { limit: 20, minScore: 0, poolSize: 2 }).map((p) => [p.a.channelKey, p.b.channelKey]),
    ).toEqual([['UCA', 'UCD']]);
  });
});

describe('channelMetrics loyalty and recency', () => {
  it('scores a loyal channel by months since its first video and days since its last', () => {
    // One video on the 15th of each month Jan–Jun 2024, today 2024-06-20: 6 of 6 months.
    const events = Array.from({ length: 6 }, (_, m) => ev(Date.UTC(2024, m, 15, 20)));
    const [c] = channelMetrics(ctxOf(events, '2024-06-20T12:00:00Z')).items;
    // consistency 100, frequency 10 × 6 / 6 = 10, recency 100 (5 days): 210 / 3 = 70
    expect(c).toMatchObject({ activeMonths: 6, videosPerActiveMonth: 1, loyaltyScore: 70, isNew: false });
  });

  it('is new only when its first video under the non-time filters is within the last 30 days', () => {
    const events = [ev(Date.UTC(2024, 0, 1, 12)), ev(Date.UTC(2024, 5, 10, 12))];
    // MTD hides January, but the channel was first watched then: not new.
    expect(channelMetrics(ctxOf(events, '2024-06-20T12:00:00Z', { timeframe: 'MTD' })).items[0]).toMatchObject({
      videos: 1,
      isNew: false,
    });
    const recent = [ev(Date.UTC(2024, 4, 22, 12))];
    expect(channelMetrics(ctxOf(recent, '2024-06-20T12:00:00Z')).items[0]?.isNew).toBe(true); // 29 days before
    expect(channelMetrics(ctxOf(recent, '2024-06-21T12:00:00Z')).items[0]?.isNew).toBe(false); // 30 days before
  });
});
