import type { KernelContext } from '../context.js';
import type { TopChannel } from '../results/channels.js';
import { type ComboState, stateOf } from '../state/combo.js';
import { channelOrder } from './channelMetrics.js';

export const MAX_TOP_CHANNELS = 100;

/** Catalogue #3 on a context: finishTopChannels of its statistics. */
export function topChannels(ctx: KernelContext, params: { limit: number }): TopChannel[] {
  return finishTopChannels(stateOf(ctx), params);
}

/**
 * Catalogue #3: the `limit` (integer 0..100) channels with most filtered videos; ties by
 * title ascending in code-unit order (locale-independent), then by key. Seconds = the
 * channel's exact sum of watch ms / 1000. Throws RangeError on another limit.
 */
export function finishTopChannels(state: ComboState, params: { limit: number }): TopChannel[] {
  const { limit } = params;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_TOP_CHANNELS) {
    throw new RangeError(`[precompute/engine] expected topChannels limit 0..${MAX_TOP_CHANNELS}, got ${limit}`);
  }
  const core = state.core();
  const { titles, keys, urls } = state.table.channels;
  return channelOrder(core, state.table.channels, limit).map((c) => {
    const s = core.slotOf[c] as number;
    const videos = core.channelVideos[s] as number;
    return {
      channelKey: keys[c] as string,
      channelTitle: titles[c] as string,
      channelUrl: urls[c] as string | null,
      videos,
      share: videos / core.videos,
      estimatedWatchSeconds: (core.channelWatchMs[s] as number) / 1000,
    };
  });
}
