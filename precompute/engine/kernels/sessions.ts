import type { KernelContext } from '../context.js';
import type { ChannelIdentity } from '../results/channels.js';
import type { SessionItem, SessionsResult } from '../results/sessions.js';
import { DEFAULT_GAP_MINUTES } from '../sessions.js';
import { type ComboState, sessionStatsOf, stateOf } from '../state/combo.js';
import type { CoreStats } from '../state/core.js';
import type { SessionStats } from '../state/sessions.js';
import type { ChannelDictionary } from '../table.js';

export { BINGE_VIDEOS, SESSION_TOP_CHANNELS, SHORT_VIDEOS } from '../state/sessions.js';

/**
 * Catalogue #7 on a context, for a gap of 5..240 whole minutes (RangeError otherwise): the
 * default gap reads the context's statistics, another gap builds its own sessions.
 */
export function sessions(ctx: KernelContext, params: { gapMinutes: number }, window?: SessionsWindow): SessionsResult {
  const state = stateOf(ctx);
  const s = params.gapMinutes === DEFAULT_GAP_MINUTES ? state.sessions() : sessionStatsOf(ctx, params.gapMinutes);
  return finishSessionStats(s, state.core(), ctx.table.channels, window);
}

/**
 * Which part of the list a result carries: the `limit` newest sessions starting strictly before
 * `before` (epoch ms; null = the newest). Without a window the list is every session. A cached
 * entry carries a window, so its size — and the cost of rewriting it after an append — does not
 * grow with the history.
 */
export interface SessionsWindow {
  before: number | null;
  limit: number;
}

/** Catalogue #7 from the maintained statistics: the default 30-minute gap only (RangeError otherwise). */
export function finishSessions(state: ComboState, params: { gapMinutes: number }, window?: SessionsWindow): SessionsResult {
  if (params.gapMinutes !== DEFAULT_GAP_MINUTES) {
    throw new RangeError(
      `[precompute/engine] maintained sessions use the ${DEFAULT_GAP_MINUTES}-minute gap, got ${params.gapMinutes}`,
    );
  }
  return finishSessionStats(state.sessions(), state.core(), state.table.channels, window);
}

/**
 * With no session, every statistic over sessions (mean, median, max, duration, perActiveDay)
 * is null and the counts are 0. Duration = last − first instant of a session (0 for one
 * video); meanDurationMinutes = total ms / count / 60 000. A session belongs to the local hour
 * of its first video. `list` is every session newest first (or the window's part of it,
 * `listTruncated` when older sessions exist beyond it); its `channels` are the keys with most
 * videos in it (events without a channel ignored), count desc then key asc, at most 3.
 */
function finishSessionStats(
  s: SessionStats,
  core: CoreStats,
  channels: ChannelDictionary,
  window?: SessionsWindow,
): SessionsResult {
  const count = s.count;
  // Sessions [lo, hi) in time order are listed: hi = the first starting at or after `before`.
  let hi = count;
  if (window && window.before !== null) {
    const before = window.before;
    let a = 0;
    while (a < hi) {
      const mid = (a + hi) >>> 1;
      if ((s.start[mid] as number) < before) a = mid + 1;
      else hi = mid;
    }
  }
  const lo = window ? Math.max(0, hi - window.limit) : 0;
  const list = new Array<SessionItem>(hi - lo);
  const keys = channels.keys;
  const named = new Set<number>();
  for (let i = lo; i < hi; i++) {
    const top: string[] = [];
    for (let j = 0; j < 3; j++) {
      const c = s.top[i * 3 + j] as number;
      if (c < 0) continue;
      top.push(keys[c] as string);
      named.add(c);
    }
    list[hi - 1 - i] = { start: s.start[i] as number, end: s.end[i] as number, videos: s.videos[i] as number, channels: top };
  }
  // The identity (title, URL) of each channel the list names, once, by key.
  const identities: ChannelIdentity[] = [...named].map((c) => ({
    channelKey: keys[c] as string,
    channelTitle: channels.titles[c] as string,
    channelUrl: channels.urls[c] as string | null,
  }));
  identities.sort((a, b) => (a.channelKey < b.channelKey ? -1 : a.channelKey > b.channelKey ? 1 : 0));
  const activeDays = core.activeDays;
  return {
    gapMinutes: s.gapMinutes,
    count,
    videosPerSession: count === 0 ? null : core.videos / count,
    medianVideosPerSession: s.medianSize(),
    maxVideos: s.maxSize(),
    meanDurationMinutes: count === 0 ? null : s.totalMs / count / 60_000,
    binge: s.binge,
    short: s.short,
    perActiveDay: activeDays === 0 ? null : count / activeDays,
    startsByHour: Array.from(s.startsByHour),
    list,
    listTruncated: lo > 0,
    channels: identities,
  };
}
