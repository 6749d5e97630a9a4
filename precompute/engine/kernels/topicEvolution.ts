import { formatMonth } from '../../../domain/calendar.js';
import { TOPICS, type Topic } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { TopicEvolution, TopicEvolutionPoint } from '../results/topics.js';
import { type ComboState, stateOf } from '../state/combo.js';
import { trendOf } from './common.js';

const T = TOPICS.length;
/** Months in each of the two windows of growthPercent. */
export const TOPIC_GROWTH_MONTHS = 3;

/** Catalogue #16 on a context: finishTopicEvolution of its statistics. */
export function topicEvolution(ctx: KernelContext): TopicEvolution[] {
  return finishTopicEvolution(stateOf(ctx));
}

/**
 * Catalogue #16: per topic present in the filtered set (by videos desc, then taxonomy order),
 * a timeline over every local month of the filtered span (first to last month with any
 * filtered video, the same months for every topic, zero months included): videos, share of
 * that month's topic assignments (null for a month without videos) and the 1.2× / 0.8× trend
 * against the previous month (first STABLE). growthPercent compares the span's last 3 months
 * with the 3 before (months before the span count 0; null when those 3 had none).
 * peak/lowMonthOfYear: 1..12 by videos summed over years, zero months included, smallest
 * month on ties. Depends only on the data, not on today.
 */
export function finishTopicEvolution(state: ComboState): TopicEvolution[] {
  const core = state.core();
  if (core.videos === 0) return [];
  const first = core.firstMonth;
  const size = core.lastMonth - first + 1;
  const counts = core.monthTopics.span(first, core.lastMonth); // [month − first][topic]
  const out: TopicEvolution[] = [];
  for (let t = 0; t < T; t++) {
    let videos = 0;
    const byMonthOfYear = new Int32Array(12);
    const timeline: TopicEvolutionPoint[] = [];
    for (let b = 0; b < size; b++) {
      const v = counts[b * T + t] as number;
      const a = core.monthAssignments.get(first + b);
      videos += v;
      const moy = (first + b) % 12;
      byMonthOfYear[moy] = (byMonthOfYear[moy] as number) + v;
      timeline.push({
        month: formatMonth(first + b),
        videos: v,
        share: a === 0 ? null : v / a,
        trend: b === 0 ? 'STABLE' : trendOf(v, counts[(b - 1) * T + t] as number, 12, 8),
      });
    }
    if (videos === 0) continue;
    const recent = sumMonths(counts, t, size, size - TOPIC_GROWTH_MONTHS, size - 1);
    const previous = sumMonths(counts, t, size, size - 2 * TOPIC_GROWTH_MONTHS, size - TOPIC_GROWTH_MONTHS - 1);
    let peak = 0;
    let low = 0;
    for (let i = 1; i < 12; i++) {
      if ((byMonthOfYear[i] as number) > (byMonthOfYear[peak] as number)) peak = i;
      if ((byMonthOfYear[i] as number) < (byMonthOfYear[low] as number)) low = i;
    }
    out.push({
      topic: TOPICS[t] as Topic,
      videos,
      growthPercent: previous === 0 ? null : ((recent - previous) / previous) * 100,
      peakMonthOfYear: peak + 1,
      lowMonthOfYear: low + 1,
      timeline,
    });
  }
  // Stable sort: equal counts keep taxonomy order.
  return out.sort((a, b) => b.videos - a.videos);
}

/** Videos of topic t over month buckets [from, to] ∩ [0, size). */
function sumMonths(counts: ArrayLike<number>, t: number, size: number, from: number, to: number): number {
  let sum = 0;
  for (let b = Math.max(0, from); b <= Math.min(size - 1, to); b++) sum += counts[b * T + t] as number;
  return sum;
}
