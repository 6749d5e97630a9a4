import type { DistributionBucket, ViewingPatterns } from '../../results-catalogue.js';
import type { KernelContext } from '../context.js';

/**
 * Catalogue #8: videos by local hour (0..23), weekday (0 = Sunday … 6), week of month (1..5:
 * days 1–7 are week 1, …, days 29–31 week 5) and month of year (1..12), every bucket present
 * in key order. share = videos / filtered videos, null when there is none.
 */
export function viewingPatterns(ctx: KernelContext): ViewingPatterns {
  const rows = ctx.selection();
  const { hour, weekday, dayOfMonth, month } = ctx.zone;
  const hours = new Int32Array(24);
  const weekdays = new Int32Array(7);
  const weeks = new Int32Array(5);
  const months = new Int32Array(12);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const h = hour[r] as number;
    const w = weekday[r] as number;
    const wm = ((dayOfMonth[r] as number) - 1) / 7;
    const m = (month[r] as number) % 12; // month index = year × 12 + month − 1, years > 0
    hours[h] = (hours[h] as number) + 1;
    weekdays[w] = (weekdays[w] as number) + 1;
    weeks[wm | 0] = (weeks[wm | 0] as number) + 1;
    months[m] = (months[m] as number) + 1;
  }
  const total = rows.length;
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
