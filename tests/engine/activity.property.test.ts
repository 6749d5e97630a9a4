/**
 * Engine == reference for the activity group (#6, 7, 9, 10, 11, 13, 14) on random histories,
 * filters, time zones (UTC, Europe/Paris, America/New_York, Australia/Lord_Howe, Asia/Kolkata,
 * and two zones with odd transitions), session gaps and "now" instants.
 *
 * Floats are compared exactly (toEqual): engine and reference evaluate the same formula with
 * the same operations in the same order (sums in timeline or date order, one division per
 * ratio, the standard deviation over days in date order), so any difference is a bug rather
 * than rounding. Threshold tests (habits) are decided on exact integers on both sides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRODUCTS, TOPICS, type WatchEvent } from '../../domain/events.js';
import type { CanonicalFilter } from '../../domain/filter.js';
import { channelMetricsPage } from '../../precompute/aggregations/channels.js';
import { KernelContext } from '../../precompute/engine/context.js';
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
import { CHANNEL_ORDERS } from '../../precompute/engine/results/channels.js';
import {
  referenceAdvancedKpis,
  referenceChannelMetrics,
  referenceChannelRelationships,
  referenceDailyStats,
  referenceHabits,
  referenceOverview,
  referenceSessions,
} from '../reference/activity.js';
import { prepare } from '../reference/common.js';
import { ANCHORS, filterArb, historyArb, nowArb } from './arbitraries.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Session gaps: the bounds, the default, and anything in between. */
const gapArb = fc.oneof(fc.constantFrom(5, 30, 31, 240), fc.integer({ min: 5, max: 240 }));

const KEYS = ['UCa', 'UCb', 'UCc', 'UCd', 'title:e', 'title:f', 'UCg', 'UCh', null] as const;
const TITLES = ['Same', 'same', 'Alpha', 'Beta', ''] as const;

/**
 * Histories built around one gap: steps of exactly the gap, one millisecond either side,
 * short hops and day jumps, over 8 channels with clashing titles (ties in every ordering).
 */
const gapHistoryArb = (gapMinutes: number): fc.Arbitrary<WatchEvent[]> =>
  fc
    .record({
      anchor: fc.constantFrom(...ANCHORS),
      offset: fc.integer({ min: -120 * DAY, max: 2 * DAY }),
      steps: fc.array(
        fc.oneof(
          fc.constantFrom(0, gapMinutes * MINUTE - 1, gapMinutes * MINUTE, gapMinutes * MINUTE + 1, DAY, 7 * DAY),
          fc.integer({ min: 0, max: 2 * gapMinutes * MINUTE }),
        ),
        { maxLength: 120 },
      ),
      bodies: fc.array(
        fc.record({
          key: fc.constantFrom(...KEYS),
          title: fc.constantFrom(...TITLES),
          topics: fc.integer({ min: 1, max: (1 << TOPICS.length) - 1 }),
          product: fc.constantFrom(...PRODUCTS),
        }),
        { minLength: 121, maxLength: 121 },
      ),
    })
    .map(({ anchor, offset, steps, bodies }) => {
      let t = anchor + offset;
      return [0, ...steps].map((step, i): WatchEvent => {
        t += step;
        const b = bodies[i] as (typeof bodies)[number];
        return {
          id: `g${String(i).padStart(3, '0')}`,
          watchedAt: t,
          videoId: `v${i}`,
          videoTitle: `video ${i}`,
          channelKey: b.key,
          channelTitle: b.key === null ? null : b.title,
          product: b.product,
          kind: 'WATCHED',
          isAd: false,
          topics: b.topics,
        };
      });
    });

function engineResults(ctx: KernelContext, gapMinutes: number, poolSize: number) {
  return {
    overview: overview(ctx),
    sessions: sessions(ctx, { gapMinutes }),
    advancedKpis: advancedKpis(ctx),
    habits: habits(ctx),
    dailyStats: dailyStats(ctx),
    channelMetrics: CHANNEL_ORDERS.map((orderBy) => channelMetricsPage(channelMetrics(ctx), { orderBy }).items),
    channelRelationships: channelRelationships(ctx, { limit: 100, minScore: 0, poolSize }),
  };
}

function referenceResults(events: readonly WatchEvent[], filter: CanonicalFilter, now: number, gap: number, poolSize: number) {
  const input = prepare(events, filter, now);
  return {
    overview: referenceOverview(input),
    sessions: referenceSessions(input, gap),
    advancedKpis: referenceAdvancedKpis(input),
    habits: referenceHabits(input),
    dailyStats: referenceDailyStats(input),
    channelMetrics: CHANNEL_ORDERS.map((orderBy) => referenceChannelMetrics(input, orderBy)),
    channelRelationships: referenceChannelRelationships(input, 100, 0, poolSize),
  };
}

describe('activity engine vs reference', () => {
  it('agrees on every aggregation of the group, several filters and gaps on one engine', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.array(fc.tuple(filterArb, nowArb, gapArb, fc.constantFrom(200, 3)), { minLength: 1, maxLength: 3 }),
        (events, queries) => {
          const engine = new Engine(events);
          for (const [filter, now, gap, pool] of queries) {
            expect(engineResults(engine.context(filter, now), gap, pool)).toEqual(
              referenceResults(events, filter, now, gap, pool),
            );
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('agrees on histories stepping exactly at, just under and just over the gap', () => {
    fc.assert(
      fc.property(
        gapArb.chain((gap) => fc.tuple(fc.constant(gap), gapHistoryArb(gap))),
        filterArb,
        nowArb,
        fc.constantFrom(200, 2, 4),
        ([gap, events], filter, now, pool) => {
          const f = { ...filter, channels: [], topics: [] };
          const ctx = new Engine(events).context(f, now);
          expect(engineResults(ctx, gap, pool)).toEqual(referenceResults(events, f, now, gap, pool));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('agrees when today is exactly 7, 29, 30, 90 … days after a video (isNew, recency, growth windows)', () => {
    const daysAfterArb = fc.constantFrom(0, 7, 8, 29, 30, 31, 59, 60, 89, 90, 91, 179, 180, 181, 365, 366);
    fc.assert(
      fc.property(
        gapHistoryArb(30),
        fc.nat(),
        daysAfterArb,
        fc.integer({ min: -DAY, max: DAY }),
        filterArb,
        (events, pick, days, jitter, filter) => {
          const f = { ...filter, channels: [], range: null };
          const now = (events[pick % events.length] as WatchEvent).watchedAt! + days * DAY + jitter;
          const ctx = new Engine(events).context(f, now);
          expect(engineResults(ctx, 30, 200)).toEqual(referenceResults(events, f, now, 30, 200));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('counts shared sessions the same way with both strategies and any limit / minScore', () => {
    fc.assert(
      fc.property(
        gapHistoryArb(30),
        filterArb,
        nowArb,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (events, filter, now, limit, minScore) => {
          const f = { ...filter, channels: [] };
          const ctx = new Engine(events).context(f, now);
          const expected = referenceChannelRelationships(prepare(events, f, now), limit, minScore);
          expect(channelRelationships(ctx, { limit, minScore, strategy: 'pairs' })).toEqual(expected);
          expect(channelRelationships(ctx, { limit, minScore, strategy: 'bitsets' })).toEqual(expected);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('gives the same results on the slow path for non-monotone local days', () => {
    fc.assert(
      fc.property(historyArb, filterArb, nowArb, gapArb, (events, filter, now, gap) => {
        const engine = new Engine(events);
        const fast = engine.context(filter, now);
        const slow = new KernelContext(engine.table, filter, fast.today, () => ({ ...fast.zone, daysMonotone: false }));
        expect(engineResults(slow, gap, 200)).toEqual(engineResults(fast, gap, 200));
      }),
      { numRuns: 60 },
    );
  });
});
