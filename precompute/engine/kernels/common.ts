/** Building blocks shared by kernels: counting over selections of table rows. */
import { TOPICS } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { Trend } from '../results/topics.js';
import { NO_CHANNEL } from '../table.js';

/** Distinct channel keys among `rows` (rows without a channel are not counted). */
export function distinctChannels(ctx: KernelContext, rows: Uint32Array): number {
  const seen = new Uint8Array(ctx.table.channels.size);
  const channel = ctx.table.channel;
  let count = 0;
  for (let k = 0; k < rows.length; k++) {
    const c = channel[rows[k] as number] as number;
    if (c !== NO_CHANNEL && seen[c] === 0) {
      seen[c] = 1;
      count++;
    }
  }
  return count;
}

/** Sum of estimatedWatchSeconds over `rows`, added in row (= timeline) order. */
export function sumWatchSeconds(ctx: KernelContext, rows: Uint32Array): number {
  const ws = ctx.table.watchSeconds;
  let sum = 0;
  for (let k = 0; k < rows.length; k++) sum += ws[rows[k] as number] as number;
  return sum;
}

/**
 * Distinct channels per bucket: `bucket[row] − base` in 0..size−1 for every row of `rows`.
 * `monotone` = buckets never decrease along `rows` (true for zone columns when
 * ctx.zone.daysMonotone); otherwise a slower set-based count is used.
 */
export function distinctChannelsPerBucket(
  ctx: KernelContext,
  rows: Uint32Array,
  bucket: Int32Array,
  base: number,
  size: number,
  monotone: boolean,
): Int32Array {
  const counts = new Int32Array(size);
  const channel = ctx.table.channel;
  if (monotone) {
    const last = new Int32Array(ctx.table.channels.size).fill(-1);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] as number;
      const c = channel[r] as number;
      if (c === NO_CHANNEL) continue;
      const b = (bucket[r] as number) - base;
      if (last[c] !== b) {
        last[c] = b;
        counts[b] = (counts[b] as number) + 1;
      }
    }
    return counts;
  }
  const seen = new Set<number>();
  const nChannels = ctx.table.channels.size;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const c = channel[r] as number;
    if (c === NO_CHANNEL) continue;
    const b = (bucket[r] as number) - base;
    const key = b * nChannels + c;
    if (!seen.has(key)) {
      seen.add(key);
      counts[b] = (counts[b] as number) + 1;
    }
  }
  return counts;
}

/** Videos per topic mask value (index = mask, 0..2^13−1) over `rows`; expand with `topicCounts`. */
export function maskCounts(ctx: KernelContext, rows: Uint32Array): Int32Array {
  const counts = new Int32Array(1 << TOPICS.length);
  const topics = ctx.table.topics;
  for (let k = 0; k < rows.length; k++) {
    const m = topics[rows[k] as number] as number;
    counts[m] = (counts[m] as number) + 1;
  }
  return counts;
}

/** Videos per topic (index = position in TOPICS) from mask counts; a video counts for each of its topics. */
export function topicCounts(masks: Int32Array): Int32Array {
  const out = new Int32Array(TOPICS.length);
  for (let m = 1; m < masks.length; m++) {
    const n = masks[m] as number;
    if (n === 0) continue;
    for (let t = 0; t < TOPICS.length; t++) if (m & (1 << t)) out[t] = (out[t] as number) + n;
  }
  return out;
}

/**
 * UP when current > up/10 × previous, DOWN when current < down/10 × previous, else STABLE.
 * Ratios are passed in tenths (1.1 → 11) so the test is exact integer arithmetic: a count
 * exactly at the threshold is STABLE, as "more than" says.
 */
export function trendOf(current: number, previous: number, upTenths: number, downTenths: number): Trend {
  if (current * 10 > previous * upTenths) return 'UP';
  if (current * 10 < previous * downTenths) return 'DOWN';
  return 'STABLE';
}
