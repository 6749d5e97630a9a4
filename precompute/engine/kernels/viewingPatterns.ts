import type { KernelContext } from '../context.js';
import type { DistributionBucket, ViewingPatterns } from '../results/patterns.js';

/**
 * Catalogue #8: videos by local hour (0..23), weekday (0 = Sunday … 6), week of month (1..5:
 * days 1–7 are week 1, …, days 29–31 week 5) and month of year (1..12), every bucket present
 * in key order. share = videos / filtered videos, null when there is none.
 */
export function viewingPatterns(ctx: KernelContext): ViewingPatterns {
  const rows = ctx.selection();
  const { hour, weekday, dayOfMonth, month } = ctx.zone;
  // Two joint histograms (weekday × hour, month × day of month), one increment each per row;
  // the four distributions are their margins.
  const weekHour = new Int32Array(7 * 24);
  const monthDay = new Int32Array(12 * 32);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const wh = (weekday[r] as number) * 24 + (hour[r] as number);
    const md = ((month[r] as number) % 12) * 32 + (dayOfMonth[r] as number); // month index = year × 12 + month − 1
    weekHour[wh] = (weekHour[wh] as number) + 1;
    monthDay[md] = (monthDay[md] as number) + 1;
  }
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
