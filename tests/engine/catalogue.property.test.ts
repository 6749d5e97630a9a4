/**
 * Engine == reference for catalogue #8, #12, #15–#19 on random histories, filters, zones and
 * "now" instants. Comparison: exact (`toEqual`) everywhere except topicDiversity's entropy and
 * evenness, which sum logarithms in a different order on each side and are compared to a
 * relative 1e-12; every other float is one division of equal integers on both sides.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../domain/events.js';
import type { CanonicalFilter } from '../../domain/filter.js';
import { KernelContext } from '../../precompute/engine/context.js';
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
import {
  TIME_SERIES_INTERVALS,
  TIME_SERIES_METRICS,
  type TimeSeriesInterval,
  type TimeSeriesMetric,
} from '../../precompute/engine/results/patterns.js';
import type { TopicDiversity } from '../../precompute/engine/results/topics.js';
import type { ChangeLogEntry } from '../../store/types.js';
import {
  referenceChannelEvolution,
  referenceDataQuality,
  referenceTimeSeries,
  referenceTopicDiversity,
  referenceTopicEvolution,
  referenceTopicSignals,
  referenceViewingPatterns,
} from '../reference/catalogue.js';
import { prepare } from '../reference/common.js';
import { filterArb, historyArb, nowArb } from './arbitraries.js';

const NUM_RUNS = 100;

/** Words biased to signal phrases, their case variants, near misses and non-ASCII look-alikes. */
const WORDS = [
  'How',
  'to',
  'TO',
  'how to',
  'Tutorial',
  'LEARNING',
  'lectur',
  'e',
  'Deep',
  'dive',
  'In-Depth',
  'VS',
  'canvas',
  '#Shorts',
  'shorts',
  'TikTok',
  'memes',
  'fu',
  'll',
  'Full',
  'Review',
  'podcast',
  'İn-depth',
  'Ünïcode',
  'viral',
  'guide',
  'plain',
];
const textArb = fc
  .array(fc.constantFrom(...WORDS), { maxLength: 4 })
  .chain((words) =>
    fc
      .array(fc.constantFrom(' ', '', '-'), { minLength: words.length, maxLength: words.length })
      .map((seps) => words.map((w, i) => (i === 0 ? w : `${seps[i]}${w}`)).join('')),
  );

/** historyArb with signal-rich titles (channel titles only where there is a channel key, as ingest does). */
const signalHistoryArb: fc.Arbitrary<WatchEvent[]> = historyArb.chain((events) =>
  fc
    .array(fc.tuple(textArb, fc.option(textArb, { freq: 3 })), { minLength: events.length, maxLength: events.length })
    .map((texts) =>
      events.map((e, i) => {
        const [title, channel] = texts[i] as [string, string | null];
        return { ...e, videoTitle: title, channelTitle: e.channelKey === null ? null : channel };
      }),
    ),
);

const changeLogArb: fc.Arbitrary<ChangeLogEntry[]> = fc.array(
  fc.record({
    viewerId: fc.constant('v'),
    dataVersion: fc.nat(20),
    committedAt: fc.nat(),
    added: fc.nat(100),
    stats: fc.record({
      source: fc.constantFrom('graphql', 'takeout-json', 'takeout-html'),
      recordsRead: fc.nat(100),
      duplicatesSkipped: fc.nat(50),
      timestampFormats: fc.dictionary(fc.constantFrom('iso', 'iso-ms', 'en-US', 'fr'), fc.nat(100)),
      timeZoneAbbreviations: fc.dictionary(
        fc.constantFrom('CET', 'CEST', 'CST', 'IST', 'EST'),
        fc.record({ count: fc.nat(100), assumedOffsetMinutes: fc.option(fc.constantFrom(60, 120, -300, 330)) }),
      ),
      ambiguousTimeZones: fc.nat(10),
    }),
  }),
  { maxLength: 4 },
);

/** The channel keys of historyArb plus one no event has. */
const CHANNELS = ['UCalpha', 'UCbeta', 'UCgamma', 'title:delta', 'title:epsilon', 'UCunknown'];
const seriesArb = fc.tuple(fc.constantFrom(...TIME_SERIES_INTERVALS), fc.constantFrom(...TIME_SERIES_METRICS));

interface Query {
  filter: CanonicalFilter;
  now: number;
  series: [TimeSeriesInterval, TimeSeriesMetric];
}
const queryArb: fc.Arbitrary<Query> = fc.record({ filter: filterArb, now: nowArb, series: seriesArb });

function engineResults(ctx: KernelContext, q: Query) {
  return {
    viewingPatterns: viewingPatterns(ctx),
    timeSeries: timeSeries(ctx, { interval: q.series[0], metric: q.series[1] }),
    channelEvolution: CHANNELS.map((channel) => channelEvolution(ctx, { channel })),
    topicEvolution: topicEvolution(ctx),
    topicSignals: topicSignals(ctx),
    dataQuality: dataQuality(ctx),
  };
}

function referenceResults(events: readonly WatchEvent[], changeLog: readonly ChangeLogEntry[], q: Query) {
  const input = prepare(events, q.filter, q.now);
  return {
    viewingPatterns: referenceViewingPatterns(input),
    timeSeries: referenceTimeSeries(input, q.series[0], q.series[1]),
    channelEvolution: CHANNELS.map((channel) => referenceChannelEvolution(events, input, channel)),
    topicEvolution: referenceTopicEvolution(input),
    topicSignals: referenceTopicSignals(input),
    dataQuality: referenceDataQuality(events, changeLog),
  };
}

/** Equal, with shannonBits and evenness to a relative 1e-12. */
function expectDiversity(actual: TopicDiversity, expected: TopicDiversity): void {
  const { shannonBits: a1, evenness: a2, ...restA } = actual;
  const { shannonBits: e1, evenness: e2, ...restE } = expected;
  expect(restA).toEqual(restE);
  for (const [a, e] of [
    [a1, e1],
    [a2, e2],
  ]) {
    if (e === null || e === undefined) expect(a).toBe(e);
    else expect(Math.abs((a as number) - e)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
  }
}

describe('catalogue kernels vs reference', () => {
  it('agree on random histories, several filters and zones on one engine', () => {
    fc.assert(
      fc.property(signalHistoryArb, changeLogArb, fc.array(queryArb, { minLength: 1, maxLength: 3 }), (events, log, queries) => {
        const engine = new Engine(events, { changeLog: log });
        for (const q of queries) {
          const ctx = engine.context(q.filter, q.now);
          expect(engineResults(ctx, q)).toEqual(referenceResults(events, log, q));
          expectDiversity(topicDiversity(ctx), referenceTopicDiversity(prepare(events, q.filter, q.now)));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('give every interval × metric of timeSeries the reference answer', () => {
    fc.assert(
      fc.property(historyArb, filterArb, nowArb, (events, filter, now) => {
        const ctx = new Engine(events).context(filter, now);
        const input = prepare(events, filter, now);
        for (const interval of TIME_SERIES_INTERVALS) {
          for (const metric of TIME_SERIES_METRICS) {
            expect(timeSeries(ctx, { interval, metric })).toEqual(referenceTimeSeries(input, interval, metric));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('give the same results on the slow path for non-monotone local days', () => {
    fc.assert(
      fc.property(signalHistoryArb, queryArb, (events, q) => {
        const engine = new Engine(events);
        const fast = engine.context(q.filter, q.now);
        const slow = new KernelContext(engine.table, q.filter, fast.today, () => ({ ...fast.zone, daysMonotone: false }));
        expect(engineResults(slow, q)).toEqual(engineResults(fast, q));
        expect(topicDiversity(slow)).toEqual(topicDiversity(fast));
      }),
      { numRuns: 50 },
    );
  });

  it('dataQuality ignores the filter entirely', () => {
    fc.assert(
      fc.property(historyArb, changeLogArb, filterArb, nowArb, (events, log, filter, now) => {
        const engine = new Engine(events, { changeLog: log });
        const unfiltered = dataQuality(
          engine.context({ ...filter, timeframe: 'ALL', range: null, topics: [], channels: [] }, now),
        );
        expect(dataQuality(engine.context(filter, now))).toEqual(unfiltered);
      }),
      { numRuns: 30 },
    );
  });
});
