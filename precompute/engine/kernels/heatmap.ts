import type { KernelContext } from '../context.js';
import type { HeatmapCell } from '../results/patterns.js';

/** Catalogue #4: exactly 168 cells, weekday-major (Sunday 00h, Sunday 01h, … Saturday 23h), local time. */
export function heatmap(ctx: KernelContext): HeatmapCell[] {
  const rows = ctx.selection();
  const { weekday, hour } = ctx.zone;
  const cells = new Int32Array(7 * 24);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as number;
    const cell = (weekday[r] as number) * 24 + (hour[r] as number);
    cells[cell] = (cells[cell] as number) + 1;
  }
  const out: HeatmapCell[] = [];
  for (let i = 0; i < cells.length; i++) out.push({ weekday: Math.floor(i / 24), hour: i % 24, videos: cells[i] as number });
  return out;
}
