import { TOPICS } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { TopicShare } from '../results/topics.js';
import { type ComboState, stateOf } from '../state/combo.js';
import { trendOf } from './common.js';

/** Days in each of the recent/previous windows of `topics`. */
export const TOPIC_TREND_DAYS = 30;

/** Catalogue #5 on a context: finishTopics of its statistics. */
export function topics(ctx: KernelContext): TopicShare[] {
  return finishTopics(stateOf(ctx));
}

/**
 * Catalogue #5: topics present in the filtered set, by videos desc then taxonomy order
 * (the order of TOPICS, i.e. of the GraphQL enum). recent = local days today−29..today,
 * previous = the 30 days before, both under the non-time filters only (the base selection's
 * videos per day and topic); the trend thresholds 1.1× / 0.9× are strict, so exactly 1.1× is
 * STABLE.
 */
export function finishTopics(state: ComboState): TopicShare[] {
  const videos = state.core().topicVideos;
  const base = state.base();
  const t = state.today;
  const recent = base.topicCounts(t - TOPIC_TREND_DAYS + 1, t);
  const previous = base.topicCounts(t - 2 * TOPIC_TREND_DAYS + 1, t - TOPIC_TREND_DAYS);
  let total = 0;
  for (const v of videos) total += v;
  const out: TopicShare[] = [];
  for (let i = 0; i < TOPICS.length; i++) {
    const v = videos[i] as number;
    if (v === 0) continue;
    const r = recent[i] as number;
    const p = previous[i] as number;
    out.push({
      topic: TOPICS[i] as (typeof TOPICS)[number],
      videos: v,
      share: v / total,
      recentVideos: r,
      previousVideos: p,
      trend: trendOf(r, p, 11, 9),
    });
  }
  // Stable sort: equal counts keep taxonomy order.
  return out.sort((a, b) => b.videos - a.videos);
}
