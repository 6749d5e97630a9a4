/** Building blocks shared by kernels that still count from rows, and the trend rule. */
import type { KernelContext } from '../context.js';
import type { Trend } from '../results/topics.js';
import { NO_CHANNEL } from '../table.js';

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
