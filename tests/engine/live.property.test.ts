/**
 * LiveEngine: incremental equals from scratch, exactly. Random histories (clustered at DST
 * changes, month, quarter and year ends) are split into a prefix and a sequence of append
 * batches — in time order, backfills (older than everything before), random mixes — with
 * batches that add nothing visible (posts, ad links, undated events, ads) and commits that
 * only log duplicates. Filters, zones and "now" instants are random; some are asked before the
 * appends (their statistics are then maintained), one zone is switched in between (new zone
 * columns and statistics mid-way). Every registry aggregation with random valid params, via
 * `computeEntry`, must equal (`toEqual`) the same call on `LiveEngine.fromEvents(all events)`;
 * every statistics object maintained through the appends must equal one built fresh.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeLogEntry } from '../../domain/changes.js';
import { EVENT_KINDS, PRODUCTS, TOPICS, type WatchEvent } from '../../domain/events.js';
import type { CanonicalFilter } from '../../domain/filter.js';
import { type AggregationDef, computeEntry, entryAffected } from '../../precompute/aggregation.js';
import { LiveEngine } from '../../precompute/engine/index.js';
import { TIME_SERIES_INTERVALS, TIME_SERIES_METRICS } from '../../precompute/engine/results/patterns.js';
import { REGISTRY } from '../../precompute/registry.js';
import { ANCHORS, filterArb, historyArb, nowArb, ZONES } from './arbitraries.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const byTime = (a: WatchEvent, b: WatchEvent): number =>
  (a.watchedAt ?? Number.NEGATIVE_INFINITY) - (b.watchedAt ?? Number.NEGATIVE_INFINITY) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Raw arguments per definition, parsed by the definition itself (so always valid). */
const rawParamsArb = (id: string): fc.Arbitrary<Record<string, unknown>> => {
  switch (id) {
    case 'topChannels':
      return fc.record({ limit: fc.oneof(fc.constantFrom(1, 3, 10, 100), fc.integer({ min: 1, max: 100 })) });
    case 'sessions':
      return fc.record({ gapMinutes: fc.oneof(fc.constant(30), fc.constantFrom(5, 31, 240), fc.integer({ min: 5, max: 240 })) });
    case 'timeSeries':
      return fc.record({ interval: fc.constantFrom(...TIME_SERIES_INTERVALS), metric: fc.constantFrom(...TIME_SERIES_METRICS) });
    case 'channelRelationships':
      return fc.record({ limit: fc.constantFrom(1, 20, 100), minScore: fc.constantFrom(0, 10, 50) });
    case 'channelEvolution':
      return fc.record({
        channel: fc.constantFrom('UCalpha', 'UCbeta', 'UCgamma', 'title:delta', 'title:epsilon', 'UCnew', 'UCunknown'),
      });
    default:
      return fc.constant({});
  }
};

type Call = { def: AggregationDef; params: object };
const callsArb: fc.Arbitrary<Call[]> = fc
  .tuple(
    ...REGISTRY.map((def) =>
      fc
        .array(rawParamsArb(def.id), { minLength: 1, maxLength: 2 })
        .map((raws) => raws.map((raw) => ({ def, params: def.parseParams(raw) }))),
    ),
  )
  .map((lists) => lists.flat());

/** Events nobody but dataQuality sees by default: posts, ad links, undated entries, ads (ids of their own). */
const invisibleArb = (tag: string): fc.Arbitrary<WatchEvent[]> =>
  fc
    .array(
      fc.record({
        kind: fc.constantFrom(...EVENT_KINDS),
        undated: fc.boolean(),
        anchor: fc.constantFrom(...ANCHORS),
        offset: fc.integer({ min: -40 * DAY, max: DAY }),
        channel: fc.constantFrom(null, 'UCalpha', 'UCad'),
        product: fc.constantFrom(...PRODUCTS),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((specs) =>
      specs.map(
        (s, i): WatchEvent => ({
          id: `${tag}x${i}`,
          // A WATCHED one is made invisible by being undated or an ad.
          watchedAt: s.undated ? null : s.anchor + s.offset,
          videoId: null,
          videoTitle: `ad or post ${i}`,
          channelKey: s.channel,
          channelTitle: s.channel === null ? null : `Ad title ${tag}`,
          product: s.product,
          kind: s.kind,
          isAd: s.kind === 'WATCHED' ? !s.undated || s.offset % 2 === 0 : s.offset % 3 === 0,
          topics: 1 << TOPICS.indexOf('OTHER'),
        }),
      ),
    );

const logEntryArb = (version: number): fc.Arbitrary<ChangeLogEntry> =>
  fc.record({
    viewerId: fc.constant('v'),
    dataVersion: fc.constant(version),
    committedAt: fc.nat(),
    added: fc.nat(50),
    stats: fc.record({
      source: fc.constantFrom('graphql', 'takeout-json', 'takeout-html'),
      recordsRead: fc.nat(100),
      duplicatesSkipped: fc.nat(20),
      timestampFormats: fc.dictionary(fc.constantFrom('iso', 'en-US'), fc.nat(50)),
      timeZoneAbbreviations: fc.dictionary(
        fc.constantFrom('CET', 'CST', 'EST'),
        fc.record({ count: fc.nat(50), assumedOffsetMinutes: fc.option(fc.constantFrom(60, -300)) }),
      ),
      ambiguousTimeZones: fc.nat(5),
    }),
  });

interface Batch {
  events: WatchEvent[];
  changeLog: ChangeLogEntry[];
}

interface Scenario {
  prefix: WatchEvent[];
  prefixLog: ChangeLogEntry[];
  batches: Batch[];
}

/** A history split into a prefix and 1..5 batches, in time order, as backfills, or at random, plus invisible and log-only commits. */
/** A 32-hex-digit id unique per short id (its UTF-16 code units, zero-padded). */
const hexOf = (id: string): string =>
  Array.from(id, (c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
    .join('')
    .padStart(32, '0');

const scenarioArb: fc.Arbitrary<Scenario> = historyArb.chain((history) =>
  fc
    .record({
      mode: fc.constantFrom('random', 'inOrder', 'backfill'),
      batches: fc.integer({ min: 1, max: 5 }),
      picks: fc.array(fc.nat(5), { minLength: history.length, maxLength: history.length }),
      cuts: fc.array(fc.nat(history.length), { minLength: 5, maxLength: 5 }),
      invisible: fc.array(fc.tuple(fc.nat(5), invisibleArb('i')), { maxLength: 2 }),
      logOnly: fc.array(fc.nat(5), { maxLength: 2 }),
      logs: fc.array(fc.option(logEntryArb(1), { freq: 2 }), { minLength: 7, maxLength: 7 }),
      // A new channel and new topic combinations arriving late.
      newcomer: fc.boolean(),
      // Ingest's 32-hex-digit ids (packed by the table); the extra events keep theirs, which
      // switches the id column to strings mid-way when they come.
      hexIds: fc.boolean(),
    })
    .map(({ mode, batches, picks, cuts, invisible, logOnly, logs, newcomer, hexIds }): Scenario => {
      let events = history;
      if (hexIds) events = events.map((e) => ({ ...e, id: hexOf(e.id) }));
      const parts: WatchEvent[][] = Array.from({ length: batches + 1 }, () => []);
      if (mode === 'random') {
        events.forEach((e, i) => {
          parts[(picks[i] as number) % (batches + 1)]?.push(e);
        });
      } else {
        const ordered = [...events].sort(byTime);
        if (mode === 'backfill') ordered.reverse(); // newest first: each batch is older than all before it
        const bounds = [...cuts.slice(0, batches)].sort((a, b) => a - b);
        let from = 0;
        bounds.forEach((to, b) => {
          parts[b]?.push(...ordered.slice(from, to));
          from = Math.max(from, to);
        });
        parts[batches]?.push(...ordered.slice(from));
      }
      if (newcomer && events.length > 0) {
        const t = Math.max(...events.map((e) => e.watchedAt ?? 0));
        parts[batches]?.push({
          id: 'new1',
          watchedAt: t + 7 * MINUTE,
          videoId: 'vn',
          videoTitle: 'Full tutorial review',
          channelKey: 'UCnew',
          channelTitle: 'Brand new',
          product: 'YOUTUBE',
          kind: 'WATCHED',
          isAd: false,
          topics: (1 << TOPICS.indexOf('SCIENCE')) | (1 << TOPICS.indexOf('TRAVEL')),
        });
      }
      invisible.forEach(([at, extra], n) => {
        parts[1 + (at % batches)]?.push(...extra.map((e) => ({ ...e, id: `${e.id}_${n}` })));
      });
      const logOf = (i: number): ChangeLogEntry[] => {
        const entry = logs[i];
        return entry ? [{ ...entry, dataVersion: i + 1 }] : [];
      };
      const out: Batch[] = parts.slice(1).map((events, b) => ({ events, changeLog: logOf(b + 1) }));
      // Commits whose events were all duplicates: nothing stored, one log entry.
      for (const at of logOnly) out.splice(at % (out.length + 1), 0, { events: [], changeLog: logOf(6) });
      return { prefix: parts[0] as WatchEvent[], prefixLog: logOf(0), batches: out };
    }),
);

interface Query {
  filter: CanonicalFilter;
  now: number;
}
const queryArb: fc.Arbitrary<Query> = fc.record({ filter: filterArb, now: nowArb });

const allEvents = (s: Scenario): WatchEvent[] => [...s.prefix, ...s.batches.flatMap((b) => b.events)];
const allLog = (s: Scenario): ChangeLogEntry[] => [...s.prefixLog, ...s.batches.flatMap((b) => b.changeLog)];

function expectSame(live: LiveEngine, fresh: LiveEngine, q: Query, calls: readonly Call[]): void {
  for (const { def, params } of calls) {
    const got = computeEntry(live, def, q.filter, params, q.now);
    const want = computeEntry(fresh, def, q.filter, params, q.now);
    expect({ id: def.id, params, result: got }).toEqual({ id: def.id, params, result: want });
  }
}

describe('LiveEngine: incremental equals from scratch', () => {
  it('gives every aggregation the fresh answer after random append sequences, with a zone change in between', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(queryArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...ZONES),
        queryArb,
        callsArb,
        (scenario, before, otherZone, after, calls) => {
          const live = LiveEngine.fromEvents(scenario.prefix, scenario.prefixLog);
          // Statistics built before the appends (all parts: selection, sessions, base), then maintained.
          for (const q of before) for (const { def, params } of calls) computeEntry(live, def, q.filter, params, q.now);
          const half = Math.ceil(scenario.batches.length / 2);
          for (const b of scenario.batches.slice(0, half)) live.append(b);
          // The viewer's zone changes mid-way: new zone columns, new statistics, maintained from here on.
          const moved = before.map((q) => ({ ...q, filter: { ...q.filter, timeZone: otherZone } }));
          for (const q of moved) for (const { def, params } of calls) computeEntry(live, def, q.filter, params, q.now);
          for (const b of scenario.batches.slice(half)) live.append(b);

          const fresh = LiveEngine.fromEvents(allEvents(scenario), allLog(scenario));
          expect(live.eventCount).toBe(fresh.eventCount);
          for (const q of [...before, ...moved, after]) expectSame(live, fresh, q, calls);
          for (const q of [...before, ...moved]) {
            expect(live.stateSummary(q.filter, q.now)).toEqual(live.stateSummary(q.filter, q.now, true));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 180_000);

  it('maintains the statistics of every timeframe × product of the base set through in-order and backfill appends', () => {
    fc.assert(
      fc.property(scenarioArb, nowArb, fc.constantFrom(...ZONES), (scenario, now, timeZone) => {
        const live = LiveEngine.fromEvents(scenario.prefix, scenario.prefixLog);
        const filters = (['ALL', 'MTD', 'QTD', 'YTD', 'LAST_6_MONTHS', 'LAST_12_MONTHS'] as const).flatMap((timeframe) =>
          (['ALL', 'YOUTUBE', 'YOUTUBE_MUSIC'] as const).map(
            (product): CanonicalFilter => ({
              timeframe,
              range: null,
              product,
              topics: [],
              channels: [],
              timeZone,
              includeAds: false,
            }),
          ),
        );
        const base = REGISTRY.filter((d) => d.inBaseSet !== false);
        for (const f of filters) for (const def of base) computeEntry(live, def, f, def.baseParams, now);
        for (const b of scenario.batches) live.append(b);
        const fresh = LiveEngine.fromEvents(allEvents(scenario), allLog(scenario));
        for (const f of filters) {
          expectSame(
            live,
            fresh,
            { filter: f, now },
            base.map((def) => ({ def, params: def.baseParams })),
          );
          expect(live.stateSummary(f, now)).toEqual(live.stateSummary(f, now, true));
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);

  it('reports affected inputs whenever a result changed (never wrong in the unsafe direction)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(queryArb, { minLength: 1, maxLength: 2 }), callsArb, (scenario, queries, calls) => {
        const live = LiveEngine.fromEvents(scenario.prefix, scenario.prefixLog);
        const results = (q: Query) => calls.map(({ def, params }) => computeEntry(live, def, q.filter, params, q.now));
        let previous = queries.map(results);
        for (const batch of scenario.batches) {
          const report = live.append(batch);
          const next = queries.map(results);
          queries.forEach((q, i) => {
            const touch = live.affected(report, q.filter, q.now);
            calls.forEach(({ def, params }, k) => {
              const changed = JSON.stringify(previous[i]?.[k]) !== JSON.stringify(next[i]?.[k]);
              if (changed)
                expect({ id: def.id, params, touch, affected: entryAffected(def, touch) }).toMatchObject({ affected: true });
            });
          });
          previous = next;
        }
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});
