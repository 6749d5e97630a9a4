import { weekdayOfDay } from '../../../domain/calendar.js';
import type { KernelContext } from '../context.js';
import type { AdvancedKpisResult, HourWindow } from '../results/activity.js';
import { type ComboState, stateOf } from '../state/combo.js';
import { type DayCounts, dayCountsOf, populationStd } from './dailyStats.js';

/** Channels counted by top10ChannelShare. */
export const TOP_SHARE_CHANNELS = 10;
/** Hours in peakWindow. */
export const PEAK_WINDOW_HOURS = 3;

/** Videos and calendar days on weekends (Saturday, Sunday) and weekdays over the span. */
export interface WeekSplit {
  weekendVideos: number;
  weekendDays: number;
  weekdayVideos: number;
  weekdayDays: number;
}

/** Splits the span's calendar days (and their videos) into weekend and weekday. */
export function weekSplit(days: DayCounts): WeekSplit {
  const split: WeekSplit = { weekendVideos: 0, weekendDays: 0, weekdayVideos: 0, weekdayDays: 0 };
  for (let i = 0; i < days.counts.length; i++) {
    const w = weekdayOfDay(days.firstDay + i);
    if (w === 0 || w === 6) {
      split.weekendDays++;
      split.weekendVideos += days.counts[i] as number;
    } else {
      split.weekdayDays++;
      split.weekdayVideos += days.counts[i] as number;
    }
  }
  return split;
}

/**
 * (weekend videos / weekend days) / (weekday videos / weekdays) over the span's calendar days;
 * null when either kind of day is absent from the span or no weekday has a video (a division
 * by zero).
 */
export function weekendIntensityOf(s: WeekSplit): number | null {
  if (s.weekendDays === 0 || s.weekdayDays === 0 || s.weekdayVideos === 0) return null;
  return s.weekendVideos / s.weekendDays / (s.weekdayVideos / s.weekdayDays);
}

/** clamp(100 − 50 × CV, 0, 100), CV = population std / mean of videos per calendar day of the span; null without videos. */
export function consistencyScoreOf(days: DayCounts): number | null {
  if (days.total === 0) return null;
  const mean = days.total / days.counts.length;
  const cv = populationStd(days.counts, mean) / mean;
  return Math.min(100, Math.max(0, 100 - 50 * cv));
}

/** (recent − previous) / previous × 100; null when previous is 0. */
const deltaPercent = (recent: number, previous: number): number | null =>
  previous === 0 ? null : ((recent - previous) / previous) * 100;

/** Catalogue #9 on a context: finishAdvancedKpis of its statistics. */
export function advancedKpis(ctx: KernelContext): AdvancedKpisResult {
  return finishAdvancedKpis(stateOf(ctx));
}

/**
 * Catalogue #9. The span is the filtered set's first to last local date with a video.
 * Choices where the catalogue is terse:
 * - newChannelsPerMonth: channels of the filtered set whose first video under the non-time
 *   filters (their first video whatever the window) has a local date within the span,
 *   divided by spanDays / 30.
 * - weekendIntensity: see weekendIntensityOf; top10ChannelShare divides by all filtered
 *   videos (channel-less ones included).
 * - peakWindow: the 3 consecutive local hours (wrapping midnight) with most videos, earliest
 *   start on ties; endHour = (startHour + 3) mod 24, exclusive.
 * - growthNd: non-time filters only; local days today−N+1..today vs today−2N+1..today−N.
 */
export function finishAdvancedKpis(state: ComboState): AdvancedKpisResult {
  const core = state.core();
  const base = state.base();
  const days = dayCountsOf(core);
  const videos = days.total;
  const channels = core.channelCount;
  // Ties at the 10th place do not change the sum, so sorted counts suffice.
  const sorted = core.channelVideos.slice(0, channels).sort();
  let top = 0;
  for (let i = Math.max(0, channels - TOP_SHARE_CHANNELS); i < channels; i++) top += sorted[i] as number;

  let newChannels = 0;
  if (videos > 0) {
    for (let s = 0; s < channels; s++) {
      const d = base.firstDay[core.channelOf[s] as number] as number;
      if (d >= core.firstDay && d <= core.lastDay) newChannels++;
    }
  }

  const hours = core.hours();
  const split = weekSplit(days);
  const t = state.today;
  const growth = (n: number): number | null => deltaPercent(base.count(t - n + 1, t), base.count(t - 2 * n + 1, t - n));
  return {
    repeatChannelShare: channels === 0 ? null : core.repeatChannels / channels,
    newChannelsPerMonth: videos === 0 ? null : newChannels / (days.counts.length / 30),
    top10ChannelShare: videos === 0 ? null : top / videos,
    weekendShare: videos === 0 ? null : split.weekendVideos / videos,
    weekendIntensity: weekendIntensityOf(split),
    consistencyScore: consistencyScoreOf(days),
    peakHour: videos === 0 ? null : peakHourOf(hours),
    peakWindow: videos === 0 ? null : peakWindowOf(hours),
    growth30d: growth(30),
    growth90d: growth(90),
  };
}

/** Hour with most videos, smallest on ties. */
function peakHourOf(hours: Int32Array): number {
  let best = 0;
  for (let h = 1; h < 24; h++) if ((hours[h] as number) > (hours[best] as number)) best = h;
  return best;
}

function peakWindowOf(hours: Int32Array): HourWindow {
  let best = 0;
  let bestSum = -1;
  for (let start = 0; start < 24; start++) {
    let sum = 0;
    for (let i = 0; i < PEAK_WINDOW_HOURS; i++) sum += hours[(start + i) % 24] as number;
    if (sum > bestSum) {
      bestSum = sum;
      best = start;
    }
  }
  return { startHour: best, endHour: (best + PEAK_WINDOW_HOURS) % 24 };
}
