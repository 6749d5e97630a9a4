import { formatDay, formatMonth } from '../../../domain/calendar.js';
import type { KernelContext } from '../context.js';
import type { TimeSeriesInterval, TimeSeriesMetric, TimeSeriesPoint } from '../results/patterns.js';
import { distinctChannelsPerBucket } from './common.js';
import { bucketRange, popcount } from './spans.js';

// Day 0 (1970-01-01) is a Thursday, so Monday-based week w starts on day 7w − 3.
const weekOfDay = (day: number): number => Math.floor((day + 3) / 7);

/**
 * Catalogue #12: one point per local day, Monday-based week or month, from the first to the
 * last bucket with a filtered video (empty buckets 0), ascending. VIDEOS counts videos;
 * CHANNELS distinct channel keys (videos without a channel add none); TOPICS distinct topics.
 */
export function timeSeries(
  ctx: KernelContext,
  params: { interval: TimeSeriesInterval; metric: TimeSeriesMetric },
): TimeSeriesPoint[] {
  const rows = ctx.selection();
  if (rows.length === 0) return [];
  const { interval, metric } = params;
  const bucket = bucketColumn(ctx, interval);
  const monotone = ctx.zone.daysMonotone;
  const { first, last } = bucketRange(rows, bucket, monotone);
  const size = last - first + 1;
  let values: Int32Array;
  if (metric === 'CHANNELS') {
    values = distinctChannelsPerBucket(ctx, rows, bucket, first, size, monotone);
  } else if (metric === 'TOPICS') {
    const masks = new Int32Array(size);
    const topics = ctx.table.topics;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] as number;
      const b = (bucket[r] as number) - first;
      masks[b] = (masks[b] as number) | (topics[r] as number);
    }
    values = masks.map(popcount);
  } else {
    values = new Int32Array(size);
    for (let k = 0; k < rows.length; k++) {
      const b = (bucket[rows[k] as number] as number) - first;
      values[b] = (values[b] as number) + 1;
    }
  }
  const out: TimeSeriesPoint[] = [];
  for (let b = 0; b < size; b++) out.push({ start: startOf(interval, first + b), value: values[b] as number });
  return out;
}

/** Per-row bucket numbers: local day, Monday-based week (weekOfDay) or month index. */
function bucketColumn(ctx: KernelContext, interval: TimeSeriesInterval): Int32Array {
  if (interval === 'DAY') return ctx.zone.day;
  if (interval === 'MONTH') return ctx.zone.month;
  return ctx.memo('timeSeries:week', () => {
    const day = ctx.zone.day;
    const week = new Int32Array(day.length);
    for (let r = 0; r < day.length; r++) week[r] = weekOfDay(day[r] as number);
    return week;
  });
}

function startOf(interval: TimeSeriesInterval, b: number): string {
  if (interval === 'DAY') return formatDay(b);
  if (interval === 'WEEK') return formatDay(7 * b - 3);
  return `${formatMonth(b)}-01`;
}
