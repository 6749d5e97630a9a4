import type { KernelContext } from '../context.js';
import type { HeatmapCell } from '../results/patterns.js';
import { type ComboState, stateOf } from '../state/combo.js';

/** Catalogue #4 on a context: finishHeatmap of its statistics. */
export function heatmap(ctx: KernelContext): HeatmapCell[] {
  return finishHeatmap(stateOf(ctx));
}

/** Catalogue #4: exactly 168 cells, weekday-major (Sunday 00h, Sunday 01h, … Saturday 23h), local time. */
export function finishHeatmap(state: ComboState): HeatmapCell[] {
  const cells = state.core().weekHour;
  const out: HeatmapCell[] = [];
  for (let i = 0; i < cells.length; i++) out.push({ weekday: Math.floor(i / 24), hour: i % 24, videos: cells[i] as number });
  return out;
}
