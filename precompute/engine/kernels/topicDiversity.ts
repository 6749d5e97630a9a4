import { TOPICS, type Topic } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { TopicDiversity } from '../results/topics.js';
import { type ComboState, stateOf } from '../state/combo.js';

const LEARNING: readonly Topic[] = ['EDUCATION', 'SCIENCE', 'TECHNOLOGY', 'FINANCE'];
const LEISURE: readonly Topic[] = ['ENTERTAINMENT', 'GAMING', 'MUSIC', 'SPORTS'];

/** Catalogue #17 on a context: finishTopicDiversity of its statistics. */
export function topicDiversity(ctx: KernelContext): TopicDiversity {
  return finishTopicDiversity(stateOf(ctx));
}

/**
 * Catalogue #17 over topic assignments (a video with two topics is two assignments):
 * distinctTopics, Shannon entropy in bits, evenness = entropy / log2(distinctTopics) (null
 * below 2 topics), the 3 largest topics' share, and the learning / leisure / other split
 * (other = POLITICS, NEWS, COOKING, TRAVEL, OTHER). Every ratio is null without videos.
 */
export function finishTopicDiversity(state: ComboState): TopicDiversity {
  const videos = state.core().topicVideos;
  let total = 0;
  let distinct = 0;
  for (const v of videos) {
    total += v;
    if (v > 0) distinct++;
  }
  if (total === 0) {
    return {
      distinctTopics: 0,
      shannonBits: null,
      evenness: null,
      top3Share: null,
      spread: { learning: null, leisure: null, other: null },
    };
  }
  let bits = 0;
  let learning = 0;
  let leisure = 0;
  for (let t = 0; t < TOPICS.length; t++) {
    const v = videos[t] as number;
    if (v === 0) continue;
    const p = v / total;
    bits -= p * Math.log2(p);
    const topic = TOPICS[t] as Topic;
    if (LEARNING.includes(topic)) learning += v;
    else if (LEISURE.includes(topic)) leisure += v;
  }
  const top3 = [...videos]
    .sort((a, b) => b - a)
    .slice(0, 3)
    .reduce((s, v) => s + v, 0);
  return {
    distinctTopics: distinct,
    shannonBits: bits,
    evenness: distinct < 2 ? null : bits / Math.log2(distinct),
    top3Share: top3 / total,
    spread: { learning: learning / total, leisure: leisure / total, other: (total - learning - leisure) / total },
  };
}
