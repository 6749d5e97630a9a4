/**
 * Engine benchmark: cold compute of the five aggregations (kpis, monthlyTrend, topChannels,
 * heatmap, topics) over 100 000 and 1 000 000 demo events. Baseline: one plain JS pass over the
 * same events array summing `watchedAt` (the cheapest possible look at every event).
 */
import { generateDemoEvents } from '../demo/generate.js';
import type { WatchEvent } from '../domain/events.js';
import { type CanonicalFilter, canonicalizeFilter } from '../domain/filter.js';
import { Engine, heatmap, kpis, monthlyTrend, topChannels, topics } from '../precompute/engine/index.js';
import { type BenchRow, collectGarbage, printTable, sink, summarise, time } from './lib.js';

const END_MS = Date.UTC(2024, 10, 15, 20, 0);
const SIZES = [100_000, 1_000_000];

/** Canonical filters a dashboard sends most: the default, a relative window in a DST zone, a topic filter. */
const FILTERS: { name: string; filter: CanonicalFilter }[] = [
  { name: 'ALL, UTC', filter: canonicalizeFilter({}, 'UTC') },
  { name: 'LAST_12_MONTHS, Europe/Paris', filter: canonicalizeFilter({ timeframe: 'LAST_12_MONTHS', timeZone: 'Europe/Paris' }) },
  {
    name: 'YTD, TECHNOLOGY, America/New_York',
    filter: canonicalizeFilter({ timeframe: 'YTD', topics: ['TECHNOLOGY'], timeZone: 'America/New_York' }),
  },
];

/** A fresh context and all five kernels: what one cold dashboard costs. */
function allFive(engine: Engine, filter: CanonicalFilter): unknown[] {
  const ctx = engine.context(filter, END_MS);
  return [kpis(ctx), monthlyTrend(ctx), topChannels(ctx, { limit: 10 }), heatmap(ctx), topics(ctx)];
}

function plainPass(events: readonly WatchEvent[]): number {
  let sum = 0;
  for (let i = 0; i < events.length; i++) sum += (events[i] as WatchEvent).watchedAt ?? 0;
  return sum;
}

/** Heap plus array buffers (typed arrays live outside the JS heap), after a collection when available. */
function retainedBytes(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function benchSize(count: number): void {
  const before = retainedBytes();
  const events = generateDemoEvents('bench-viewer', { seed: 1, count, endMs: END_MS });
  const eventsBytes = retainedBytes() - before;
  const rows: BenchRow[] = [
    {
      name: 'plain pass: sum watchedAt',
      timing: time(() => plainPass(events), { warmup: 3, repeat: 15 }),
      rssBytes: eventsBytes,
      baseline: true,
      note: 'memory = heap retained by the WatchEvent[] array',
    },
  ];

  const beforeEngine = retainedBytes();
  let engine = new Engine(events);
  const engineBytes = retainedBytes() - beforeEngine;
  const builds = time(() => new Engine(events), { warmup: 0, repeat: count >= 1_000_000 ? 3 : 7 });
  rows.push({
    name: 'build Engine table',
    timing: builds,
    rssBytes: engineBytes,
    note: 'memory = retained by one Engine (no zone yet)',
  });

  for (const { name, filter } of FILTERS) {
    // The first query in a zone also computes the zone's local columns: one sample per fresh engine.
    const firsts: number[] = [];
    for (let i = 0; i < (count >= 1_000_000 ? 2 : 5); i++) {
      engine = new Engine(events);
      collectGarbage();
      const t0 = performance.now();
      sink(allFive(engine, filter));
      firsts.push(performance.now() - t0);
    }
    rows.push({ name: `${name}: first in zone`, timing: summarise(firsts), note: 'fresh Engine, zone columns included' });
    rows.push({
      name: `${name}: fresh context`,
      timing: time(() => allFive(engine, filter), { warmup: 2, repeat: 15 }),
      note: 'zone columns cached',
    });
  }
  sink(engine);
  printTable(`engine: five aggregations cold, ${count.toLocaleString('en-US')} demo events (${engine.eventCount} visible)`, rows);
}

/** Entry point for bench/run.ts. */
export async function run(): Promise<void> {
  for (const count of SIZES) benchSize(count);
}
