import type { KernelContext } from '../context.js';
import type { ChannelIdentity } from '../results/channels.js';
import type { SessionItem, SessionsResult } from '../results/sessions.js';
import { sessionsOf } from '../sessions.js';
import { NO_CHANNEL } from '../table.js';
import { dayCounts } from './dailyStats.js';

/** Sessions with at least this many videos are binges. */
export const BINGE_VIDEOS = 5;
/** Sessions with at most this many videos are short. */
export const SHORT_VIDEOS = 2;
/** Channels listed per session. */
export const SESSION_TOP_CHANNELS = 3;

/**
 * Catalogue #7 for a gap of 5..240 whole minutes (RangeError otherwise). With no session,
 * every statistic over sessions (mean, median, max, duration, perActiveDay) is null and the
 * counts are 0. Duration = last − first instant of a session (0 for one video);
 * meanDurationMinutes = total ms / count / 60 000. A session belongs to the local hour of
 * its first video. `list` is every session newest first; its `channels` are the keys with
 * most videos in it (events without a channel ignored), count desc then key asc, at most 3;
 * `channels` holds the identity (title, URL) of each channel named there once.
 */
export function sessions(ctx: KernelContext, params: { gapMinutes: number }): SessionsResult {
  const s = sessionsOf(ctx, params.gapMinutes);
  const { rows, count, offsets } = s;
  const { time, channel, channels } = ctx.table;
  const hour = ctx.zone.hour;
  const startsByHour = new Array<number>(24).fill(0);
  const sizes = new Int32Array(count);
  let binge = 0;
  let short = 0;
  let maxVideos = 0;
  let totalMs = 0;
  const list = new Array<SessionItem>(count);
  const perChannel = new Int32Array(channels.size);
  const named = new Uint8Array(channels.size);
  const touched: number[] = [];
  for (let i = 0; i < count; i++) {
    const from = offsets[i] as number;
    const to = offsets[i + 1] as number;
    const n = to - from;
    sizes[i] = n;
    if (n >= BINGE_VIDEOS) binge++;
    if (n <= SHORT_VIDEOS) short++;
    if (n > maxVideos) maxVideos = n;
    const start = time[rows[from] as number] as number;
    const end = time[rows[to - 1] as number] as number;
    totalMs += end - start;
    const h = hour[rows[from] as number] as number;
    startsByHour[h] = (startsByHour[h] as number) + 1;
    for (let k = from; k < to; k++) {
      const c = channel[rows[k] as number] as number;
      if (c === NO_CHANNEL) continue;
      if (perChannel[c] === 0) touched.push(c);
      perChannel[c] = (perChannel[c] as number) + 1;
    }
    const top = topChannelsOf(touched, perChannel, channels.keys);
    for (const c of touched) perChannel[c] = 0;
    touched.length = 0;
    for (const c of top) named[c] = 1;
    list[count - 1 - i] = { start, end, videos: n, channels: top.map((c) => channels.keys[c] as string) };
  }
  const identities: ChannelIdentity[] = [];
  for (let c = 0; c < channels.size; c++) {
    if (named[c] === 0) continue;
    identities.push({
      channelKey: channels.keys[c] as string,
      channelTitle: channels.titles[c] as string,
      channelUrl: channels.urls[c] as string | null,
    });
  }
  identities.sort((a, b) => (a.channelKey < b.channelKey ? -1 : a.channelKey > b.channelKey ? 1 : 0));
  const activeDays = dayCounts(ctx).activeDays;
  return {
    gapMinutes: s.gapMinutes,
    count,
    videosPerSession: count === 0 ? null : rows.length / count,
    medianVideosPerSession: count === 0 ? null : median(sizes),
    maxVideos: count === 0 ? null : maxVideos,
    meanDurationMinutes: count === 0 ? null : totalMs / count / 60_000,
    binge,
    short,
    perActiveDay: activeDays === 0 ? null : count / activeDays,
    startsByHour,
    list,
    channels: identities,
  };
}

/** The SESSION_TOP_CHANNELS slots of `touched` with the largest counts, count desc then key asc. */
function topChannelsOf(touched: readonly number[], counts: Int32Array, keys: readonly string[]): number[] {
  const best: number[] = [];
  const before = (a: number, b: number): boolean => {
    const d = (counts[a] as number) - (counts[b] as number);
    return d !== 0 ? d > 0 : (keys[a] as string) < (keys[b] as string);
  };
  for (const c of touched) {
    if (best.length === SESSION_TOP_CHANNELS && !before(c, best[SESSION_TOP_CHANNELS - 1] as number)) continue;
    let i = Math.min(best.length, SESSION_TOP_CHANNELS - 1);
    best[i] = c;
    while (i > 0 && before(c, best[i - 1] as number)) {
      best[i] = best[i - 1] as number;
      best[i - 1] = c;
      i--;
    }
  }
  return best;
}

/** Median of a non-empty array (mean of the two middle values when its length is even). */
function median(values: Int32Array): number {
  const sorted = values.slice().sort();
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
