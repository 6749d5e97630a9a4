import { formatDay, formatMonth } from '../../../domain/calendar.js';
import { TOPICS } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { TimeSeriesInterval, TimeSeriesMetric, TimeSeriesPoint } from '../results/patterns.js';
import { type ComboState, stateOf } from '../state/combo.js';
import { distinctChannelsPerBucket } from './common.js';
import { bucketRange, popcount } from './spans.js';

export interface TimeSeriesParams {
  interval: TimeSeriesInterval;
  metric: TimeSeriesMetric;
}

// Day 0 (1970-01-01) is a Thursday, so Monday-based week w starts on day 7w − 3.
const weekOfDay = (day: number): number => Math.floor((day + 3) / 7);

/**
 * True when the maintained statistics answer these params: VIDEOS and TOPICS for every
 * interval (days add up to weeks and months, topic masks OR), CHANNELS per month. Distinct
 * channels per day or week are counted from the rows.
 */
export const timeSeriesFromState = (params: TimeSeriesParams): boolean =>
  params.metric !== 'CHANNELS' || params.interval === 'MONTH';

/**
 * Catalogue #12: one point per local day, Monday-based week or month, from the first to the
 * last bucket with a filtered video (empty buckets 0), ascending. VIDEOS counts videos;
 * CHANNELS distinct channel keys (videos without a channel add none); TOPICS distinct topics.
 */
export function timeSeries(ctx: KernelContext, params: TimeSeriesParams): TimeSeriesPoint[] {
  if (timeSeriesFromState(params)) return finishTimeSeries(stateOf(ctx), params);
  const rows = ctx.selection();
  if (rows.length === 0) return [];
  const { interval } = params;
  const bucket = bucketColumn(ctx, interval);
  const monotone = ctx.zone.daysMonotone;
  const { first, last } = bucketRange(rows, bucket, monotone);
  const size = last - first + 1;
  const values = distinctChannelsPerBucket(ctx, rows, bucket, first, size, monotone);
  const out: TimeSeriesPoint[] = [];
  for (let b = 0; b < size; b++) out.push({ start: startOf(interval, first + b), value: values[b] as number });
  return out;
}

/** Catalogue #12 from the statistics, for the params `timeSeriesFromState` accepts (else RangeError). */
export function finishTimeSeries(state: ComboState, params: TimeSeriesParams): TimeSeriesPoint[] {
  if (!timeSeriesFromState(params)) {
    throw new RangeError(
      `[precompute/engine] timeSeries ${params.interval} × ${params.metric} is counted from rows, not statistics`,
    );
  }
  const core = state.core();
  const out: TimeSeriesPoint[] = [];
  if (core.videos === 0) return out;
  const { interval, metric } = params;
  const topics = metric === 'TOPICS';
  if (interval === 'DAY') {
    for (let d = core.firstDay; d <= core.lastDay; d++) {
      out.push({ start: formatDay(d), value: topics ? popcount(core.dayTopics.get(d)) : core.days.get(d) });
    }
  } else if (interval === 'WEEK') {
    for (let w = weekOfDay(core.firstDay); w <= weekOfDay(core.lastDay); w++) {
      let videos = 0;
      let mask = 0;
      for (let d = 7 * w - 3; d < 7 * w + 4; d++) {
        videos += core.days.get(d);
        mask |= core.dayTopics.get(d);
      }
      out.push({ start: formatDay(7 * w - 3), value: topics ? popcount(mask) : videos });
    }
  } else {
    for (let m = core.firstMonth; m <= core.lastMonth; m++) {
      let value: number;
      if (metric === 'VIDEOS') value = core.months.get(m);
      else if (metric === 'CHANNELS') value = core.monthChannels.get(m);
      else {
        value = 0;
        for (let t = 0; t < TOPICS.length; t++) if (core.monthTopics.get(m, t) > 0) value++;
      }
      out.push({ start: `${formatMonth(m)}-01`, value });
    }
  }
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
