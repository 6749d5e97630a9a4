import { TOPICS, type Topic } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { CoTopic, TopicSignals } from '../results/topics.js';
import { SIGNALS } from '../signals.js';
import { type ComboState, stateOf } from '../state/combo.js';

const T = TOPICS.length;
const S = SIGNALS.length;

/** Catalogue #18 on a context: finishTopicSignals of its statistics. */
export function topicSignals(ctx: KernelContext): TopicSignals[] {
  return finishTopicSignals(stateOf(ctx));
}

/**
 * Catalogue #18: per topic present in the filtered set (by videos desc, then taxonomy order),
 * the shares of its videos whose title + channel title contain a phrase of each signal
 * family (substring after lower-casing; see engine/signals.ts), and the other topics
 * co-assigned to its videos with their counts and shares of its videos.
 */
export function finishTopicSignals(state: ComboState): TopicSignals[] {
  const { topicVideos: videos, topicSignals: bySignal, coTopics: co } = state.core();
  const out: TopicSignals[] = [];
  for (let t = 0; t < T; t++) {
    const v = videos[t] as number;
    if (v === 0) continue;
    const coTopics: CoTopic[] = [];
    for (let u = 0; u < T; u++) {
      const n = co[t * T + u] as number;
      if (n > 0) coTopics.push({ topic: TOPICS[u] as Topic, videos: n, share: n / v });
    }
    coTopics.sort((a, b) => b.videos - a.videos); // stable: ties keep taxonomy order
    const share = (s: number): number => (bySignal[t * S + s] as number) / v;
    out.push({
      topic: TOPICS[t] as Topic,
      videos: v,
      learning: share(0),
      longForm: share(1),
      intentional: share(2),
      algorithmic: share(3),
      coTopics,
    });
  }
  return out.sort((a, b) => b.videos - a.videos);
}
