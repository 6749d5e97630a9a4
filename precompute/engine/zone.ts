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
    const zone = new ZoneOffsets(timeZone, time[0] as number, time[n - 1] as number);
    const starts = zone.starts;
    let seg = 0;
    let offsetMs = (zone.offsets[0] as number) * MS_PER_MINUTE;
    let nextStart = starts.length > 1 ? (starts[1] as number) : Number.POSITIVE_INFINITY;
    let lastDay = Number.NaN;
    let lastMonth = 0;
    let lastDom = 0;
    let lastWeekday = 0;
    for (let i = 0; i < n; i++) {
      const t = time[i] as number;
      while (t >= nextStart) {
        seg++;
        offsetMs = (zone.offsets[seg] as number) * MS_PER_MINUTE;
        nextStart = seg + 1 < starts.length ? (starts[seg + 1] as number) : Number.POSITIVE_INFINITY;
      }
      const local = t + offsetMs;
      const d = Math.floor(local / MS_PER_DAY);
      if (d !== lastDay) {
        if (d < lastDay) daysMonotone = false;
        const civil = civilFromDays(d);
        lastDay = d;
        lastMonth = monthIndexOf(civil);
        lastDom = civil.day;
        lastWeekday = weekdayOfDay(d);
      }
      day[i] = d;
      month[i] = lastMonth;
      dayOfMonth[i] = lastDom;
      weekday[i] = lastWeekday;
      hour[i] = Math.floor((local - d * MS_PER_DAY) / MS_PER_HOUR);
    }
  }
  return { timeZone, day, month, dayOfMonth, hour, weekday, daysMonotone };
}
