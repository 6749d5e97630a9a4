import { formatMonth } from '../../../domain/calendar.js';
import type { KernelContext } from '../context.js';
import type { MonthlyTrendPoint } from '../results/kpis.js';
import { distinctChannelsPerBucket } from './common.js';

/** Catalogue #2: one point per local month from the first to the last month with data, ascending, zero months included. */
export function monthlyTrend(ctx: KernelContext): MonthlyTrendPoint[] {
  const rows = ctx.selection();
  if (rows.length === 0) return [];
  const { month, daysMonotone } = ctx.zone;
  let first = month[rows[0] as number] as number;
  let last = month[rows[rows.length - 1] as number] as number;
  if (!daysMonotone) {
    for (let k = 0; k < rows.length; k++) {
      const m = month[rows[k] as number] as number;
      if (m < first) first = m;
      if (m > last) last = m;
    }
  }
  const size = last - first + 1;
  const videos = new Int32Array(size);
  const seconds = new Float64Array(size);
  const ws = ctx.table.watchSeconds;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const b = (month[r] as number) - first;
    videos[b] = (videos[b] as number) + 1;
    seconds[b] = (seconds[b] as number) + (ws[r] as number);
  }
  const channels = distinctChannelsPerBucket(ctx, rows, month, first, size, daysMonotone);
  const out: MonthlyTrendPoint[] = [];
  for (let b = 0; b < size; b++) {
    out.push({
      month: formatMonth(first + b),
      videos: videos[b] as number,
      uniqueChannels: channels[b] as number,
      estimatedWatchSeconds: seconds[b] as number,
    });
  }
  return out;
}
