import { monthIndexOfDay } from '../../../domain/calendar.js';
import { TOPICS, type Topic } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { ChannelMetric, ChannelMetricsResult } from '../results/channels.js';
import { type ComboState, stateOf } from '../state/combo.js';
import type { CoreStats } from '../state/core.js';
import type { ChannelDictionary } from '../table.js';

/** Days in the "new channel" window of `isNew` (today included). */
export const NEW_CHANNEL_DAYS = 30;

/** Filtered videos per channel (dictionary index). Memoised as `channelMetrics:videos`. */
export function channelVideos(ctx: KernelContext): Int32Array {
  return ctx.memo('channelMetrics:videos', () => stateOf(ctx).core().videosByChannel(ctx.table.channels.size));
}

/** Channels with filtered videos in channel order (see channelOrder). Memoised as `channelMetrics:byVideos`. */
export function channelsByVideos(ctx: KernelContext): number[] {
  return ctx.memo('channelMetrics:byVideos', () => channelOrder(stateOf(ctx).core(), ctx.table.channels));
}

/**
 * Dictionary indices of the channels with filtered videos in channel order — videos desc, then
 * title asc, then key asc (code units, locale-independent) — cut to the first `limit`. Sorts
 * one number per channel: (most videos − videos) × channels + the channel's title rank.
 */
export function channelOrder(core: CoreStats, dict: ChannelDictionary, limit = Number.POSITIVE_INFINITY): number[] {
  const n = core.channelCount;
  if (limit <= 0 || n === 0) return [];
  const { rank, byRank } = dict.titleOrder();
  const size = byRank.length;
  const videos = core.channelVideos;
  let most = 0;
  for (let s = 0; s < n; s++) if ((videos[s] as number) > most) most = videos[s] as number;
  const codes = new Float64Array(n);
  for (let s = 0; s < n; s++) codes[s] = (most - (videos[s] as number)) * size + (rank[core.channelOf[s] as number] as number);
  codes.sort();
  const out: number[] = [];
  for (let i = 0; i < Math.min(n, limit); i++) out.push(byRank[(codes[i] as number) % size] as number);
  return out;
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

/** Catalogue #13 on a context: finishChannelMetrics of its statistics. */
export function channelMetrics(ctx: KernelContext): ChannelMetricsResult {
  return finishChannelMetrics(stateOf(ctx));
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
export function finishChannelMetrics(state: ComboState): ChannelMetricsResult {
  const core = state.core();
  const base = state.base();
  const sessions = state.sessions();
  const channels = state.table.channels;
  const order = channelOrder(core, channels);
  const today = state.today;
  const todayMonth = monthIndexOfDay(today);
  const items: ChannelMetric[] = order.map((c) => {
    const s = core.slotOf[c] as number;
    const v = core.channelVideos[s] as number;
    const active = core.channelActiveMonths[s] as number;
    const months = Math.max(1, todayMonth - (core.channelFirstMonth[s] as number) + 1);
    const consistency = Math.min(100, (100 * active) / months);
    const frequency = Math.min(100, (10 * v) / months);
    const recency = recencyPoints(today - (core.channelLastDay[s] as number));
    return {
      channelKey: channels.keys[c] as string,
      channelTitle: channels.titles[c] as string,
      channelUrl: channels.urls[c] as string | null,
      videos: v,
      share: v / core.videos,
      firstWatchedAt: core.channelFirstTime[s] as number,
      lastWatchedAt: core.channelLastTime[s] as number,
      activeMonths: active,
      videosPerActiveMonth: v / active,
      peakHour: argmax(core.channelHours, s * 24, 24),
      peakWeekday: argmax(core.channelWeekdays, s * 7, 7),
      topics: topicsByVideos(core.channelTopics, s * TOPICS.length),
      isNew: (base.firstDay[c] as number) >= today - NEW_CHANNEL_DAYS + 1,
      sessionShare: (sessions.perChannel[c] as number) / sessions.count,
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
