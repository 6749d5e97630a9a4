/**
 * Sessions of the filtered selection (catalogue #7), computed once per (context, gap) and
 * shared by every kernel that needs them: sessions, advancedKpis, habits, channelMetrics,
 * channelRelationships. Always reach them through `sessionsOf`, never rebuild them.
 */
import type { KernelContext } from './context.js';

/** The catalogue's default session gap, minutes; habits, channelMetrics and channelRelationships use it. */
export const DEFAULT_GAP_MINUTES = 30;
export const MIN_GAP_MINUTES = 5;
export const MAX_GAP_MINUTES = 240;

/** Sessions as offsets into the filtered rows (no per-session objects). */
export interface Sessions {
  readonly gapMinutes: number;
  /** ctx.selection(): the filtered rows in time order. */
  readonly rows: Uint32Array;
  readonly count: number;
  /** Session s is rows[offsets[s]] … rows[offsets[s + 1] − 1]; length count + 1. */
  readonly offsets: Uint32Array;
}

/**
 * The filtered sessions for a gap in whole minutes (5..240): maximal runs of rows in time
 * order where each follows the previous by at most the gap (inclusive, like the gap of
 * estimatedWatchSeconds). Memoised as `sessions:<gap>`. Throws RangeError on another gap.
 */
export function sessionsOf(ctx: KernelContext, gapMinutes: number = DEFAULT_GAP_MINUTES): Sessions {
  if (!Number.isInteger(gapMinutes) || gapMinutes < MIN_GAP_MINUTES || gapMinutes > MAX_GAP_MINUTES) {
    throw new RangeError(
      `[precompute/engine/sessions] expected gapMinutes ${MIN_GAP_MINUTES}..${MAX_GAP_MINUTES}, got ${gapMinutes}`,
    );
  }
  return ctx.memo(`sessions:${gapMinutes}`, () => buildSessions(ctx.table.time, ctx.selection(), gapMinutes));
}

/** Sessions of `rows` (ascending) for a gap in whole minutes. */
export function buildSessions(time: Float64Array, rows: Uint32Array, gapMinutes: number): Sessions {
  const gapMs = gapMinutes * 60_000;
  const starts = new Uint32Array(rows.length + 1);
  let count = 0;
  let previous = Number.NaN;
  for (let k = 0; k < rows.length; k++) {
    const t = time[rows[k] as number] as number;
    // NaN on the first row: the comparison is false, so it opens a session.
    if (!(t - previous <= gapMs)) starts[count++] = k;
    previous = t;
  }
  starts[count] = rows.length;
  return { gapMinutes, rows, count, offsets: starts.slice(0, count + 1) };
}
