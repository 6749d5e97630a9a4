import { monthIndexOfDay } from '../../../domain/calendar.js';
import { TOPICS, type Topic } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { ChannelMetric, ChannelMetricsResult } from '../results/channels.js';
import { DEFAULT_GAP_MINUTES, sessionsOf, sessionsPerChannel } from '../sessions.js';
import { NO_CHANNEL } from '../table.js';

/** Days in the "new channel" window of `isNew` (today included). */
export const NEW_CHANNEL_DAYS = 30;

/** Filtered videos per channel (dictionary index). Memoised as `channelMetrics:videos`. */
export function channelVideos(ctx: KernelContext): Int32Array {
  return ctx.memo('channelMetrics:videos', () => {
    const rows = ctx.selection();
    const channel = ctx.table.channel;
    const out = new Int32Array(ctx.table.channels.size);
    for (let k = 0; k < rows.length; k++) {
      const c = channel[rows[k] as number] as number;
      if (c !== NO_CHANNEL) out[c] = (out[c] as number) + 1;
    }
    return out;
  });
}

/**
 * Tie order shared by every channel ranking of this group: videos desc, then title asc,
 * then key asc (both in code-unit order, locale-independent), like topChannels.
 */
export function compareByVideos(ctx: KernelContext, videos: Int32Array): (a: number, b: number) => number {
  const { titles, keys } = ctx.table.channels;
  return (a, b) => {
    const byVideos = (videos[b] as number) - (videos[a] as number);
    if (byVideos !== 0) return byVideos;
    const ta = titles[a] as string;
    const tb = titles[b] as string;
    if (ta !== tb) return ta < tb ? -1 : 1;
    const ka = keys[a] as string;
    const kb = keys[b] as string;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** Channels with filtered videos, in the order of `compareByVideos`. Memoised as `channelMetrics:byVideos`. */
export function channelsByVideos(ctx: KernelContext): number[] {
  return ctx.memo('channelMetrics:byVideos', () => {
    const videos = channelVideos(ctx);
    const present: number[] = [];
    for (let c = 0; c < videos.length; c++) if (videos[c] !== 0) present.push(c);
    return present.sort(compareByVideos(ctx, videos));
  });
}

/**
 * Per channel, its first row (timeline order) under the non-time filters only, or −1: the
 * channel's first video regardless of the time window. Memoised as `channelMetrics:firstBase`.
 */
export function firstBaseRows(ctx: KernelContext): Int32Array {
  return ctx.memo('channelMetrics:firstBase', () => {
    const base = ctx.baseSelection();
    const channel = ctx.table.channel;
    const out = new Int32Array(ctx.table.channels.size).fill(-1);
    let missing = out.length;
    for (let k = 0; k < base.length && missing > 0; k++) {
      const r = base[k] as number;
      const c = channel[r] as number;
      if (c !== NO_CHANNEL && out[c] === -1) {
        out[c] = r;
        missing--;
      }
    }
    return out;
  });
}

/** Recency part of loyaltyScore by whole local days since the channel's last video. */
export function recencyPoints(days: number): number {
  if (days <= 7) return 100;
  if (days <= 30) return 80;
  if (days <= 90) return 60;
  if (days <= 180) return 40;
  if (days <= 365) return 20;
  return 10;
}

/**
 * Catalogue #13: every channel of the filtered set, as a cached entry (VIDEOS order, one
 * page holding all; `orders` gives LOYALTY and RECENT). Choices where the catalogue is terse:
 * - firstWatchedAt, lastWatchedAt, activeMonths, peaks, topics and loyalty use the filtered
 *   videos; `isNew` uses the channel's first video under the non-time filters only (a channel
 *   is new because it was never watched before, whatever the window), on or after local
 *   day today − 29.
 * - loyalty months = max(1, months from the first filtered video's local month to today's,
 *   inclusive); consistency = min(100, 100 × activeMonths / months); frequency =
 *   min(100, 10 × videos / months); recency by today − local day of the last video;
 *   loyaltyScore = Math.round(sum / 3) (halves round up).
 * - sessionShare uses the sessions of the default 30-minute gap, shared with sessions,
 *   habits and channelRelationships.
 * - Orders: VIDEOS = videos desc; LOYALTY = loyaltyScore desc; RECENT = lastWatchedAt desc;
 *   ties in each by videos desc, then title asc, then key asc (code-unit order).
 */
export function channelMetrics(ctx: KernelContext): ChannelMetricsResult {
  const rows = ctx.selection();
  const { channel, time, topics: topicCol, channels } = ctx.table;
  const { month, hour, weekday, day, daysMonotone } = ctx.zone;
  const size = channels.size;
  const videos = channelVideos(ctx);
  const firstRow = new Int32Array(size).fill(-1);
  const lastRow = new Int32Array(size).fill(-1);
  const activeMonths = new Int32Array(size);
  const lastMonth = new Int32Array(size).fill(-0x8000_0000);
  const hours = new Int32Array(size * 24);
  const weekdays = new Int32Array(size * 7);
  const topicVideos = new Int32Array(size * TOPICS.length);
  const seenMonths = daysMonotone ? null : new Set<number>();
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const c = channel[r] as number;
    if (c === NO_CHANNEL) continue;
    if (firstRow[c] === -1) firstRow[c] = r;
    lastRow[c] = r;
    const m = month[r] as number;
    if (seenMonths === null) {
      if (lastMonth[c] !== m) {
        lastMonth[c] = m;
        activeMonths[c] = (activeMonths[c] as number) + 1;
      }
    } else {
      const key = m * size + c;
      if (!seenMonths.has(key)) {
        seenMonths.add(key);
        activeMonths[c] = (activeMonths[c] as number) + 1;
      }
    }
    const h = c * 24 + (hour[r] as number);
    hours[h] = (hours[h] as number) + 1;
    const w = c * 7 + (weekday[r] as number);
    weekdays[w] = (weekdays[w] as number) + 1;
    for (let mask = topicCol[r] as number; mask !== 0; mask &= mask - 1) {
      const t = c * TOPICS.length + (31 - Math.clz32(mask & -mask));
      topicVideos[t] = (topicVideos[t] as number) + 1;
    }
  }

  const order = channelsByVideos(ctx);
  const firstBase = firstBaseRows(ctx);
  const perChannelSessions = sessionsPerChannel(ctx, DEFAULT_GAP_MINUTES);
  const sessionCount = sessionsOf(ctx, DEFAULT_GAP_MINUTES).count;
  const today = ctx.today;
  const todayMonth = monthIndexOfDay(today);
  const items: ChannelMetric[] = order.map((c) => {
    const v = videos[c] as number;
    const first = firstRow[c] as number;
    const last = lastRow[c] as number;
    const active = activeMonths[c] as number;
    const months = Math.max(1, todayMonth - (month[first] as number) + 1);
    const consistency = Math.min(100, (100 * active) / months);
    const frequency = Math.min(100, (10 * v) / months);
    const recency = recencyPoints(today - (day[last] as number));
    return {
      channelKey: channels.keys[c] as string,
      channelTitle: channels.titles[c] as string,
      channelUrl: channels.urls[c] as string | null,
      videos: v,
      share: v / rows.length,
      firstWatchedAt: time[first] as number,
      lastWatchedAt: time[last] as number,
      activeMonths: active,
      videosPerActiveMonth: v / active,
      peakHour: argmax(hours, c * 24, 24),
      peakWeekday: argmax(weekdays, c * 7, 7),
      topics: topicsByVideos(topicVideos, c * TOPICS.length),
      isNew: (day[firstBase[c] as number] as number) >= today - NEW_CHANNEL_DAYS + 1,
      sessionShare: (perChannelSessions[c] as number) / sessionCount,
      loyaltyScore: Math.round((consistency + frequency + recency) / 3),
    };
  });

  // items are in VIDEOS order, so "videos desc, title, key" is their position.
  const positions = items.map((_, i) => i);
  const byLoyalty = positions
    .slice()
    .sort((a, b) => (items[b] as ChannelMetric).loyaltyScore - (items[a] as ChannelMetric).loyaltyScore || a - b);
  const byRecent = positions
    .slice()
    .sort((a, b) => (items[b] as ChannelMetric).lastWatchedAt - (items[a] as ChannelMetric).lastWatchedAt || a - b);
  return {
    orderBy: 'VIDEOS',
    totalCount: items.length,
    offset: 0,
    items,
    hasNextPage: false,
    orders: { LOYALTY: byLoyalty, RECENT: byRecent },
  };
}

/** Index (0-based) of the largest of values[from … from+n−1], smallest on ties. */
function argmax(values: Int32Array, from: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if ((values[from + i] as number) > (values[from + best] as number)) best = i;
  return best;
}

/** Topics with videos, by videos desc then taxonomy order. */
function topicsByVideos(topicVideos: Int32Array, from: number): Topic[] {
  const present: number[] = [];
  for (let t = 0; t < TOPICS.length; t++) if ((topicVideos[from + t] as number) > 0) present.push(t);
  present.sort((a, b) => (topicVideos[from + b] as number) - (topicVideos[from + a] as number) || a - b);
  return present.map((t) => TOPICS[t] as Topic);
}
