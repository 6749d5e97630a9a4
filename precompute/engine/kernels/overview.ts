import type { KernelContext } from '../context.js';
import type { OverviewResult } from '../results/activity.js';
import { type ComboState, stateOf } from '../state/combo.js';

/** Catalogue #6 on a context: finishOverview of its statistics. */
export function overview(ctx: KernelContext): OverviewResult {
  return finishOverview(stateOf(ctx));
}

/**
 * Catalogue #6. first/lastWatchedAt are the earliest and latest filtered instants; spanDays
 * counts local dates from the smallest to the largest date with a video, both included (0
 * without videos); the per-day ratios are null without videos.
 */
export function finishOverview(state: ComboState): OverviewResult {
  const core = state.core();
  const videos = core.videos;
  const span = videos === 0 ? 0 : core.lastDay - core.firstDay + 1;
  return {
    videos,
    uniqueChannels: core.channelCount,
    firstWatchedAt: videos === 0 ? null : core.minTime,
    lastWatchedAt: videos === 0 ? null : core.maxTime,
    activeDays: core.activeDays,
    spanDays: span,
    videosPerDay: videos === 0 ? null : videos / span,
    videosPerActiveDay: videos === 0 ? null : videos / core.activeDays,
  };
}
