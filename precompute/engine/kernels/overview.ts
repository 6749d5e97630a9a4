import type { KernelContext } from '../context.js';
import type { OverviewResult } from '../results/activity.js';
import { channelVideos } from './channelMetrics.js';
import { dayCounts } from './dailyStats.js';

/**
 * Catalogue #6. first/lastWatchedAt are the earliest and latest filtered instants; spanDays
 * counts local dates from the smallest to the largest date with a video, both included (0
 * without videos); the per-day ratios are null without videos.
 */
export function overview(ctx: KernelContext): OverviewResult {
  const rows = ctx.selection();
  const { counts, activeDays } = dayCounts(ctx);
  const videos = rows.length;
  let uniqueChannels = 0;
  for (const v of channelVideos(ctx)) if (v !== 0) uniqueChannels++;
  const time = ctx.table.time;
  return {
    videos,
    uniqueChannels,
    firstWatchedAt: videos === 0 ? null : (time[rows[0] as number] as number),
    lastWatchedAt: videos === 0 ? null : (time[rows[videos - 1] as number] as number),
    activeDays,
    spanDays: counts.length,
    videosPerDay: videos === 0 ? null : videos / counts.length,
    videosPerActiveDay: videos === 0 ? null : videos / activeDays,
  };
}
