import type { KernelContext } from '../context.js';
import type { DistributionBucket, ViewingPatterns } from '../results/patterns.js';
import { type ComboState, stateOf } from '../state/combo.js';

/** Catalogue #8 on a context: finishViewingPatterns of its statistics. */
export function viewingPatterns(ctx: KernelContext): ViewingPatterns {
  return finishViewingPatterns(stateOf(ctx));
}

/**
 * Catalogue #8: videos by local hour (0..23), weekday (0 = Sunday … 6), week of month (1..5:
 * days 1–7 are week 1, …, days 29–31 week 5) and month of year (1..12), every bucket present
 * in key order. share = videos / filtered videos, null when there is none. The four
 * distributions are margins of two joint histograms (weekday × hour, month × day of month).
 */
export function finishViewingPatterns(state: ComboState): ViewingPatterns {
  const core = state.core();
  const { weekHour, monthDay } = core;
  const hours = new Int32Array(24);
  const weekdays = new Int32Array(7);
  for (let i = 0; i < weekHour.length; i++) {
    const n = weekHour[i] as number;
    hours[i % 24] = (hours[i % 24] as number) + n;
    weekdays[(i / 24) | 0] = (weekdays[(i / 24) | 0] as number) + n;
  }
  const weeks = new Int32Array(5);
  const months = new Int32Array(12);
  for (let i = 0; i < monthDay.length; i++) {
    const n = monthDay[i] as number;
    if (n === 0) continue;
    const week = (((i % 32) - 1) / 7) | 0;
    weeks[week] = (weeks[week] as number) + n;
    months[(i / 32) | 0] = (months[(i / 32) | 0] as number) + n;
  }
  const total = core.videos;
  return {
    byHour: buckets(hours, 0, total),
    byWeekday: buckets(weekdays, 0, total),
    byWeekOfMonth: buckets(weeks, 1, total),
    byMonth: buckets(months, 1, total),
  };
}

function buckets(counts: Int32Array, firstKey: number, total: number): DistributionBucket[] {
  const out: DistributionBucket[] = [];
  for (let i = 0; i < counts.length; i++) {
    const videos = counts[i] as number;
    out.push({ key: firstKey + i, videos, share: total === 0 ? null : videos / total });
  }
  return out;
}
