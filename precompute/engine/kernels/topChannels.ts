import type { KernelContext } from '../context.js';
import type { TopChannel } from '../results/channels.js';
import { NO_CHANNEL } from '../table.js';

export const MAX_TOP_CHANNELS = 100;

/**
 * Catalogue #3: the `limit` (integer 0..100) channels with most filtered videos; ties by
 * title ascending in code-unit order (locale-independent), then by key. Throws RangeError
 * on another limit.
 */
export function topChannels(ctx: KernelContext, params: { limit: number }): TopChannel[] {
  const { limit } = params;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_TOP_CHANNELS) {
    throw new RangeError(`[precompute/engine] expected topChannels limit 0..${MAX_TOP_CHANNELS}, got ${limit}`);
  }
  const rows = ctx.selection();
  const { channel, watchSeconds, channels } = ctx.table;
  const videos = new Int32Array(channels.size);
  const seconds = new Float64Array(channels.size);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const c = channel[r] as number;
    if (c === NO_CHANNEL) continue;
    videos[c] = (videos[c] as number) + 1;
    seconds[c] = (seconds[c] as number) + (watchSeconds[r] as number);
  }
  const present: number[] = [];
  for (let c = 0; c < channels.size; c++) if (videos[c] !== 0) present.push(c);
  const { titles, keys, urls } = channels;
  present.sort((a, b) => {
    const byVideos = (videos[b] as number) - (videos[a] as number);
    if (byVideos !== 0) return byVideos;
    const ta = titles[a] as string;
    const tb = titles[b] as string;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return (keys[a] as string) < (keys[b] as string) ? -1 : 1;
  });
  return present.slice(0, limit).map((c) => ({
    channelKey: keys[c] as string,
    channelTitle: titles[c] as string,
    channelUrl: urls[c] as string | null,
    videos: videos[c] as number,
    share: (videos[c] as number) / rows.length,
    estimatedWatchSeconds: seconds[c] as number,
  }));
}
