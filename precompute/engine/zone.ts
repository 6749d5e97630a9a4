/**
 * Local calendar columns of a table in one time zone, DST included: one walk over the
 * sorted instants with a ZoneOffsets table (one Intl call per day of span, none per event).
 */
import { civilFromDays, MS_PER_DAY, MS_PER_MINUTE, monthIndexOf, weekdayOfDay, ZoneOffsets } from '../../domain/calendar.js';
import type { EventTable } from './table.js';

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
export function computeZoneFields(table: EventTable, timeZone: string): ZoneFields {
  const n = table.length;
  const day = new Int32Array(n);
  const month = new Int32Array(n);
  const dayOfMonth = new Uint8Array(n);
  const hour = new Uint8Array(n);
  const weekday = new Uint8Array(n);
  let daysMonotone = true;
  if (n > 0) {
    const time = table.time;
    const zone = zoneOffsetsFor(timeZone, time[0] as number, time[n - 1] as number);
    const { starts, offsets } = zone;
    let seg = 0;
    let lastDay = Number.NEGATIVE_INFINITY;
    let i = 0;
    // Rows come in runs sharing one local day and one offset: fill the day fields per run,
    // and only the hour per row.
    while (i < n) {
      const t = time[i] as number;
      while (seg + 1 < starts.length && t >= (starts[seg + 1] as number)) seg++;
      const offsetMs = (offsets[seg] as number) * MS_PER_MINUTE;
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

/** Widest offset table built so far per zone; offsets do not depend on the viewer, so engines share them. */
const offsetTables = new Map<string, { fromMs: number; toMs: number; table: ZoneOffsets }>();

/** A ZoneOffsets covering [fromMs, toMs], reused across engines (one Intl call per day of span is the dominant cost). */
export function zoneOffsetsFor(timeZone: string, fromMs: number, toMs: number): ZoneOffsets {
  const cached = offsetTables.get(timeZone);
  if (cached && cached.fromMs <= fromMs && cached.toMs >= toMs) return cached.table;
  const lo = Math.min(fromMs, cached?.fromMs ?? fromMs);
  const hi = Math.max(toMs, cached?.toMs ?? toMs);
  const table = new ZoneOffsets(timeZone, lo, hi);
  offsetTables.set(timeZone, { fromMs: lo, toMs: hi, table });
  return table;
}
