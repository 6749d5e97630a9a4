/**
 * ComboState: the maintained statistics of one filter on one local "today", from which merged
 * aggregations are finished. Two sources give the same statistics: a KernelContext (built from
 * its rows on first use, memoised in the context) and a LiveEngine (built once, then kept up to
 * date by every append). Finishers read only this interface, so a from-scratch result and an
 * incrementally maintained one are the same computation on the same integers.
 */
import type { CanonicalFilter, DayBounds } from '../../../domain/filter.js';
import type { KernelContext } from '../context.js';
import { DEFAULT_GAP_MINUTES, sessionsOf } from '../sessions.js';
import type { EventTable } from '../table.js';
import { BaseStats } from './base.js';
import { CoreStats } from './core.js';
import { SessionStats } from './sessions.js';

export interface ComboState {
  readonly filter: CanonicalFilter;
  /** Local day number of "today" in filter.timeZone. */
  readonly today: number;
  /** The filter's time window on `today` (timeWindow of domain/filter.ts). */
  readonly window: DayBounds;
  /** The rows' table: the channel dictionary (titles, URLs) and the stored-event counts. */
  readonly table: EventTable;
  /** Counters of the filtered videos. */
  core(): CoreStats;
  /** Sessions of the filtered videos with the default 30-minute gap. */
  sessions(): SessionStats;
  /** Counters of the videos under the non-time filters only. */
  base(): BaseStats;
  /** The filtered rows, ascending (for finishers that rescan, e.g. when a kept count no longer applies). */
  selection(): Uint32Array;
}

/** Memo key of a context's CoreStats. */
export const CORE_MEMO = 'live:core';

/** Statistics built from a context's rows, each part on first use (memoised in the context). */
class ContextState implements ComboState {
  readonly filter: CanonicalFilter;
  readonly today: number;
  readonly window: DayBounds;
  readonly table: EventTable;

  constructor(private readonly ctx: KernelContext) {
    this.filter = ctx.filter;
    this.today = ctx.today;
    this.window = ctx.window;
    this.table = ctx.table;
  }

  core(): CoreStats {
    const ctx = this.ctx;
    return ctx.memo(CORE_MEMO, () => CoreStats.build(ctx.table, ctx.zone, ctx.selection()));
  }

  sessions(): SessionStats {
    return sessionStatsOf(this.ctx, DEFAULT_GAP_MINUTES);
  }

  base(): BaseStats {
    const ctx = this.ctx;
    return ctx.memo('live:base', () => BaseStats.build(ctx.table, ctx.zone.day, ctx.baseSelection()));
  }

  selection(): Uint32Array {
    return this.ctx.selection();
  }
}

/** The statistics of a context (a LiveEngine's context answers with its maintained ones). Memoised as `live:state`. */
export function stateOf(ctx: KernelContext): ComboState {
  return ctx.memo('live:state', () => new ContextState(ctx));
}

/** Session statistics of a context for a gap (5..240 minutes, else RangeError). Memoised as `sessions:<gap>:live`. */
export function sessionStatsOf(ctx: KernelContext, gapMinutes: number): SessionStats {
  const s = sessionsOf(ctx, gapMinutes); // validates the gap; memoised
  return ctx.memo(`sessions:${gapMinutes}:live`, () => SessionStats.fromSessions(s, ctx.table, ctx.zone.hour));
}
