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
export function sessions(ctx: KernelContext, params: { gapMinutes: number }): SessionsResult {
  const state = stateOf(ctx);
  const s = params.gapMinutes === DEFAULT_GAP_MINUTES ? state.sessions() : sessionStatsOf(ctx, params.gapMinutes);
  return finishSessionStats(s, state.core(), ctx.table.channels);
}

/** Catalogue #7 from the maintained statistics: the default 30-minute gap only (RangeError otherwise). */
export function finishSessions(state: ComboState, params: { gapMinutes: number }): SessionsResult {
  if (params.gapMinutes !== DEFAULT_GAP_MINUTES) {
    throw new RangeError(
      `[precompute/engine] maintained sessions use the ${DEFAULT_GAP_MINUTES}-minute gap, got ${params.gapMinutes}`,
    );
  }
  return finishSessionStats(state.sessions(), state.core(), state.table.channels);
}

/**
 * With no session, every statistic over sessions (mean, median, max, duration, perActiveDay)
 * is null and the counts are 0. Duration = last − first instant of a session (0 for one
 * video); meanDurationMinutes = total ms / count / 60 000. A session belongs to the local hour
 * of its first video. `list` is every session newest first; its `channels` are the keys with
 * most videos in it (events without a channel ignored), count desc then key asc, at most 3.
 */
function finishSessionStats(s: SessionStats, core: CoreStats, channels: ChannelDictionary): SessionsResult {
  const count = s.count;
  const list = new Array<SessionItem>(count);
  const keys = channels.keys;
  const named = new Uint8Array(channels.size);
  for (let i = 0; i < count; i++) {
    const top: string[] = [];
    for (let j = 0; j < 3; j++) {
      const c = s.top[i * 3 + j] as number;
      if (c < 0) continue;
      top.push(keys[c] as string);
      named[c] = 1;
    }
    list[count - 1 - i] = { start: s.start[i] as number, end: s.end[i] as number, videos: s.videos[i] as number, channels: top };
  }
  // The identity (title, URL) of each channel the list names, once, by key.
  const identities: ChannelIdentity[] = [];
  for (let c = 0; c < channels.size; c++) {
    if (named[c] === 0) continue;
    identities.push({
      channelKey: keys[c] as string,
      channelTitle: channels.titles[c] as string,
      channelUrl: channels.urls[c] as string | null,
    });
  }
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
    channels: identities,
  };
}
