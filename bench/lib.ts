/**
 * Benchmark helpers: timing with warm-up and repeats, RSS sampling, and a text table in which
 * every figure is a ratio against a baseline measured in the same run (absolute times depend
 * on the machine; ratios travel).
 */

/** Summary of repeated measurements, in milliseconds. */
export interface Timing {
  samples: number[];
  median: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

/** Options of `time`/`timeAsync`: untimed warm-up runs (default 1), timed runs (default 5). */
export interface TimeOptions {
  warmup?: number;
  repeat?: number;
}

/** Nearest-rank percentile (0 < p ≤ 100) of an ascending non-empty list; throws on an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('[bench/lib] expected at least one sample');
  if (!(p > 0 && p <= 100)) throw new RangeError(`[bench/lib] expected 0 < p <= 100, got ${p}`);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Median (mean of the two middle values for an even count) of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('[bench/lib] expected at least one sample');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Summarises raw samples (ms). */
export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: [...samples],
    median: median(sorted),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** Runs `gc()` when the process was started with --expose-gc (bench/run.ts does), so runs start from a similar heap. */
export function collectGarbage(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

// Results go here so the optimiser cannot drop the measured work.
let sinkValue: unknown;
/** Keeps a value alive (defeats dead-code elimination of benchmarked results). */
export function sink(value: unknown): void {
  sinkValue = value;
}
/** The last sunk value (for tests and to keep `sinkValue` read). */
export const lastSunk = (): unknown => sinkValue;

/** Times a synchronous function: one GC, `warmup` untimed runs, then `repeat` timed ones (ms, performance.now). */
export function time(fn: () => unknown, opts: TimeOptions = {}): Timing {
  const { warmup = 1, repeat = 5 } = opts;
  if (!(Number.isInteger(repeat) && repeat >= 1)) throw new RangeError(`[bench/lib] expected repeat >= 1, got ${repeat}`);
  // One collection per series, before it: a forced GC before every sample leaves V8's
  // deferred clean-up to land inside the next measurement and inflates the medians.
  collectGarbage();
  for (let i = 0; i < warmup; i++) sink(fn());
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    sink(fn());
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

/** Async variant of `time`. */
export async function timeAsync(fn: () => Promise<unknown>, opts: TimeOptions = {}): Promise<Timing> {
  const { warmup = 1, repeat = 5 } = opts;
  if (!(Number.isInteger(repeat) && repeat >= 1)) throw new RangeError(`[bench/lib] expected repeat >= 1, got ${repeat}`);
  collectGarbage(); // once per series, as in `time`
  for (let i = 0; i < warmup; i++) sink(await fn());
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    sink(await fn());
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

/** Samples process RSS every `intervalMs` (default 10) until stopped; the peak includes the start and stop readings. */
export class RssSampler {
  private peak = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 10) {
    this.timer = setInterval(() => this.read(), intervalMs);
    this.timer.unref();
  }

  private read(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  /** Stops sampling; returns the peak RSS in bytes. Synchronous work between start and stop is only seen at its ends. */
  stop(): number {
    clearInterval(this.timer);
    this.read();
    return this.peak;
  }
}

/** Current RSS in bytes. */
export const rssBytes = (): number => process.memoryUsage.rss();

/** One table row: a named measurement; `baseline: true` marks the row every other is divided by. */
export interface BenchRow {
  name: string;
  timing?: Timing;
  /** Memory in bytes for this step (peak RSS, retained heap …: the note says which), compared with the baseline row's. */
  rssBytes?: number;
  baseline?: boolean;
  note?: string;
}

const ratio = (value: number | undefined, base: number | undefined): string => {
  if (value === undefined || base === undefined) return '';
  if (base === 0) return 'n/a';
  const r = value / base;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
};

/** The table as text: time columns (median, p99, min) and memory as ratios to the baseline row; throws without exactly one baseline. */
export function formatTable(title: string, rows: readonly BenchRow[]): string {
  const bases = rows.filter((r) => r.baseline);
  if (bases.length !== 1)
    throw new RangeError(`[bench/lib] expected exactly one baseline row in "${title}", got ${bases.length}`);
  const base = bases[0] as BenchRow;
  const hasTime = rows.some((r) => r.timing);
  const hasRss = rows.some((r) => r.rssBytes !== undefined);
  const header = ['', ...(hasTime ? ['median', 'p99', 'min', 'runs'] : []), ...(hasRss ? ['memory'] : []), ''];
  const body = rows.map((r) => [
    r.name,
    ...(hasTime
      ? [
          ratio(r.timing?.median, base.timing?.median),
          ratio(r.timing?.p99, base.timing?.p99),
          ratio(r.timing?.min, base.timing?.min),
          r.timing ? String(r.timing.samples.length) : '',
        ]
      : []),
    ...(hasRss ? [ratio(r.rssBytes, base.rssBytes)] : []),
    r.note ?? '',
  ]);
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((line) => (line[c] as string).length)));
  const fmt = (line: string[]): string =>
    line
      .map((cell, c) =>
        c === 0 || c === line.length - 1 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number),
      )
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((s, w) => s + w + 2, -2));
  const scale = [
    base.timing ? `median ${base.timing.median.toFixed(3)} ms` : '',
    base.rssBytes !== undefined ? `memory ${(base.rssBytes / 1048576).toFixed(0)} MiB` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    title,
    rule,
    fmt(header),
    rule,
    ...body.map(fmt),
    rule,
    `ratios to "${base.name}" (1.00× = ${scale} on this machine)`,
    '',
  ].join('\n');
}

/** Prints `formatTable(title, rows)` to stdout. */
export function printTable(title: string, rows: readonly BenchRow[]): void {
  process.stdout.write(`${formatTable(title, rows)}\n`);
}
