import { formatMonth } from '../../../domain/calendar.js';
import type { ChannelEvolution, ChannelEvolutionPoint } from '../../results-catalogue.js';
import type { KernelContext } from '../context.js';
import { trendOf } from './common.js';
import { popcount } from './spans.js';

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
  const channel = ctx.table.channel;
  const topics = ctx.table.topics;
  const month = ctx.zone.month;
  // Rows of the channel; months come from them, so the counting arrays span only its months.
  let n = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const mine = new Uint32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    if (channel[r] !== c) continue;
    mine[n++] = r;
    const m = month[r] as number;
    if (m < first) first = m;
    if (m > last) last = m;
  }
  if (n === 0) return result;
  const size = last - first + 1;
  const videos = new Int32Array(size);
  const masks = new Int32Array(size);
  for (let k = 0; k < n; k++) {
    const r = mine[k] as number;
    const b = (month[r] as number) - first;
    videos[b] = (videos[b] as number) + 1;
    masks[b] = (masks[b] as number) | (topics[r] as number);
  }
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
