/**
 * LiveEngine cases worked by hand: the cost of an in-order 1-event append does not grow with
 * the history, `affected` is precise for the common cases, the statistics bound holds, and the
 * shared zone offset tables stay exact when extended past either end.
 */
import { describe, expect, it } from 'vitest';
import { ZoneOffsets, zoneOffsetMinutes } from '../../domain/calendar.js';
import { topicBit, type WatchEvent } from '../../domain/events.js';
import { canonicalizeFilter } from '../../domain/filter.js';
import { computeEntry, entryAffected } from '../../precompute/aggregation.js';
import { LiveEngine } from '../../precompute/engine/index.js';
import { joinSegments, type OffsetSegments, probeStart, zoneOffsetsFor } from '../../precompute/engine/zone.js';
import { aggregationDef, REGISTRY } from '../../precompute/registry.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2022, 0, 3, 8);
const hex = (i: number): string => i.toString(16).padStart(32, '0');

function event(i: number, at: number, over: Partial<WatchEvent> = {}): WatchEvent {
  return {
    id: hex(i),
    watchedAt: at,
    videoId: `v${i}`,
    videoTitle: `video ${i}`,
    channelKey: `UC${i % 7}`,
    channelTitle: `Channel ${i % 7}`,
    product: 'YOUTUBE',
    kind: 'WATCHED',
    isAd: false,
    topics: topicBit('GAMING'),
    ...over,
  };
}

/** n videos, one every 5 hours (every video its own session), ending at the same instant whatever n. */
const history = (n: number): WatchEvent[] => Array.from({ length: n }, (_, i) => event(i, START + (i - n + 1) * 5 * HOUR));

const BASE_FILTERS = (['ALL', 'MTD', 'LAST_6_MONTHS'] as const).flatMap((timeframe) =>
  (['ALL', 'YOUTUBE', 'YOUTUBE_MUSIC'] as const).map((product) =>
    canonicalizeFilter({ timeframe, product, timeZone: 'Europe/Paris' }),
  ),
);

function warmed(n: number): LiveEngine {
  const live = LiveEngine.fromEvents(history(n));
  for (const f of BASE_FILTERS) for (const def of REGISTRY) computeEntry(live, def, f, def.baseParams, START);
  return live;
}

describe('LiveEngine append cost', () => {
  it('scans the same few rows for an in-order 1-event append into 1 000 or 20 000 events', () => {
    const reports = [1_000, 20_000].map((n) => {
      const live = warmed(n);
      const first = live.append({ events: [event(n, START + 10 * MIN)], changeLog: [] });
      const second = live.append({ events: [event(n + 1, START + 20 * MIN)], changeLog: [] });
      return [first, second].map(({ rowsScanned, statesVisited, statesUpdated, rowsAdded, rowsRewatched, backfill }) => ({
        rowsScanned,
        statesVisited,
        statesUpdated,
        rowsAdded,
        rowsRewatched,
        backfill,
      }));
    });
    expect(reports[1]).toEqual(reports[0]);
    const [first, second] = reports[0] as NonNullable<(typeof reports)[0]>;
    expect(first?.rowsAdded).toBe(1);
    expect(first?.backfill).toBe(false);
    // The previous video's estimate changed (5 h → 10 min gap): one row re-estimated.
    expect(first?.rowsRewatched).toBe(1);
    // Per statistics object: the new row, the re-estimated one and the joined session's rows.
    expect(first?.rowsScanned).toBeLessThan(8 * (first?.statesVisited ?? 0));
    expect(second?.rowsScanned).toBeLessThan(8 * (second?.statesVisited ?? 0));
  });

  it('inserts a backfill and reports it', () => {
    const live = warmed(1_000);
    const report = live.append({ events: [event(5_000, START - 999 * 5 * HOUR + MIN)], changeLog: [] });
    expect(report.backfill).toBe(true);
    expect(report.rowsAdded).toBe(1);
  });
});

describe('channelRelationships after appends', () => {
  it('follows joins, new sessions and a backfill that merges two sessions from the kept pair counts, equal to a fresh engine', () => {
    // Sessions of 3 videos 10 minutes apart over channels UC0..UC6, sessions 2 hours apart.
    const events = Array.from({ length: 90 }, (_, i) => event(i, START + Math.floor(i / 3) * 2 * HOUR + (i % 3) * 10 * MIN));
    const live = LiveEngine.fromEvents(events);
    const f = canonicalizeFilter({ timeZone: 'UTC' });
    const def = aggregationDef('channelRelationships');
    const kept = () => live.state(f, START).sessions().relations;
    const check = (all: WatchEvent[]) =>
      expect(computeEntry(live, def, f, def.baseParams, START)).toEqual(
        computeEntry(LiveEngine.fromEvents(all), def, f, def.baseParams, START),
      );
    check(events);
    const counts = kept();
    expect(counts).not.toBeNull();
    const last = START + 29 * 2 * HOUR + 20 * MIN;
    const steps: WatchEvent[][] = [
      // The last session holds UC3, UC4, UC5: UC0 joins it (new pairs), then UC0 again (nothing new).
      [event(1000, last + 5 * MIN, { channelKey: 'UC0', channelTitle: 'Channel 0' })],
      [event(1001, last + 6 * MIN, { channelKey: 'UC0', channelTitle: 'Channel 0', topics: topicBit('MUSIC') })],
      [event(1002, last + 5 * HOUR, { channelKey: 'UC5', channelTitle: 'Channel 5' })], // a session of its own
      // A backfill of three rows 25 minutes apart bridging sessions 4 and 5 (2 hours apart): one merged session.
      [
        event(1003, START + 4 * 2 * HOUR + 50 * MIN, { channelKey: 'UC6', channelTitle: 'Channel 6' }),
        event(1004, START + 4 * 2 * HOUR + 75 * MIN, { channelKey: 'UC6', channelTitle: 'Channel 6' }),
        // With MUSIC like UC0's video above: the pair UC0–UC1 now shares MUSIC too.
        event(1005, START + 4 * 2 * HOUR + 100 * MIN, {
          channelKey: 'UC1',
          channelTitle: 'Channel 1',
          topics: topicBit('MUSIC'),
        }),
      ],
    ];
    const all = [...events];
    for (const step of steps) {
      live.append({ events: step, changeLog: [] });
      all.push(...step);
      check(all);
      // Same pool of channels: the counts were carried, not rebuilt.
      expect(kept()).toBe(counts);
    }
    // A new channel enters the pool: counted afresh once, then kept again.
    const fresh = [event(2000, last + 6 * HOUR, { channelKey: 'UCnew', channelTitle: 'New' })];
    live.append({ events: fresh, changeLog: [] });
    all.push(...fresh);
    check(all);
    expect(kept()).not.toBe(counts);
  });
});

describe('LiveEngine.affected', () => {
  const live = warmed(200);
  const now = START + HOUR;
  const music = canonicalizeFilter({ product: 'YOUTUBE_MUSIC', timeZone: 'Europe/Paris' });
  const youtube = canonicalizeFilter({ product: 'YOUTUBE', timeZone: 'Europe/Paris' });
  const lastYear = canonicalizeFilter({ range: { from: '2020-01-01', to: '2020-12-31' }, timeZone: 'Europe/Paris' });

  it('touches only the filters a new row passes', () => {
    const report = live.append({
      events: [event(9_000, START + 4 * MIN, { product: 'YOUTUBE_MUSIC', channelKey: 'UC1' })],
      changeLog: [],
    });
    expect(live.affected(report, music, now)).toEqual({
      selection: true,
      base: true,
      watchSeconds: false,
      stored: true,
      channels: true,
    });
    // The previous video (YOUTUBE) now has a 4-minute estimate (was 5): YOUTUBE's watch time moved, nothing else.
    expect(live.affected(report, youtube, now)).toEqual({
      selection: false,
      base: false,
      watchSeconds: true,
      stored: true,
      channels: true,
    });
    expect(live.affected(report, lastYear, now).selection).toBe(false);
    expect(entryAffected(aggregationDef('heatmap'), live.affected(report, youtube, now))).toBe(false);
    expect(entryAffected(aggregationDef('kpis'), live.affected(report, youtube, now))).toBe(true);
    expect(entryAffected(aggregationDef('dataQuality'), live.affected(report, lastYear, now))).toBe(true);
  });

  it('touches only dataQuality for an invisible or log-only commit', () => {
    const report = live.append({
      events: [event(9_001, START + 6 * MIN, { kind: 'VIEWED' }), event(9_002, START + 7 * MIN, { watchedAt: null })],
      changeLog: [],
    });
    const touch = live.affected(report, youtube, now);
    expect(touch).toEqual({ selection: false, base: false, watchSeconds: false, stored: true, channels: false });
    expect(REGISTRY.filter((d) => entryAffected(d, touch)).map((d) => d.id)).toEqual(['dataQuality']);
  });
});

describe('LiveEngine.fromPages', () => {
  it('builds the engine fromEvents builds, page by page', async () => {
    const events = [
      ...history(120),
      event(500, START + MIN, { kind: 'VIEWED' }),
      event(501, START + 2 * MIN, { watchedAt: null }),
    ];
    async function* pages() {
      for (let i = 0; i < events.length; i += 17) yield events.slice(i, i + 17);
    }
    const paged = await LiveEngine.fromPages(pages());
    const whole = LiveEngine.fromEvents(events);
    for (const f of BASE_FILTERS) {
      for (const def of REGISTRY) {
        expect(computeEntry(paged, def, f, def.baseParams, START)).toEqual(computeEntry(whole, def, f, def.baseParams, START));
      }
    }
  });
});

describe('LiveEngine bounds', () => {
  it('drops the least recently used statistics beyond maxStates and still answers right', () => {
    const events = history(300);
    const live = LiveEngine.fromEvents(events, [], { maxStates: 2 });
    const filters = BASE_FILTERS.slice(0, 4);
    const before = live.bytes;
    for (const f of filters) computeEntry(live, aggregationDef('sessions'), f, { gapMinutes: 30 }, START);
    expect(live.bytes).toBeGreaterThan(before);
    live.append({ events: [event(300, START + 10 * MIN)], changeLog: [] });
    const fresh = LiveEngine.fromEvents([...events, event(300, START + 10 * MIN)]);
    for (const f of filters) {
      for (const def of REGISTRY) {
        expect(computeEntry(live, def, f, def.baseParams, START)).toEqual(computeEntry(fresh, def, f, def.baseParams, START));
      }
    }
  });
});

describe('zone offset tables', () => {
  it('stay exact when extended later and earlier, step by step', () => {
    for (const zone of ['America/St_Johns', 'Australia/Lord_Howe', 'America/Santiago']) {
      let lo = Date.UTC(2015, 5, 1);
      let hi = lo + 3 * 86_400_000;
      zoneOffsetsFor(zone, lo, hi);
      for (let step = 0; step < 6; step++) {
        hi += 97 * 86_400_000;
        lo -= 211 * 86_400_000;
        const table = zoneOffsetsFor(zone, lo, hi);
        const offsetAt = (t: number): number => {
          let seg = 0;
          while (seg + 1 < table.starts.length && t >= (table.starts[seg + 1] as number)) seg++;
          return table.offsets[seg] as number;
        };
        // Every change starts at its exact instant, and samples in between agree with Intl.
        const probes = table.starts.filter((t) => Number.isFinite(t)).flatMap((t) => [t, t - 1]);
        for (let t = lo; t <= hi; t += 3 * 86_400_000 + 7 * HOUR) probes.push(t);
        for (const t of probes) expect([zone, t, offsetAt(t)]).toEqual([zone, t, zoneOffsetMinutes(zone, t)]);
      }
    }
  });

  it('keep every offset change when joined just before, at or after one', () => {
    const DAY = 86_400_000;
    const at = (table: OffsetSegments, t: number): number => {
      let seg = 0;
      while (seg + 1 < table.starts.length && t >= (table.starts[seg + 1] as number)) seg++;
      return table.offsets[seg] as number;
    };
    for (const zone of ['Pacific/Chatham', 'America/Havana', 'America/St_Johns']) {
      const from = Date.UTC(2012, 0, 1);
      const to = Date.UTC(2014, 0, 1);
      const changes = new ZoneOffsets(zone, from, to).starts.filter(
        (t) => Number.isFinite(t) && t > from + 50 * DAY && t < to - 50 * DAY,
      );
      expect(changes.length).toBeGreaterThan(2);
      for (const change of changes) {
        for (const shift of [-2.2, -1.4, -1, -0.6, -0.1, 0, 0.2, 0.9, 1, 1.6, 2.3]) {
          // The join instant: a table ending there extended later, and one starting there extended earlier.
          const j = Math.round(change + shift * DAY);
          const later = joinSegments(new ZoneOffsets(zone, from, j), new ZoneOffsets(zone, j, j + 40 * DAY), probeStart(j));
          const earlier = joinSegments(new ZoneOffsets(zone, j - 40 * DAY, j), new ZoneOffsets(zone, j, to), probeStart(j));
          for (const t of [change - 60_000, change - 1, change, change + 1, j - 1, j, j + 1]) {
            const want = zoneOffsetMinutes(zone, t);
            expect([zone, shift, t, at(later, t), at(earlier, t)]).toEqual([zone, shift, t, want, want]);
          }
        }
      }
    }
  });
});
