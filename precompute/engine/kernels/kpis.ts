import { previousYearDay } from '../../../domain/calendar.js';
import { type Timeframe, timeWindow } from '../../../domain/filter.js';
import type { KernelContext } from '../context.js';
import type { KpisResult, PeriodComparison } from '../results/kpis.js';
import { distinctChannels, sumWatchSeconds } from './common.js';

/**
 * Catalogue #1. Periods run from the period's first local day through today (later-dated
 * events excluded) vs the same local dates a year earlier (29 Feb → 28 Feb), both under
 * the non-time filters only.
 */
export function kpis(ctx: KernelContext): KpisResult {
  const rows = ctx.selection();
  return {
    videos: rows.length,
    uniqueChannels: distinctChannels(ctx, rows),
    estimatedWatchSeconds: sumWatchSeconds(ctx, rows),
    periods: { mtd: period(ctx, 'MTD'), qtd: period(ctx, 'QTD'), ytd: period(ctx, 'YTD') },
  };
}

function period(ctx: KernelContext, timeframe: Timeframe): PeriodComparison {
  const base = ctx.baseSelection();
  const from = timeWindow({ ...ctx.filter, timeframe, range: null }, ctx.today).fromDay as number;
  const videos = ctx.daySpan(base, from, ctx.today).length;
  const previousYearVideos = ctx.daySpan(base, previousYearDay(from), previousYearDay(ctx.today)).length;
  return {
    videos,
    previousYearVideos,
    deltaPercent: previousYearVideos === 0 ? null : ((videos - previousYearVideos) / previousYearVideos) * 100,
  };
}
