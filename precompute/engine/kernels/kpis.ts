import { previousYearDay } from '../../../domain/calendar.js';
import { type Timeframe, timeWindow } from '../../../domain/filter.js';
import type { KernelContext } from '../context.js';
import type { KpisResult, PeriodComparison } from '../results/kpis.js';
import { type ComboState, stateOf } from '../state/combo.js';

/** Catalogue #1 on a context: finishKpis of its statistics. */
export function kpis(ctx: KernelContext): KpisResult {
  return finishKpis(stateOf(ctx));
}

/**
 * Catalogue #1. estimatedWatchSeconds = the exact integer sum of watch milliseconds / 1000.
 * Periods run from the period's first local day through today (later-dated events excluded) vs
 * the same local dates a year earlier (29 Feb → 28 Feb), both under the non-time filters only:
 * sums of the base selection's videos per day.
 */
export function finishKpis(state: ComboState): KpisResult {
  const core = state.core();
  return {
    videos: core.videos,
    uniqueChannels: core.channelCount,
    estimatedWatchSeconds: core.watchMs / 1000,
    periods: { mtd: period(state, 'MTD'), qtd: period(state, 'QTD'), ytd: period(state, 'YTD') },
  };
}

function period(state: ComboState, timeframe: Timeframe): PeriodComparison {
  const base = state.base();
  const from = timeWindow({ ...state.filter, timeframe, range: null }, state.today).fromDay as number;
  const videos = base.count(from, state.today);
  const previousYearVideos = base.count(previousYearDay(from), previousYearDay(state.today));
  return {
    videos,
    previousYearVideos,
    deltaPercent: previousYearVideos === 0 ? null : ((videos - previousYearVideos) / previousYearVideos) * 100,
  };
}
