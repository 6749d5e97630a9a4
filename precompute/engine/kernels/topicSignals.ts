import { TOPICS, type Topic } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { CoTopic, TopicSignals } from '../results/topics.js';
import { SIGNALS } from '../signals.js';

const T = TOPICS.length;
const S = SIGNALS.length;

/**
 * Catalogue #18: per topic present in the filtered set (by videos desc, then taxonomy order),
 * the shares of its videos whose title + channel title contain a phrase of each signal
 * family (substring after lower-casing; see engine/signals.ts), and the other topics
 * co-assigned to its videos with their counts and shares of its videos.
 */
export function topicSignals(ctx: KernelContext): TopicSignals[] {
  const rows = ctx.selection();
  const { topics, signals } = ctx.table;
  // One counting pass over (topic mask, signal mask) pairs, expanded per topic afterwards.
  const pairs = new Int32Array(1 << (T + S));
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const i = ((topics[r] as number) << S) | (signals[r] as number);
    pairs[i] = (pairs[i] as number) + 1;
  }
  const videos = new Int32Array(T);
  const bySignal = new Int32Array(T * S);
  const co = new Int32Array(T * T);
  for (let i = 0; i < pairs.length; i++) {
    const n = pairs[i] as number;
    if (n === 0) continue;
    const mask = i >>> S;
    const sig = i & ((1 << S) - 1);
    for (let t = 0; t < T; t++) {
      if ((mask & (1 << t)) === 0) continue;
      videos[t] = (videos[t] as number) + n;
      for (let s = 0; s < S; s++) if (sig & (1 << s)) bySignal[t * S + s] = (bySignal[t * S + s] as number) + n;
      for (let u = 0; u < T; u++) if (u !== t && mask & (1 << u)) co[t * T + u] = (co[t * T + u] as number) + n;
    }
  }
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
