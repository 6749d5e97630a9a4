import { formatMonth } from '../../../domain/calendar.js';
import type { KernelContext } from '../context.js';
import type { MonthlyTrendPoint } from '../results/kpis.js';
import { type ComboState, stateOf } from '../state/combo.js';

/** Catalogue #2 on a context: finishMonthlyTrend of its statistics. */
export function monthlyTrend(ctx: KernelContext): MonthlyTrendPoint[] {
  return finishMonthlyTrend(stateOf(ctx));
}

/**
 * Catalogue #2: one point per local month from the first to the last month with data,
 * ascending, zero months included; seconds = the month's exact sum of watch ms / 1000.
 */
export function finishMonthlyTrend(state: ComboState): MonthlyTrendPoint[] {
  const core = state.core();
  const out: MonthlyTrendPoint[] = [];
  if (core.videos === 0) return out;
  for (let m = core.firstMonth; m <= core.lastMonth; m++) {
    out.push({
      month: formatMonth(m),
      videos: core.months.get(m),
      uniqueChannels: core.monthChannels.get(m),
      estimatedWatchSeconds: core.monthWatchMs.get(m) / 1000,
    });
  }
  return out;
}
