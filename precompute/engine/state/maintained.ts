/**
 * The statistics a LiveEngine keeps per (non-time filter, zone, day window) — the selection's
 * rows, CoreStats and, once asked for, the 30-minute SessionStats — and per (non-time filter,
 * zone) the BaseStats, with the maintenance step that applies one append to them.
 */
import type { CanonicalFilter, DayBounds } from '../../../domain/filter.js';
import { RowMatcher } from '../selection.js';
import { buildSessions, DEFAULT_GAP_MINUTES } from '../sessions.js';
import type { EventTable, TableChange } from '../table.js';
import type { ZoneFields } from '../zone.js';
import { mergeRows, remapRows, withSlack } from './arrays.js';
import type { BaseStats } from './base.js';
import { CoreStats } from './core.js';
import { SessionStats } from './sessions.js';

/** Local fields, in one zone, of an append's new rows and of its re-estimated old rows. */
export interface ZoneDelta {
  /** Aligned with TableChange.inserted. */
  readonly inserted: ZoneFields;
  /** Aligned with TableChange.rewatched. */
  readonly rewatched: ZoneFields;
}

/** What maintaining one statistics object read and changed. */
export interface Maintained {
  scanned: number;
  changed: boolean;
}

const inWindow = (d: number, w: DayBounds): boolean =>
  (w.fromDay === null || d >= w.fromDay) && (w.toDay === null || d <= w.toDay);

/** The maintained statistics of one selection: a filter's non-time part in its zone over a fixed day window. */
export class SelectionStats {
  readonly matcher: RowMatcher;
  /** The selection: ascending row numbers, rows[0 … m). */
  rows: Uint32Array;
  m: number;
  readonly core: CoreStats;
  sessions: SessionStats | null = null;

  constructor(
    /** Representative filter (its time fields are not used: `window` is). */
    readonly filter: CanonicalFilter,
    readonly window: DayBounds,
    /** Key of the BaseStats of the same non-time filter and zone. */
    readonly baseKey: string,
    table: EventTable,
    zone: ZoneFields,
    rows: Uint32Array,
  ) {
    this.matcher = new RowMatcher(filter);
    this.rows = new Uint32Array(withSlack(rows.length));
    this.rows.set(rows);
    this.m = rows.length;
    this.core = CoreStats.build(table, zone, rows);
  }

  /** The selection as a zero-copy view (valid until the next append). */
  selection(): Uint32Array {
    return this.rows.subarray(0, this.m);
  }

  /** The 30-minute sessions, built from the rows on first use and maintained from then on. */
  sessionStats(table: EventTable, hourOfRow: () => Uint8Array): SessionStats {
    this.sessions ??= SessionStats.fromSessions(
      buildSessions(table.time, this.selection(), DEFAULT_GAP_MINUTES),
      table,
      hourOfRow(),
    );
    return this.sessions;
  }

  /**
   * Applies an append: renumbers the rows, adds the new rows that pass the filter and the
   * window, corrects sums for re-estimated rows, re-forms the sessions near the new instants.
   */
  maintain(table: EventTable, change: TableChange, zone: ZoneDelta, hourOf: (t: number) => number): Maintained {
    const { inserted, positions, rewatched, previousWatchMs } = change;
    const keys = table.channels.keys;
    if (positions !== null) remapRows(this.rows, this.m, positions);
    let scanned = 0;
    const add: number[] = [];
    const addHour: number[] = [];
    const { day, month, dayOfMonth, hour, weekday } = zone.inserted;
    for (let j = 0; j < inserted.length; j++) {
      const r = inserted[j] as number;
      scanned++;
      if (!this.matcher.row(table, r)) continue;
      const d = day[j] as number;
      if (!inWindow(d, this.window)) continue;
      this.core.add(table, r, d, month[j] as number, dayOfMonth[j] as number, hour[j] as number, weekday[j] as number);
      add.push(r);
      addHour.push(hour[j] as number);
    }
    let changed = add.length > 0;
    for (let i = 0; i < rewatched.length; i++) {
      const r = rewatched[i] as number;
      scanned++;
      if (
        !this.matcher.matches(
          table.product[r] as number,
          table.topics[r] as number,
          table.channel[r] as number,
          table.isAd[r] as number,
          keys,
        )
      )
        continue;
      if (!inWindow(zone.rewatched.day[i] as number, this.window)) continue;
      this.core.adjustWatch(
        zone.rewatched.month[i] as number,
        table.channel[r] as number,
        (table.watchMs[r] as number) - (previousWatchMs[i] as number),
      );
      changed = true;
    }
    if (add.length > 0) {
      const rows = Uint32Array.from(add);
      const plan = this.sessions?.prepare(table, this.rows, this.m, rows, addHour);
      this.rows = mergeRows(this.rows, this.m, rows);
      this.m += rows.length;
      if (plan && this.sessions) scanned += this.sessions.apply(plan, table, this.rows, this.m, rows, hourOf);
    }
    return { scanned, changed };
  }

  /** Typed arrays' bytes: the rows (with spare capacity), the counters, the sessions. */
  get bytes(): number {
    return this.rows.byteLength + this.core.bytes + (this.sessions?.bytes ?? 0);
  }
}

/** Adds an append's new rows that pass `matcher` to a BaseStats. */
export function maintainBase(
  base: BaseStats,
  matcher: RowMatcher,
  table: EventTable,
  change: TableChange,
  zone: ZoneDelta,
): Maintained {
  const { inserted } = change;
  let changed = false;
  for (let j = 0; j < inserted.length; j++) {
    const r = inserted[j] as number;
    if (!matcher.row(table, r)) continue;
    base.add(table, r, zone.inserted.day[j] as number);
    changed = true;
  }
  return { scanned: inserted.length, changed };
}
