/**
 * Engine == reference on random histories, filters, zones and "now" instants. Floats are
 * compared exactly: both sides sum watch time as integer milliseconds (exact in any order) and
 * divide by 1000 once, and compute ratios with the same single division, so any difference is
 * a real bug, not rounding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../domain/events.js';
import type { CanonicalFilter } from '../../domain/filter.js';
import { KernelContext } from '../../precompute/engine/context.js';
import { Engine, heatmap, kpis, monthlyTrend, topChannels, topics } from '../../precompute/engine/index.js';
import {
  referenceHeatmap,
  referenceKpis,
  referenceMonthlyTrend,
  referenceTopChannels,
  referenceTopics,
} from '../reference/aggregations.js';
import { prepare } from '../reference/common.js';
import { filterArb, historyArb, limitArb, nowArb, ZONES } from './arbitraries.js';

const NUM_RUNS = 120;

function engineResults(ctx: KernelContext, limit: number) {
  return {
    kpis: kpis(ctx),
    monthlyTrend: monthlyTrend(ctx),
    topChannels: topChannels(ctx, { limit }),
    heatmap: heatmap(ctx),
    topics: topics(ctx),
  };
}

function referenceResults(events: readonly WatchEvent[], filter: CanonicalFilter, nowMs: number, limit: number) {
  const input = prepare(events, filter, nowMs);
  return {
    kpis: referenceKpis(input),
    monthlyTrend: referenceMonthlyTrend(input),
    topChannels: referenceTopChannels(input, limit),
    heatmap: referenceHeatmap(input),
    topics: referenceTopics(input),
  };
}

describe('engine vs reference', () => {
  it('agrees on all five aggregations for several filters on one engine', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.array(fc.tuple(filterArb, nowArb, limitArb), { minLength: 1, maxLength: 3 }),
        (events, queries) => {
          const engine = new Engine(events);
          expect(engine.eventCount).toBe(events.filter((e) => e.kind === 'WATCHED' && e.watchedAt !== null).length);
          for (const [filter, now, limit] of queries) {
            expect(engineResults(engine.context(filter, now), limit)).toEqual(referenceResults(events, filter, now, limit));
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('keeps answering correctly while the zone cache evicts (more zones than it holds)', () => {
    fc.assert(
      fc.property(historyArb, filterArb, nowArb, (events, filter, now) => {
        const engine = new Engine(events);
        for (const timeZone of [...ZONES, ...ZONES].reverse()) {
          const f = { ...filter, timeZone };
          expect(heatmap(engine.context(f, now))).toEqual(referenceHeatmap(prepare(events, f, now)));
        }
      }),
      { numRuns: 10 },
    );
  });

  it('gives the same results on the slow path for non-monotone local days', () => {
    fc.assert(
      fc.property(historyArb, filterArb, nowArb, limitArb, (events, filter, now, limit) => {
        const engine = new Engine(events);
        const fast = engine.context(filter, now);
        const slow = new KernelContext(engine.table, filter, fast.today, () => ({ ...fast.zone, daysMonotone: false }));
        expect(engineResults(slow, limit)).toEqual(engineResults(fast, limit));
      }),
      { numRuns: 60 },
    );
  });
});
