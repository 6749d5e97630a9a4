/**
 * Result models of sessions. Plain, JSON-safe data (cached entries are JSON): instants are epoch ms UTC,
 * numbers unrounded, an undefined ratio or statistic is null. The schema exposes them with objectRefs.
 */
import type { ChannelIdentity } from './channels.js';

/** One session of #7: a maximal run of filtered events each within the gap of the previous. */
export interface SessionItem {
  /** Instant of the first video (epoch ms). */
  start: number;
  /** Instant of the last video (epoch ms); equals `start` for a one-video session. */
  end: number;
  videos: number;
  /** Up to 3 channel keys with most videos in the session: count desc, then key asc. */
  channels: string[];
}

/** #7 for one gap. Statistics over sessions are null when there is none. */
export interface SessionsResult {
  /** The gap used, minutes (5..240). */
  gapMinutes: number;
  count: number;
  /** Mean videos per session. */
  videosPerSession: number | null;
  /** Median videos per session (mean of the two middle values for an even count). */
  medianVideosPerSession: number | null;
  maxVideos: number | null;
  /** Mean of (last − first) over sessions, minutes: total ms / count / 60 000. */
  meanDurationMinutes: number | null;
  /** Sessions with ≥ 5 videos. */
  binge: number;
  /** Sessions with ≤ 2 videos. */
  short: number;
  /** count / activeDays (local dates with a video); null without videos. */
  perActiveDay: number | null;
  /** 24 counts: sessions by the local hour of their first video. */
  startsByHour: number[];
  /** Every session, newest first — or, in a cached entry, a window of it (kernels/sessions.ts `SessionsWindow`). */
  list: SessionItem[];
  /** Sessions older than the last of `list` exist (the list is a window). */
  listTruncated: boolean;
  /** Identity of every channel named in `list`, by key (code-unit order): keys stay small per session. */
  channels: ChannelIdentity[];
}
