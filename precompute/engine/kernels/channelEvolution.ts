import { formatMonth } from '../../../domain/calendar.js';
import type { KernelContext } from '../context.js';
import type { ChannelEvolution, ChannelEvolutionPoint } from '../results/evolution.js';
import { trendOf } from './common.js';
import { bucketRange, popcount } from './spans.js';

/**
 * Catalogue #15: the filtered videos of channel key `channel` (the filter AND this channel: a
 * filter naming other channels leaves none) per local month, gap-filled from its first to its
 * last month with a video; trend vs the previous point, UP > 1.2×, DOWN < 0.8× (strict, exact
 * in tenths), the first STABLE. Null when no dated WATCHED event (ads included, any filter)
 * has the key, so callers can tell an unknown channel from one with nothing in the window.
 */
export function channelEvolution(ctx: KernelContext, params: { channel: string }): ChannelEvolution | null {
  const { channels } = ctx.table;
  const c = channels.indexOf(params.channel);
  if (c === undefined) return null;
  const result: ChannelEvolution = {
    channelKey: channels.keys[c] as string,
    channelTitle: channels.titles[c] as string,
    channelUrl: channels.urls[c] as string | null,
    points: [],
  };
  const rows = ctx.selection();
  if (rows.length === 0) return result;
  const channel = ctx.table.channel;
  const topics = ctx.table.topics;
  const month = ctx.zone.month;
  // One pass into arrays over the selection's months, then trimmed to the channel's own.
  const span = bucketRange(rows, month, ctx.zone.daysMonotone);
  const all = span.last - span.first + 1;
  const byMonth = new Int32Array(all);
  const maskByMonth = new Int32Array(all);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    if (channel[r] !== c) continue;
    const b = (month[r] as number) - span.first;
    byMonth[b] = (byMonth[b] as number) + 1;
    maskByMonth[b] = (maskByMonth[b] as number) | (topics[r] as number);
  }
  let lo = 0;
  while (lo < all && byMonth[lo] === 0) lo++;
  if (lo === all) return result;
  let hi = all - 1;
  while (byMonth[hi] === 0) hi--;
  const first = span.first + lo;
  const size = hi - lo + 1;
  const videos = byMonth.subarray(lo, hi + 1);
  const masks = maskByMonth.subarray(lo, hi + 1);
  const points: ChannelEvolutionPoint[] = [];
  for (let b = 0; b < size; b++) {
    const v = videos[b] as number;
    points.push({
      month: formatMonth(first + b),
      videos: v,
      distinctTopics: popcount(masks[b] as number),
      trend: b === 0 ? 'STABLE' : trendOf(v, videos[b - 1] as number, 12, 8),
    });
  }
  result.points = points;
  return result;
}
