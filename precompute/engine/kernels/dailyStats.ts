import type { KernelContext } from '../context.js';
import type { DailyStatsResult } from '../results/activity.js';
import { type ComboState, stateOf } from '../state/combo.js';
import type { CoreStats } from '../state/core.js';

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
 * The daily counts of a selection's statistics. The span runs from the smallest to the
 * largest local date with a video, which differ from the first and last rows' dates only
 * where local days go backwards.
 */
export function dayCountsOf(core: CoreStats): DayCounts {
  return {
    firstDay: core.videos === 0 ? 0 : core.firstDay,
    counts: core.spanCounts(),
    total: core.videos,
    activeDays: core.activeDays,
  };
}

/** The daily counts of a context (overview, sessions, advancedKpis, habits and dailyStats share them). */
export function dayCounts(ctx: KernelContext): DayCounts {
  return dayCountsOf(stateOf(ctx).core());
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

/** Catalogue #11 on a context: finishDailyStats of its statistics. */
export function dailyStats(ctx: KernelContext): DailyStatsResult {
  return finishDailyStats(stateOf(ctx));
}

/**
 * Catalogue #11 over the N calendar days of the span (zero days included). mean = total / N;
 * median = middle value, or the mean of the two middle values when N is even; mode = most
 * frequent count, smallest on ties; standardDeviation is the population one (÷ N, squares
 * added in date order); percentile p = the value at 1-based rank ⌈p × N / 100⌉ of the
 * ascending counts (nearest rank, computed in integers). Ranks are read from the
 * count-of-counts of the daily counts. Every statistic is null without videos (days = 0).
 */
export function finishDailyStats(state: ComboState): DailyStatsResult {
  const core = state.core();
  const counts = core.spanCounts();
  const total = core.videos;
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
  let max = 0;
  for (let i = 0; i < n; i++) if ((counts[i] as number) > max) max = counts[i] as number;
  const days = new Int32Array(max + 1); // days per daily count
  for (let i = 0; i < n; i++) days[counts[i] as number] = (days[counts[i] as number] as number) + 1;
  const cumulative = new Int32Array(max + 1);
  let seen = 0;
  let mode = 0;
  for (let v = 0; v <= max; v++) {
    seen += days[v] as number;
    cumulative[v] = seen;
    if ((days[v] as number) > (days[mode] as number)) mode = v; // strictly more: ties keep the smaller value
  }
  /** The value at 1-based rank `rank` of the ascending counts. */
  const at = (rank: number): number => {
    let lo = 0;
    let hi = max;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < rank) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const mean = total / n;
  const median = n % 2 === 1 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
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
