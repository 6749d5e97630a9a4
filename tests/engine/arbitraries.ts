/**
 * fast-check generators for engine-vs-reference property tests: clustered histories near
 * calendar edges (DST changes, month/quarter/year ends, 29 February), canonical filters and
 * "now" instants near the same edges. Reusable for the other aggregations.
 */
import fc from 'fast-check';
import { EVENT_KINDS, PRODUCTS, TOPICS, type WatchEvent } from '../../domain/events.js';
import { type CanonicalFilter, canonicalizeFilter, PRODUCT_FILTERS, TIMEFRAMES } from '../../domain/filter.js';
import { addDays, localFields } from '../reference/common.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/Santiago',
  'America/St_Johns',
] as const;

/** Instants next to calendar edges in the zones above (UTC ms). */
export const ANCHORS = [
  Date.UTC(2023, 2, 12, 7), // New York spring forward
  Date.UTC(2023, 2, 26, 1), // Paris spring forward
  Date.UTC(2023, 3, 1, 15), // Lord Howe: 02:00 → 01:30
  Date.UTC(2023, 8, 3, 4), // Santiago: midnight skipped
  Date.UTC(2023, 8, 30, 15, 30), // Lord Howe: 02:00 → 02:30
  Date.UTC(2023, 9, 29, 1), // Paris fall back
  Date.UTC(2023, 10, 5, 6), // New York fall back
  Date.UTC(2023, 11, 31, 23, 30), // year end
  Date.UTC(2024, 1, 29, 12), // leap day
  Date.UTC(2024, 2, 31, 22), // quarter end
  Date.UTC(2024, 5, 30, 23), // half-year end
  Date.UTC(2024, 8, 30, 18), // quarter end
  Date.UTC(2024, 11, 31, 13), // year end in the east
  Date.UTC(2025, 1, 28, 20), // month end, no leap day
  Date.UTC(2025, 2, 1, 0), // month start
  Date.UTC(2010, 10, 7, 2, 31), // St John's: 00:01 → 23:01 the day before (local days go back)
];

const CHANNEL_KEYS = [null, 'UCalpha', 'UCbeta', 'UCgamma', 'title:delta', 'title:epsilon'] as const;
const CHANNEL_TITLES = [null, '', 'Alpha', 'Beta', 'Same', 'same', 'Ünïcode'] as const;

/** Gaps between consecutive events of a cluster, biased to the 30-minute boundary. */
const gapArb = fc.oneof(
  fc.constantFrom(0, 1, 1000, 5 * MINUTE, 30 * MINUTE - 1, 30 * MINUTE, 30 * MINUTE + 1, 2 * HOUR, 3 * DAY),
  fc.integer({ min: 0, max: 45 * MINUTE }),
);

const clusterArb = fc.record({
  anchor: fc.constantFrom(...ANCHORS),
  startOffset: fc.oneof(fc.integer({ min: -400 * DAY, max: 20 * DAY }), fc.integer({ min: -2 * DAY, max: 2 * DAY })),
  gaps: fc.array(gapArb, { maxLength: 14, size: 'max' }),
});

const eventBodyArb = fc.record({
  idPrefix: fc.constantFrom('a', 'b', 'ab', 'z'),
  undated: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  channelKey: fc.constantFrom(...CHANNEL_KEYS),
  channelTitle: fc.constantFrom(...CHANNEL_TITLES),
  product: fc.constantFrom(...PRODUCTS),
  kind: fc.oneof(
    { weight: 8, arbitrary: fc.constant(EVENT_KINDS[0]) },
    { weight: 1, arbitrary: fc.constantFrom(...EVENT_KINDS) },
  ),
  isAd: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  topics: fc.oneof(fc.integer({ min: 1, max: (1 << TOPICS.length) - 1 }), fc.constantFrom(1, 2, 1 << 12, 3)),
});

/** A history of 0..300 events, in random input order; ids unique, some instants shared. */
export const historyArb: fc.Arbitrary<WatchEvent[]> = fc
  .array(clusterArb, { maxLength: 30, size: 'max' })
  .chain((clusters) => {
    const times: number[] = [];
    for (const c of clusters) {
      let t = c.anchor + c.startOffset;
      times.push(t);
      for (const g of c.gaps) {
        t += g;
        times.push(t);
      }
    }
    const kept = times.slice(0, 300);
    return fc.tuple(fc.constant(kept), fc.array(eventBodyArb, { minLength: kept.length, maxLength: kept.length }));
  })
  .map(([times, bodies]) =>
    bodies.map(
      (b, i): WatchEvent => ({
        id: `${b.idPrefix}${i}`,
        watchedAt: b.undated ? null : (times[i] as number),
        videoId: `v${i % 17}`,
        videoTitle: `video ${i}`,
        channelKey: b.channelKey,
        channelTitle: b.channelKey === null ? null : b.channelTitle,
        product: b.product,
        kind: b.kind,
        isAd: b.isAd,
        topics: b.topics,
      }),
    ),
  )
  .chain((events) => fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }));

/** An instant near a calendar edge. */
export const nowArb: fc.Arbitrary<number> = fc
  .tuple(
    fc.constantFrom(...ANCHORS),
    fc.oneof(fc.integer({ min: -3 * DAY, max: 3 * DAY }), fc.constantFrom(0, -1, 1, -HOUR, HOUR)),
  )
  .map(([a, d]) => a + d);

/** A canonical filter over the zones and channel keys above (ranges land near the anchors). */
export const filterArb: fc.Arbitrary<CanonicalFilter> = fc
  .record({
    timeframe: fc.constantFrom(...TIMEFRAMES),
    range: fc.option(
      fc.record({
        anchor: fc.constantFrom(...ANCHORS),
        fromOffset: fc.integer({ min: -420, max: 5 }),
        length: fc.oneof(fc.constantFrom(0, 1, 29, 30), fc.integer({ min: 0, max: 400 })),
      }),
      { freq: 3 },
    ),
    product: fc.constantFrom(...PRODUCT_FILTERS),
    topics: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.subarray([...TOPICS], { maxLength: 4 }) },
    ),
    channels: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.subarray(['UCalpha', 'UCbeta', 'UCgamma', 'title:delta', 'title:epsilon', 'UCunknown'], { minLength: 1 }),
      },
    ),
    timeZone: fc.constantFrom(...ZONES),
    includeAds: fc.boolean(),
  })
  .map((f) => {
    let range = null;
    if (f.range) {
      const from = addDays(localFields('UTC', f.range.anchor).date, f.range.fromOffset);
      range = { from, to: addDays(from, f.range.length) };
    }
    return canonicalizeFilter({ ...f, range });
  });

/** Limits for topChannels. */
export const limitArb = fc.constantFrom(0, 1, 2, 3, 10, 100);
