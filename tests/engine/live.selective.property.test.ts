/**
 * What a LiveEngine does for selective filters: zone columns of the filter's rows only
 * (LiveEngine.zoneFor: under a quarter of the rows, in a zone without whole-table columns) and
 * topic filters' rows read from rows per topic (topicRows). Every aggregation under such
 * filters must equal the plain Engine's (whole-table columns, a pass over every row), before
 * and after appends; the fields must equal zoneFieldsOfTimes' at those rows, and the indexed
 * selection selectNonTime's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPICS, type Topic, topicBit, type WatchEvent } from '../../domain/events.js';
import { canonicalizeFilter } from '../../domain/filter.js';
import { computeEntry } from '../../precompute/aggregation.js';
import { Engine, LiveEngine } from '../../precompute/engine/index.js';
import { selectNonTime, topicRows } from '../../precompute/engine/selection.js';
import { zoneFieldsOfRows, zoneFieldsOfTimes } from '../../precompute/engine/zone.js';
import { REGISTRY } from '../../precompute/registry.js';
import { makeEvent } from '../store/contract.js';
import { filterArb, historyArb, nowArb, ZONES } from './arbitraries.js';

const byTime = (a: WatchEvent, b: WatchEvent): number =>
  (a.watchedAt ?? Number.NEGATIVE_INFINITY) - (b.watchedAt ?? Number.NEGATIVE_INFINITY) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Default params of every definition (the registry's own parse of no arguments), channelEvolution of a known channel. */
const CALLS = REGISTRY.map((def) => ({
  def,
  params: def.parseParams(def.id === 'channelEvolution' ? { channel: 'UCalpha' } : {}),
}));

describe('selective filters in a LiveEngine', () => {
  it('give the fields of zoneFieldsOfTimes at those rows, and days monotone exactly when they are along them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 * 86_400_000 }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(...ZONES),
        fc.func(fc.boolean()),
        (offsets, zone, keep) => {
          const start = Date.UTC(2022, 9, 1);
          const time = Float64Array.from(offsets.sort((a, b) => a - b).map((o) => start + o));
          const rows = Uint32Array.from([...time.keys()].filter((r) => keep(r)));
          const part = zoneFieldsOfRows(time, time.length, rows, zone);
          const whole = zoneFieldsOfTimes(time, time.length, zone);
          for (const r of rows) {
            for (const k of ['day', 'month', 'dayOfMonth', 'hour', 'weekday'] as const) expect(part[k][r]).toBe(whole[k][r]);
          }
          const days = [...rows].map((r) => whole.day[r] as number);
          expect(part.daysMonotone).toBe(days.every((d, i) => i === 0 || d >= (days[i - 1] as number)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('select through the rows per topic exactly what a pass over every row selects', () => {
    fc.assert(
      fc.property(historyArb, filterArb, (history, filter) => {
        const table = LiveEngine.fromEvents(history).snapshot();
        expect(Array.from(selectNonTime(table, filter, topicRows(table)))).toEqual(Array.from(selectNonTime(table, filter)));
      }),
      { numRuns: 300 },
    );
  });

  it('answer every aggregation as the plain Engine does, before and after an append', () => {
    fc.assert(
      fc.property(historyArb, filterArb, nowArb, fc.integer({ min: 0, max: 100 }), (history, raw, now, cut) => {
        // A selective filter: one topic (or the channels of the arbitrary filter, when it has some).
        const filter =
          raw.channels.length > 0 ? raw : canonicalizeFilter({ ...raw, topics: [TOPICS[cut % TOPICS.length] as Topic] });
        const sorted = [...history].sort(byTime);
        const at = Math.floor((sorted.length * cut) / 100);
        const live = LiveEngine.fromEvents(sorted.slice(0, at));
        const check = (events: readonly WatchEvent[]) => {
          const plain = new Engine(events);
          for (const { def, params } of CALLS) {
            const got = computeEntry(live, def, filter, params, now);
            expect({ id: def.id, got }).toEqual({ id: def.id, got: def.kernel(plain.context(filter, now), params) });
          }
        };
        check(sorted.slice(0, at));
        live.append({ events: sorted.slice(at), changeLog: [] });
        check(sorted);
      }),
      { numRuns: 60 },
    );
  });

  it('are used for a filter selecting under a quarter of the rows in a new zone, and whole-table columns otherwise', () => {
    // Every tenth event is MUSIC (a tenth of the rows), the others OTHER.
    const events = Array.from({ length: 400 }, (_, i) =>
      makeEvent(i, { watchedAt: Date.UTC(2024, 0, 1) + i * 3_600_000, topics: topicBit(i % 10 === 0 ? 'MUSIC' : 'OTHER') }),
    );
    const live = LiveEngine.fromEvents(events);
    const now = Date.UTC(2024, 1, 1);
    const music = canonicalizeFilter({ topics: ['MUSIC'], timeZone: 'Asia/Tokyo' });
    const kpis = REGISTRY.find((d) => d.id === 'kpis');
    if (!kpis) throw new Error('no kpis');
    computeEntry(live, kpis, music, {}, now);
    expect(live.zoneCoverage()).toEqual({ whole: [], partial: [expect.stringContaining('tz=Asia/Tokyo')] });
    computeEntry(live, kpis, canonicalizeFilter({ timeZone: 'Asia/Tokyo' }), {}, now);
    expect(live.zoneCoverage().whole).toEqual(['Asia/Tokyo']);
    // With whole-table columns kept, a selective filter in that zone reads them.
    computeEntry(live, kpis, canonicalizeFilter({ topics: ['MUSIC'], product: 'YOUTUBE', timeZone: 'Asia/Tokyo' }), {}, now);
    expect(live.zoneCoverage().partial).toHaveLength(1);
    live.append({ events: [], changeLog: [] });
    expect(live.zoneCoverage()).toEqual({ whole: ['Asia/Tokyo'], partial: [] });
  });
});
