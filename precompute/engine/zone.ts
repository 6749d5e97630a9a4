/**
 * Local calendar columns of a table in one time zone, DST included: one walk over the
 * sorted instants with a ZoneOffsets table (one Intl call per day of span, none per event).
 * ZoneColumns keeps them for a growing table: fields of new rows only, merged in.
 */
import { civilFromDays, MS_PER_DAY, MS_PER_MINUTE, monthIndexOf, weekdayOfDay, ZoneOffsets } from '../../domain/calendar.js';
import { insertSorted, withCapacity } from './state/arrays.js';

const MS_PER_HOUR = 3_600_000;

/** Per-row local fields in `timeZone`. */
export interface ZoneFields {
  readonly timeZone: string;
  /** Local day number (days since 1970-01-01 local). */
  readonly day: Int32Array;
  /** Local month index (year × 12 + month − 1). */
  readonly month: Int32Array;
  /** Local day of month, 1..31. */
  readonly dayOfMonth: Uint8Array;
  /** Local hour, 0..23. */
  readonly hour: Uint8Array;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: Uint8Array;
  /**
   * True when `day` never decreases along the rows (so neither does `month`). False only
   * when an offset change moves the clock back across local midnight (e.g.
   * America/St_Johns fell back from 00:01 to 23:01 until 2010) and rows fall in the repeated hour; kernels then must not assume bucket order (see KernelContext.daySpan).
   */
  readonly daysMonotone: boolean;
}

/** Computes the local fields of every row of `table` in `timeZone` (a valid IANA name). */
export function computeZoneFields(table: { readonly length: number; readonly time: Float64Array }, timeZone: string): ZoneFields {
  return zoneFieldsOfTimes(table.time, table.length, timeZone);
}

/**
 * Local fields of the instants `time[0 … n)` (ascending) in `timeZone`. `offsets`, when given,
 * must cover them; by default the process-wide table of the zone is widened to.
 */
export function zoneFieldsOfTimes(time: ArrayLike<number>, n: number, timeZone: string, offsets?: ZoneOffsets): ZoneFields {
  const day = new Int32Array(n);
  const month = new Int32Array(n);
  const dayOfMonth = new Uint8Array(n);
  const hour = new Uint8Array(n);
  const weekday = new Uint8Array(n);
  let daysMonotone = true;
  if (n > 0) {
    const zone = offsets ?? zoneOffsetsFor(timeZone, time[0] as number, time[n - 1] as number);
    const { starts, offsets: minutes } = zone;
    let seg = 0;
    let lastDay = Number.NEGATIVE_INFINITY;
    let i = 0;
    // Rows come in runs sharing one local day and one offset: fill the day fields per run,
    // and only the hour per row.
    while (i < n) {
      const t = time[i] as number;
      while (seg + 1 < starts.length && t >= (starts[seg + 1] as number)) seg++;
      const offsetMs = (minutes[seg] as number) * MS_PER_MINUTE;
      const d = Math.floor((t + offsetMs) / MS_PER_DAY);
      const dayStart = d * MS_PER_DAY - offsetMs; // UTC instant of local 00:00 under this offset
      const nextOffset = seg + 1 < starts.length ? (starts[seg + 1] as number) : Number.POSITIVE_INFINITY;
      const runEnd = Math.min(nextOffset, dayStart + MS_PER_DAY);
      const first = i;
      // do-while: row `first` is in the run by construction; taking it unconditionally
      // guarantees progress even if rounding put it on the boundary.
      do {
        hour[i] = ((time[i] as number) - dayStart) / MS_PER_HOUR;
        i++;
      } while (i < n && (time[i] as number) < runEnd);
      if (d < lastDay) daysMonotone = false;
      lastDay = d;
      const civil = civilFromDays(d);
      day.fill(d, first, i);
      month.fill(monthIndexOf(civil), first, i);
      dayOfMonth.fill(civil.day, first, i);
      weekday.fill(weekdayOfDay(d), first, i);
    }
  }
  return { timeZone, day, month, dayOfMonth, hour, weekday, daysMonotone };
}

/** Local hour (0..23) of instant `t` in `timeZone`, the same value zoneFieldsOfTimes gives. */
export function localHourOf(timeZone: string, t: number): number {
  return zoneFieldsOfTimes([t], 1, timeZone).hour[0] as number;
}

/** Widest offset table built so far per zone; offsets do not depend on the viewer, so engines share them. */
const offsetTables = new Map<string, { fromMs: number; toMs: number; table: ZoneOffsets }>();

/** Future instants a widened table covers beyond what was asked, so appends of "now" do not rebuild it each time. */
const FUTURE_SLACK_MS = 62 * MS_PER_DAY;

/** A ZoneOffsets covering [fromMs, toMs], reused across engines (one Intl call per day of span is the dominant cost). */
export function zoneOffsetsFor(timeZone: string, fromMs: number, toMs: number): ZoneOffsets {
  const cached = offsetTables.get(timeZone);
  if (cached && cached.fromMs <= fromMs && cached.toMs >= toMs) return cached.table;
  const lo = Math.min(fromMs, cached?.fromMs ?? fromMs);
  const hi = Math.max(toMs, cached?.toMs ?? toMs) + (cached ? FUTURE_SLACK_MS : 0);
  const table = new ZoneOffsets(timeZone, lo, hi);
  offsetTables.set(timeZone, { fromMs: lo, toMs: hi, table });
  return table;
}

/**
 * The local columns of a growing table in one zone: rows appended at the end or inserted in
 * the middle (backfills) get their fields computed alone and merged; `fields()` is a zero-copy
 * view of the first `length` rows, valid until the next change.
 */
export class ZoneColumns {
  private day: Int32Array;
  private month: Int32Array;
  private dayOfMonth: Uint8Array;
  private hour: Uint8Array;
  private weekday: Uint8Array;
  private n: number;
  /** Rows i with day[i] < day[i − 1]: daysMonotone ⟺ 0. */
  private descents = 0;
  private view: ZoneFields | null = null;

  constructor(
    readonly timeZone: string,
    all: ZoneFields,
  ) {
    this.day = all.day;
    this.month = all.month;
    this.dayOfMonth = all.dayOfMonth;
    this.hour = all.hour;
    this.weekday = all.weekday;
    this.n = all.day.length;
    this.descents = countDescents(this.day, 0, this.n);
  }

  get length(): number {
    return this.n;
  }

  fields(): ZoneFields {
    const n = this.n;
    this.view ??= {
      timeZone: this.timeZone,
      day: this.day.subarray(0, n),
      month: this.month.subarray(0, n),
      dayOfMonth: this.dayOfMonth.subarray(0, n),
      hour: this.hour.subarray(0, n),
      weekday: this.weekday.subarray(0, n),
      daysMonotone: this.descents === 0,
    };
    return this.view;
  }

  /**
   * Adds the fields `add` of k new rows: after every old row when `positions` is null, else
   * new row j before old row positions[j] (see insertSorted).
   */
  insert(add: ZoneFields, positions: Uint32Array | null): void {
    const n = this.n;
    const k = add.day.length;
    if (k === 0) return;
    this.day = withCapacity(this.day, n, n + k);
    this.month = withCapacity(this.month, n, n + k);
    this.dayOfMonth = withCapacity(this.dayOfMonth, n, n + k);
    this.hour = withCapacity(this.hour, n, n + k);
    this.weekday = withCapacity(this.weekday, n, n + k);
    if (positions === null) {
      this.day.set(add.day, n);
      this.month.set(add.month, n);
      this.dayOfMonth.set(add.dayOfMonth, n);
      this.hour.set(add.hour, n);
      this.weekday.set(add.weekday, n);
      this.descents += countDescents(this.day, Math.max(1, n), n + k);
    } else {
      insertSorted(this.day, n, positions, add.day);
      insertSorted(this.month, n, positions, add.month);
      insertSorted(this.dayOfMonth, n, positions, add.dayOfMonth);
      insertSorted(this.hour, n, positions, add.hour);
      insertSorted(this.weekday, n, positions, add.weekday);
      // The copy above is O(n) anyway; recount rather than track each broken neighbourhood.
      this.descents = countDescents(this.day, 0, n + k);
    }
    this.n = n + k;
    this.view = null;
  }

  get bytes(): number {
    return (
      this.day.byteLength + this.month.byteLength + this.dayOfMonth.byteLength + this.hour.byteLength + this.weekday.byteLength
    );
  }
}

function countDescents(day: Int32Array, from: number, to: number): number {
  let d = 0;
  for (let i = Math.max(1, from); i < to; i++) if ((day[i] as number) < (day[i - 1] as number)) d++;
  return d;
}
