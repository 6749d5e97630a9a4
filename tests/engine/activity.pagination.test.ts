/** Registry side of the activity group: argument parsing, cursors, and pages cut from one cached entry. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topicBit, type WatchEvent } from '../../domain/events.js';
import { canonicalizeFilter, FilterValidationError } from '../../domain/filter.js';
import { channelCursor, channelMetricsPage, parseChannelMetricsParams } from '../../precompute/aggregations/channels.js';
import { sessionCursor, sessionsEntryPage, sessionsPage } from '../../precompute/aggregations/sessions.js';
import { channelMetrics, Engine, sessions } from '../../precompute/engine/index.js';
import type { ChannelMetricsResult, ChannelRelationship } from '../../precompute/engine/results/channels.js';
import type { SessionItem, SessionsResult } from '../../precompute/engine/results/sessions.js';
import { REGISTRY } from '../../precompute/registry.js';

const def = (id: string) => REGISTRY.find((d) => d.id === id)!;

/** 40 channels with 1..40 videos each, on different days and hours (so the three orderings differ). */
const events: WatchEvent[] = Array.from({ length: 40 }, (_, c) =>
  Array.from(
    { length: c + 1 },
    (_, i): WatchEvent => ({
      id: `c${String(c).padStart(2, '0')}-${String(i).padStart(2, '0')}`,
      watchedAt: Date.UTC(2024, 0, 1 + ((c * 7 + i * 3) % 150), (c + i) % 24, c),
      videoId: `v${c}-${i}`,
      videoTitle: 'video',
      channelKey: `UC${String(c).padStart(2, '0')}`,
      channelTitle: `Channel ${c % 7}`,
      product: 'YOUTUBE',
      kind: 'WATCHED',
      isAd: false,
      topics: topicBit('MUSIC'),
    }),
  ),
).flat();
const ctx = () => new Engine(events).context(canonicalizeFilter({}), Date.UTC(2024, 5, 1));
const entry = def('channelMetrics').kernel(ctx(), {}) as ChannelMetricsResult;

const rejects = (fn: () => unknown, field: string) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FilterValidationError);
    expect((err as FilterValidationError).field).toBe(field);
    return;
  }
  throw new Error(`expected a FilterValidationError on ${field}`);
};

describe('registry entries', () => {
  it('registers the nineteen aggregations once each, in catalogue order', () => {
    expect(REGISTRY.map((d) => d.id)).toEqual([
      'kpis',
      'monthlyTrend',
      'topChannels',
      'heatmap',
      'topics',
      'overview',
      'sessions',
      'viewingPatterns',
      'advancedKpis',
      'habits',
      'dailyStats',
      'timeSeries',
      'channelMetrics',
      'channelRelationships',
      'channelEvolution',
      'topicEvolution',
      'topicDiversity',
      'topicSignals',
      'dataQuality',
    ]);
  });

  it('marks as depending on today exactly the ones that count back from today', () => {
    const group = ['overview', 'sessions', 'advancedKpis', 'habits', 'dailyStats', 'channelMetrics', 'channelRelationships'];
    const today = REGISTRY.filter((d) => group.includes(d.id) && d.dependsOnToday).map((d) => d.id);
    expect(today).toEqual(['advancedKpis', 'channelMetrics']);
    // And they do: the same data a month later gives another answer.
    const later = new Engine(events).context(canonicalizeFilter({}), Date.UTC(2024, 6, 1));
    for (const id of today)
      expect(def(id).kernel(later, def(id).baseParams)).not.toEqual(def(id).kernel(ctx(), def(id).baseParams));
  });

  it('validates sessions.gapMinutes', () => {
    expect(def('sessions').parseParams({})).toEqual({ gapMinutes: 30 });
    expect(def('sessions').parseParams({ gapMinutes: 240 })).toEqual({ gapMinutes: 240 });
    for (const bad of [4, 241, 30.5, '30']) rejects(() => def('sessions').parseParams({ gapMinutes: bad }), 'gapMinutes');
  });

  it('validates channelRelationships limit and minScore, and cuts them from one entry of the top 100 at minScore 0', () => {
    const d = def('channelRelationships');
    expect(d.parseParams({})).toEqual({ limit: 20, minScore: 10 });
    rejects(() => d.parseParams({ limit: 0 }), 'limit');
    rejects(() => d.parseParams({ minScore: 101 }), 'minScore');
    expect(d.entryParams?.({ limit: 5, minScore: 50 })).toEqual(d.baseParams);
    const pair = (score: number, shared: number) => ({ score, sharedSessions: shared }) as ChannelRelationship;
    const data = [pair(100, 3), pair(80, 1), pair(50, 9), pair(50, 2), pair(9, 1), pair(0, 1)];
    expect(d.project?.(data, { limit: 20, minScore: 10 })).toEqual(data.slice(0, 4));
    expect(d.project?.(data, { limit: 2, minScore: 0 })).toEqual(data.slice(0, 2));
    expect(d.project?.(data, { limit: 20, minScore: 0 })).toEqual(data);
  });
});

describe('channelMetrics pages', () => {
  it('reads every page of the first 200 positions of any ordering from the head entry', () => {
    const d = def('channelMetrics');
    expect(d.entryParams?.(parseChannelMetricsParams({ first: 3, orderBy: 'RECENT' }))).toEqual(d.baseParams);
    const at = (position: number, first: number) =>
      d.entryParams?.(parseChannelMetricsParams({ first, orderBy: 'LOYALTY', after: channelCursor('LOYALTY', position) }));
    expect(at(99, 100)).toEqual({});
    expect(at(100, 100)).toEqual({ orderBy: 'LOYALTY', from: 100 });
    expect(at(250, 100)).toEqual({ orderBy: 'LOYALTY', from: 200 });
    expect(entry.totalCount).toBe(40);
  });

  it('walks every ordering page by page, each channel exactly once, in the same order as the whole list', () => {
    fc.assert(
      fc.property(fc.constantFrom('VIDEOS', 'LOYALTY', 'RECENT' as const), fc.integer({ min: 1, max: 17 }), (orderBy, first) => {
        const whole = channelMetricsPage(entry, { orderBy });
        expect(whole.items).toHaveLength(40);
        const seen: string[] = [];
        let after: string | undefined;
        for (;;) {
          const p = parseChannelMetricsParams({ first, orderBy, after });
          const page = channelMetricsPage(entry, p);
          expect(page.orders).toBeUndefined();
          seen.push(...page.items.map((i) => i.channelKey));
          if (!page.hasNextPage) break;
          after = channelCursor(orderBy, page.offset + page.items.length - 1);
        }
        expect(seen).toEqual(whole.items.map((i) => i.channelKey));
      }),
      { numRuns: 30 },
    );
  });

  it('orders by loyalty and by recency with the documented ties', () => {
    const byLoyalty = channelMetricsPage(entry, { orderBy: 'LOYALTY' }).items;
    for (let i = 1; i < byLoyalty.length; i++) {
      const [p, q] = [byLoyalty[i - 1]!, byLoyalty[i]!];
      expect(p.loyaltyScore > q.loyaltyScore || (p.loyaltyScore === q.loyaltyScore && p.videos >= q.videos)).toBe(true);
    }
    const byRecent = channelMetricsPage(entry, { orderBy: 'RECENT' }).items;
    for (let i = 1; i < byRecent.length; i++)
      expect(byRecent[i - 1]!.lastWatchedAt).toBeGreaterThanOrEqual(byRecent[i]!.lastWatchedAt);
    expect(new Set(byLoyalty.map((c) => c.loyaltyScore)).size).toBeGreaterThan(1);
  });

  it('rejects a malformed cursor, a cursor of another ordering, and bad first/orderBy, naming the argument', () => {
    rejects(() => parseChannelMetricsParams({ after: 'not a cursor' }), 'after');
    rejects(() => parseChannelMetricsParams({ after: Buffer.from('channelMetrics:VIDEOS:-1').toString('base64') }), 'after');
    rejects(() => parseChannelMetricsParams({ after: sessionCursor(5) }), 'after');
    rejects(() => parseChannelMetricsParams({ orderBy: 'LOYALTY', after: channelCursor('VIDEOS', 3) }), 'after');
    rejects(() => parseChannelMetricsParams({ first: 101 }), 'first');
    rejects(() => parseChannelMetricsParams({ orderBy: 'TITLE' }), 'orderBy');
  });

  it('answers an empty last page for a cursor past the end', () => {
    const page = channelMetricsPage(entry, parseChannelMetricsParams({ after: channelCursor('VIDEOS', 500) }));
    expect(page).toMatchObject({ items: [], hasNextPage: false, totalCount: 40 });
  });
});

/** 450 channels (videos per channel, days and hours spread) and 1 500 sessions (one event every 40 minutes). */
const many: WatchEvent[] = Array.from({ length: 3000 }, (_, i): WatchEvent => {
  const c = i % 2 === 0 ? (i / 2) % 450 : (i * i) % 97;
  return {
    id: `m${String(i).padStart(5, '0')}`,
    watchedAt: Date.UTC(2024, 0, 1) + Math.floor(i / 2) * 40 * 60_000 + (i % 2) * 60_000,
    videoId: `mv${i}`,
    videoTitle: 'video',
    channelKey: `UC${String(c).padStart(3, '0')}`,
    channelTitle: `Channel ${c % 11}`,
    product: 'YOUTUBE',
    kind: 'WATCHED',
    isAd: false,
    topics: topicBit('MUSIC'),
  };
});
const manyCtx = () => new Engine(many).context(canonicalizeFilter({}), Date.UTC(2024, 3, 1));

describe('entries are windows of long lists', () => {
  it('channelMetrics: every page of every ordering, read from the entry chosen for it, walks the whole list; entries stay small', () => {
    const d = def('channelMetrics');
    const whole = channelMetrics(manyCtx());
    expect(whole.totalCount).toBe(450);
    const entries = new Map<string, ChannelMetricsResult>();
    const entryOf = (p: ReturnType<typeof parseChannelMetricsParams>) => {
      const ep = d.entryParams?.(p) as object;
      const key = JSON.stringify(ep);
      if (!entries.has(key)) entries.set(key, d.kernel(manyCtx(), ep) as ChannelMetricsResult);
      return entries.get(key) as ChannelMetricsResult;
    };
    for (const orderBy of ['VIDEOS', 'LOYALTY', 'RECENT'] as const) {
      const want = channelMetricsPage(whole, { orderBy }).items.map((i) => i.channelKey);
      for (const first of [7, 100]) {
        const seen: string[] = [];
        let after: string | undefined;
        for (;;) {
          const p = parseChannelMetricsParams({ first, orderBy, after });
          const page = channelMetricsPage(entryOf(p), p);
          expect(page.totalCount).toBe(450);
          seen.push(...page.items.map((i) => i.channelKey));
          if (!page.hasNextPage) break;
          after = channelCursor(orderBy, page.offset + page.items.length - 1);
        }
        expect(seen).toEqual(want);
      }
    }
    const head = entries.get('{}') as ChannelMetricsResult;
    expect(head.covers).toBe(200);
    expect(head.items.length).toBeLessThanOrEqual(600);
    for (const [key, e] of entries) if (key !== '{}') expect(e.items.length).toBeLessThanOrEqual(200);
  });

  it('sessions: the head entry lists the newest 200; pages past it come from the window at their cursor, and walk the whole list', () => {
    const d = def('sessions');
    const whole = sessions(manyCtx(), { gapMinutes: 30 });
    expect(whole.count).toBe(1500);
    expect(whole.listTruncated).toBe(false);
    const head = d.kernel(manyCtx(), d.baseParams) as SessionsResult;
    expect(head.list).toEqual(whole.list.slice(0, 200));
    expect(head.listTruncated).toBe(true);
    expect(new Set(head.channels.map((c) => c.channelKey))).toEqual(new Set(head.list.flatMap((s) => s.channels)));
    expect(d.parseParams({ gapMinutes: 30, listBefore: 5 })).toEqual({ gapMinutes: 30, listBefore: 5 });
    rejects(() => d.parseParams({ listBefore: Number.NaN }), 'listBefore');
    for (const first of [9, 100]) {
      const seen: number[] = [];
      let entry = head;
      let after: string | undefined;
      for (;;) {
        let from = sessionsEntryPage(entry, { first, after });
        if (!('page' in from)) {
          entry = d.kernel(manyCtx(), { gapMinutes: 30, listBefore: from.listBefore }) as SessionsResult;
          expect(entry.list.length).toBeLessThanOrEqual(200);
          from = sessionsEntryPage(entry, { first: from.first });
        }
        if (!('page' in from)) throw new Error('a window did not hold its first page');
        expect(from.page.totalCount).toBe(1500);
        seen.push(...from.page.items.map((s) => s.start));
        if (!from.page.hasNextPage) break;
        after = sessionCursor(from.page.items[from.page.items.length - 1]!.start);
      }
      expect(seen).toEqual(whole.list.map((s) => s.start));
    }
  });
});

describe('sessions.list pages', () => {
  const result = def('sessions').kernel(ctx(), { gapMinutes: 30 }) as SessionsResult;
  const list: SessionItem[] = result.list;

  it('walks the sessions newest first, each once', () => {
    expect(list.length).toBeGreaterThan(30);
    const seen: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = sessionsPage(list, { first: 7, after });
      seen.push(...page.items.map((s) => s.start));
      if (!page.hasNextPage) break;
      after = sessionCursor(page.items[page.items.length - 1]!.start);
    }
    expect(seen).toEqual(list.map((s) => s.start));
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('positions a cursor of a session that no longer exists by its instant', () => {
    const s = list[5]!;
    expect(sessionsPage(list, { first: 2, after: sessionCursor(s.start + 1) }).items).toEqual([list[5], list[6]]);
  });

  it('accepts the cursor of a session starting at a fractional or pre-1970 instant', () => {
    const odd: SessionItem[] = [2.5, -1000.25, -86_400_000].map((start) => ({ start, end: start, videos: 1, channels: [] }));
    expect(sessionsPage(odd, { after: sessionCursor(2.5) }).items.map((s) => s.start)).toEqual([-1000.25, -86_400_000]);
    expect(sessionsPage(odd, { after: sessionCursor(-1000.25) }).items.map((s) => s.start)).toEqual([-86_400_000]);
  });

  it('rejects bad first and after', () => {
    rejects(() => sessionsPage(list, { first: -1 }), 'first');
    rejects(() => sessionsPage(list, { after: channelCursor('VIDEOS', 1) }), 'after');
    rejects(() => sessionsPage(list, { after: '' }), 'after');
  });
});
