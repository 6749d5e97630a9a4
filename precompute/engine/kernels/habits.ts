import type { KernelContext } from '../context.js';
import type { HabitSignal } from '../results/habits.js';
import { type ComboState, stateOf } from '../state/combo.js';
import { BINGE_VIDEOS } from '../state/sessions.js';
import { consistencyScoreOf, weekendIntensityOf, weekSplit } from './advancedKpis.js';
import { dayCountsOf } from './dailyStats.js';

/** Local hours of NIGHT_OWL (22:00–03:59) and EARLY_BIRD (05:00–08:59). */
const NIGHT_HOURS = [22, 23, 0, 1, 2, 3];
const EARLY_HOURS = [5, 6, 7, 8];

/** `0.4` → `40.0%`: evidence text only; the numbers in the result stay unrounded. */
const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;

/** Catalogue #10 on a context: finishHabits of its statistics. */
export function habits(ctx: KernelContext): HabitSignal[] {
  return finishHabits(stateOf(ctx));
}

/**
 * Catalogue #10: the habits whose rule holds, in the catalogue's order. Sessions are those of
 * the default 30-minute gap (shared with the sessions aggregation). Thresholds are strict
 * where the catalogue says ">" / "<" and compared in integers where both sides are counts, so
 * a value exactly on a threshold never passes it: BINGE_WATCHER binge / sessions > 0.3;
 * NIGHT_OWL share > 0.35; EARLY_BIRD share > 0.25; WEEKENDER weekendIntensity > 1.5;
 * CREATURE_OF_HABIT consistencyScore ≥ 60 and activeDays / spanDays ≥ 0.6; SPORADIC
 * activeDays / spanDays < 0.2. Without videos no rule holds.
 */
export function finishHabits(state: ComboState): HabitSignal[] {
  const core = state.core();
  const days = dayCountsOf(core);
  const videos = days.total;
  const out: HabitSignal[] = [];
  if (videos === 0) return out;

  const sessions = state.sessions();
  const binge = sessions.binge;
  if (binge * 10 > 3 * sessions.count) {
    const ratio = binge / sessions.count;
    out.push({
      habit: 'BINGE_WATCHER',
      confidence: Math.min(1, 2 * ratio),
      evidence: `${binge} of ${sessions.count} sessions (${percent(ratio)}) had ${BINGE_VIDEOS} or more videos.`,
    });
  }

  const hours = core.hours();
  const sumHours = (list: readonly number[]): number => list.reduce((sum, h) => sum + (hours[h] as number), 0);
  const night = sumHours(NIGHT_HOURS);
  if (night * 20 > 7 * videos) {
    const share = night / videos;
    out.push({
      habit: 'NIGHT_OWL',
      confidence: Math.min(1, share / (2 * 0.35)),
      evidence: `${night} of ${videos} videos (${percent(share)}) were watched between 22:00 and 03:59.`,
    });
  }
  const early = sumHours(EARLY_HOURS);
  if (early * 4 > videos) {
    const share = early / videos;
    out.push({
      habit: 'EARLY_BIRD',
      confidence: Math.min(1, share / (2 * 0.25)),
      evidence: `${early} of ${videos} videos (${percent(share)}) were watched between 05:00 and 08:59.`,
    });
  }

  const split = weekSplit(days);
  const intensity = weekendIntensityOf(split);
  // intensity > 1.5 ⟺ 2 × weekendVideos × weekdayDays > 3 × weekdayVideos × weekendDays (all counts).
  if (intensity !== null && 2 * split.weekendVideos * split.weekdayDays > 3 * split.weekdayVideos * split.weekendDays) {
    out.push({
      habit: 'WEEKENDER',
      confidence: Math.min(1, (intensity - 1) / 2),
      evidence: `Weekend days averaged ${(split.weekendVideos / split.weekendDays).toFixed(2)} videos against ${(
        split.weekdayVideos / split.weekdayDays
      ).toFixed(2)} on weekdays (${intensity.toFixed(2)}×).`,
    });
  }

  const span = days.counts.length;
  const active = days.activeDays;
  const consistency = consistencyScoreOf(days) as number;
  if (consistency >= 60 && active * 5 >= 3 * span) {
    out.push({
      habit: 'CREATURE_OF_HABIT',
      confidence: consistency / 100,
      evidence: `Consistency score ${consistency.toFixed(1)} of 100, with videos on ${active} of ${span} days (${percent(active / span)}).`,
    });
  }
  if (active * 5 < span) {
    out.push({
      habit: 'SPORADIC',
      confidence: 1 - active / span,
      evidence: `Videos on only ${active} of ${span} days (${percent(active / span)}).`,
    });
  }
  return out;
}
