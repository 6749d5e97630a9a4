import type { KernelContext } from '../context.js';
import type { DailyStatsResult } from '../results/activity.js';

/** Videos per local day over the span of the filtered set (first to last local date with a video). */
export interface DayCounts {
  /** Local day number of counts[0]; 0 when there is no video. */
  readonly firstDay: number;
  /** One count per calendar day of the span, zero days included; empty without videos. */
  readonly counts: Int32Array;
  /** Videos in the filtered set. */
  readonly total: number;
  /** Days with a video. */
  readonly activeDays: number;
}

/**
 * Videos per local day of the filtered set's span, memoised as `dailyStats:days` (overview,
 * sessions, advancedKpis, habits and dailyStats share it). The span runs from the smallest to
 * the largest local date with a video, which differ from the first and last rows' dates only
 * where local days go backwards (ctx.zone.daysMonotone false).
 */
export function dayCounts(ctx: KernelContext): DayCounts {
  return ctx.memo('dailyStats:days', () => {
    const rows = ctx.selection();
    if (rows.length === 0) return { firstDay: 0, counts: new Int32Array(0), total: 0, activeDays: 0 };
    const { day, daysMonotone } = ctx.zone;
    let first = day[rows[0] as number] as number;
    let last = day[rows[rows.length - 1] as number] as number;
    if (!daysMonotone) {
      for (let k = 0; k < rows.length; k++) {
        const d = day[rows[k] as number] as number;
        if (d < first) first = d;
        if (d > last) last = d;
      }
    }
    const counts = new Int32Array(last - first + 1);
    for (let k = 0; k < rows.length; k++) {
      const b = (day[rows[k] as number] as number) - first;
      counts[b] = (counts[b] as number) + 1;
    }
    let activeDays = 0;
    for (let b = 0; b < counts.length; b++) if (counts[b] !== 0) activeDays++;
    return { firstDay: first, counts, total: rows.length, activeDays };
  });
}

/** Population standard deviation of `values` around `mean`, squares added in index order. */
export function populationStd(values: Int32Array, mean: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - mean;
    sum += d * d;
  }
  return Math.sqrt(sum / values.length);
}

/**
 * Catalogue #11 over the N calendar days of the span (zero days included). mean = total / N;
 * median = middle value, or the mean of the two middle values when N is even; mode = most
 * frequent count, smallest on ties; standardDeviation is the population one (÷ N);
 * percentile p = the value at 1-based rank ⌈p × N / 100⌉ of the ascending counts (nearest
 * rank, computed in integers). Every statistic is null without videos (days = 0).
 */
export function dailyStats(ctx: KernelContext): DailyStatsResult {
  const { counts, total } = dayCounts(ctx);
  const n = counts.length;
  if (n === 0) {
    return {
      days: 0,
      mean: null,
      median: null,
      mode: null,
      standardDeviation: null,
      p10: null,
      p25: null,
      p50: null,
      p75: null,
      p90: null,
      p95: null,
      p99: null,
    };
  }
  // N is the number of days (thousands at most), so a sort here is cheap.
  const sorted = counts.slice().sort();
  const at = (rank: number): number => sorted[rank - 1] as number;
  const mean = total / n;
  const median = n % 2 === 1 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
  let mode = at(1);
  let modeRun = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && sorted[j] === sorted[i]) j++;
    // Ascending runs: a strictly longer run is needed to replace, so ties keep the smaller value.
    if (j - i > modeRun) {
      modeRun = j - i;
      mode = sorted[i] as number;
    }
    i = j;
  }
  const pct = (p: number): number => at(Math.ceil((p * n) / 100));
  return {
    days: n,
    mean,
    median,
    mode,
    standardDeviation: populationStd(counts, mean),
    p10: pct(10),
    p25: pct(25),
    p50: pct(50),
    p75: pct(75),
    p90: pct(90),
    p95: pct(95),
    p99: pct(99),
  };
}
