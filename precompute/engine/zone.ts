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

/** Offsets of a zone over a span: segment i starts at starts[i] (UTC ms; −∞ first) with offsets[i] minutes. */
export interface OffsetSegments {
  readonly starts: readonly number[];
  readonly offsets: readonly number[];
}

/**
 * Local fields of the instants `time[0 … n)` (ascending) in `timeZone`, read from the
 * process-wide offset table of the zone (widened to them when needed). With `capacity` > n the
 * arrays have room for that many rows and the fields are views of their first n.
 */
export function zoneFieldsOfTimes(time: ArrayLike<number>, n: number, timeZone: string, capacity = n): ZoneFields {
  const cap = Math.max(n, capacity);
  const day = new Int32Array(cap).subarray(0, n);
  const month = new Int32Array(cap).subarray(0, n);
  const dayOfMonth = new Uint8Array(cap).subarray(0, n);
  const hour = new Uint8Array(cap).subarray(0, n);
  const weekday = new Uint8Array(cap).subarray(0, n);
  let daysMonotone = true;
  if (n > 0) {
    const zone = zoneOffsetsFor(timeZone, time[0] as number, time[n - 1] as number);
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

/**
 * The local fields of the rows `rows` (ascending) of the instants `time[0 … n)` only: arrays of
 * n elements where only those rows are filled (the others read 0 and must not be read), for a
 * selective filter in a zone without whole-table columns. Costs the rows, not the table.
 * `daysMonotone` is about the given rows (and so about any subsequence of them).
 */
export function zoneFieldsOfRows(time: ArrayLike<number>, n: number, rows: ArrayLike<number>, timeZone: string): ZoneFields {
  const day = new Int32Array(n);
  const month = new Int32Array(n);
  const dayOfMonth = new Uint8Array(n);
  const hour = new Uint8Array(n);
  const weekday = new Uint8Array(n);
  let daysMonotone = true;
  const m = rows.length;
  if (m > 0) {
    const { starts, offsets: minutes } = zoneOffsetsFor(
      timeZone,
      time[rows[0] as number] as number,
      time[rows[m - 1] as number] as number,
    );
    let seg = 0;
    let offsetMs = (minutes[0] as number) * MS_PER_MINUTE;
    let nextStart = starts.length > 1 ? (starts[1] as number) : Number.POSITIVE_INFINITY;
    let lastDay = Number.NaN;
    let mo = 0;
    let dom = 0;
    let wd = 0;
    let lastSeen = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < m; k++) {
      const r = rows[k] as number;
      const t = time[r] as number;
      while (t >= nextStart) {
        seg++;
        offsetMs = (minutes[seg] as number) * MS_PER_MINUTE;
        nextStart = seg + 1 < starts.length ? (starts[seg + 1] as number) : Number.POSITIVE_INFINITY;
      }
      const d = Math.floor((t + offsetMs) / MS_PER_DAY);
      if (d !== lastDay) {
        if (d < lastSeen) daysMonotone = false;
        lastSeen = d;
        lastDay = d;
        const civil = civilFromDays(d);
        mo = monthIndexOf(civil);
        dom = civil.day;
        wd = weekdayOfDay(d);
      }
      day[r] = d;
      month[r] = mo;
      dayOfMonth[r] = dom;
      weekday[r] = wd;
      hour[r] = (t + offsetMs - d * MS_PER_DAY) / MS_PER_HOUR;
    }
  }
  return { timeZone, day, month, dayOfMonth, hour, weekday, daysMonotone };
}

/** Local hour (0..23) of instant `t` in `timeZone`, the same value zoneFieldsOfTimes gives. */
export function localHourOf(timeZone: string, t: number): number {
  return zoneFieldsOfTimes([t], 1, timeZone).hour[0] as number;
}

/** Widest offset table built so far per zone; offsets do not depend on the viewer, so engines share them. */
const offsetTables = new Map<string, { fromMs: number; toMs: number; table: OffsetSegments }>();

/** Later instants an extended table covers beyond what was asked, so appends of "now" extend it once a month. */
const FUTURE_SLACK_MS = 31 * MS_PER_DAY;

/**
 * Offset segments covering [fromMs, toMs], shared by every engine of the process. One Intl call
 * per day of span is the dominant cost, so a table is only ever extended: the days beyond its
 * ends are probed, never the days it already covers.
 */
export function zoneOffsetsFor(timeZone: string, fromMs: number, toMs: number): OffsetSegments {
  const cached = offsetTables.get(timeZone);
  if (cached && cached.fromMs <= fromMs && cached.toMs >= toMs) return cached.table;
  if (!cached) {
    const table = new ZoneOffsets(timeZone, fromMs, toMs);
    offsetTables.set(timeZone, { fromMs, toMs, table });
    return table;
  }
  let { fromMs: lo, toMs: hi, table } = cached;
  if (toMs > hi) {
    const next = Math.max(toMs, hi + FUTURE_SLACK_MS);
    table = joinSegments(table, new ZoneOffsets(timeZone, hi, next), probeStart(hi));
    hi = next;
  }
  if (fromMs < lo) {
    table = joinSegments(new ZoneOffsets(timeZone, fromMs, lo), table, probeStart(lo));
    lo = fromMs;
  }
  offsetTables.set(timeZone, { fromMs: lo, toMs: hi, table });
  return table;
}

/** First instant ZoneOffsets probes for a span starting at fromMs (the UTC day before). */
export const probeStart = (fromMs: number): number => Math.floor(fromMs / MS_PER_DAY) * MS_PER_DAY - MS_PER_DAY;

/**
 * `early`'s segments before `cut`, then `late`'s (whose first segment, from −∞, holds the
 * offset at `cut`). Both are exact where they overlap, so an offset change between the last
 * kept start and `cut` is impossible; a change exactly at `cut` becomes a start there.
 */
export function joinSegments(early: OffsetSegments, late: OffsetSegments, cut: number): OffsetSegments {
  const starts: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < early.starts.length && (early.starts[i] as number) < cut; i++) {
    starts.push(early.starts[i] as number);
    offsets.push(early.offsets[i] as number);
  }
  if (offsets[offsets.length - 1] !== late.offsets[0]) {
    starts.push(starts.length === 0 ? Number.NEGATIVE_INFINITY : cut);
    offsets.push(late.offsets[0] as number);
  }
  for (let i = 1; i < late.starts.length; i++) {
    starts.push(late.starts[i] as number);
    offsets.push(late.offsets[i] as number);
  }
  return { starts, offsets };
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

  /** From the fields of every row (views over arrays that may have spare capacity, see zoneFieldsOfTimes). */
  constructor(
    readonly timeZone: string,
    all: ZoneFields,
  ) {
    this.day = new Int32Array(all.day.buffer);
    this.month = new Int32Array(all.month.buffer);
    this.dayOfMonth = new Uint8Array(all.dayOfMonth.buffer);
    this.hour = new Uint8Array(all.hour.buffer);
    this.weekday = new Uint8Array(all.weekday.buffer);
    this.n = all.day.length;
    // zoneFieldsOfTimes already knows whether days descend anywhere: count only when they do.
    this.descents = all.daysMonotone ? 0 : countDescents(this.day, 0, this.n);
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
