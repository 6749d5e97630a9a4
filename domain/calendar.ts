/**
 * Calendar arithmetic on local dates, independent of the server's time zone.
 * A "day number" is days since 1970-01-01 (local), a "month index" is year × 12 + (month − 1).
 */

export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;

/** A local calendar date. `month` is 1..12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Day number of a civil date (proleptic Gregorian); Howard Hinnant's algorithm. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number. */
export function civilFromDays(days: number): LocalDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOfDay = (days: number): number => (((days + 4) % 7) + 7) % 7;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

export const monthIndexOf = (d: LocalDate): number => d.year * 12 + (d.month - 1);

export const monthIndexOfDay = (days: number): number => monthIndexOf(civilFromDays(days));

/** `YYYY-MM` of a month index. */
export function formatMonth(monthIndex: number): string {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(days: number): string {
  const d = civilFromDays(days);
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` string, or null when it is not a real date. */
export function parseLocalDate(text: string): number | null {
  const m = LOCAL_DATE_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/**
 * The same local date shifted by whole months, the day clamped to the target month's length
 * (31 March − 1 month → 28/29 February).
 */
export function addMonthsClamped(days: number, months: number): number {
  const d = civilFromDays(days);
  const mi = monthIndexOf(d) + months;
  const year = Math.floor(mi / 12);
  const month = mi - year * 12 + 1;
  return daysFromCivil(year, month, Math.min(d.day, daysInMonth(year, month)));
}

/** Same local date one year earlier; 29 February → 28 February. */
export const previousYearDay = (days: number): number => addMonthsClamped(days, -12);

// ---------------------------------------------------------------------------------------
// Time zones

const formatterCache = new Map<string, Intl.DateTimeFormat>();

// Keyed case-insensitively (zone names are): case variants of a name share one entry, so a
// client cannot grow the caches by sending `eUrOpE/pArIs` spellings.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const key = timeZone.toLowerCase();
  let f = formatterCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatterCache.set(key, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The runtime's canonical spelling of a zone (`utc` → `UTC`, `europe/paris` → `Europe/Paris`). */
export function canonicalTimeZone(timeZone: string): string {
  const key = timeZone.toLowerCase();
  let canonical = canonicalCache.get(key);
  if (canonical === undefined) {
    canonical = formatterFor(timeZone).resolvedOptions().timeZone;
    canonicalCache.set(key, canonical);
  }
  return canonical;
}
const canonicalCache = new Map<string, string>();

/** Offset (local − UTC) in whole minutes of `timeZone` at instant `ms`. */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value === 'BC' || p.value === 'B';
        break;
    }
  }
  if (bc) year = 1 - year;
  const localMs = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  const utcSecondsFloor = Math.floor(ms / 1000) * 1000;
  return Math.round((localMs - utcSecondsFloor) / MS_PER_MINUTE);
}

/**
 * Formatters that print only a year and the zone's exact offset (`GMT-03:06:28`, `GMT`), keyed
 * like formatterFor. `format` is about 6× cheaper than the formatToParts of zoneOffsetMinutes,
 * and two instants have the same offset exactly when the text after `GMT` is the same.
 */
const offsetLabelCache = new Map<string, Intl.DateTimeFormat>();

/** The offset of `timeZone` at `ms` as text, to compare (never parsed). */
export function offsetLabel(timeZone: string, ms: number): string {
  const key = timeZone.toLowerCase();
  let f = offsetLabelCache.get(key);
  if (!f) {
    // A year and the offset: the fewest fields print fastest (~1.2 µs); only the offset is compared.
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', timeZoneName: 'longOffset' });
    offsetLabelCache.set(key, f);
  }
  const text = f.format(ms);
  return text.slice(text.lastIndexOf('GMT'));
}

/**
 * Piecewise-constant offset table of a zone over a span: `starts[i]` (UTC ms) begins a
 * segment with `offsets[i]` minutes. Built with one Intl call per day (the offset's text,
 * offsetLabel) plus a binary search to the minute on the days whose offset changes, so
 * converting n sorted instants costs O(n + days). A change of the offset's text that leaves
 * the whole-minute offset the same (seconds of a local mean time) starts no segment.
 */
export class ZoneOffsets {
  readonly starts: number[] = [];
  readonly offsets: number[] = [];

  constructor(
    readonly timeZone: string,
    fromMs: number,
    toMs: number,
  ) {
    const first = Math.floor(fromMs / MS_PER_DAY) * MS_PER_DAY - MS_PER_DAY;
    const last = Math.floor(toMs / MS_PER_DAY) * MS_PER_DAY + 2 * MS_PER_DAY;
    let prevT = first;
    let prevLabel = offsetLabel(timeZone, first);
    let prev = zoneOffsetMinutes(timeZone, first);
    this.starts.push(Number.NEGATIVE_INFINITY);
    this.offsets.push(prev);
    for (let t = first + MS_PER_DAY; t <= last; t += MS_PER_DAY) {
      const label = offsetLabel(timeZone, t);
      if (label !== prevLabel) {
        // Transition in (prevT, t]: find the first minute with another offset.
        let lo = prevT;
        let hi = t;
        while (hi - lo > MS_PER_MINUTE) {
          const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
          if (offsetLabel(timeZone, mid) === prevLabel) lo = mid;
          else hi = mid;
        }
        const off = zoneOffsetMinutes(timeZone, t);
        if (off !== prev) {
          this.starts.push(hi);
          this.offsets.push(off);
          prev = off;
        }
        prevLabel = label;
      }
      prevT = t;
    }
  }

  /** Offset in minutes at `ms` (binary search; callers iterating sorted instants may walk instead). */
  offsetAt(ms: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= ms) lo = mid;
      else hi = mid - 1;
    }
    return this.offsets[lo] as number;
  }
}

/** Local day number of instant `ms` in `timeZone`. */
export function localDayOf(timeZone: string, ms: number): number {
  return Math.floor((ms + zoneOffsetMinutes(timeZone, ms) * MS_PER_MINUTE) / MS_PER_DAY);
}

/**
 * UTC instant of local midnight starting `days` in `timeZone`. When midnight is skipped by a
 * DST jump, the first instant of that local day.
 */
export function startOfLocalDay(timeZone: string, days: number): number {
  const guess = days * MS_PER_DAY;
  // Two fixed-point iterations settle every real-world zone (offset changes at most once a day).
  let t = guess - zoneOffsetMinutes(timeZone, guess) * MS_PER_MINUTE;
  t = guess - zoneOffsetMinutes(timeZone, t) * MS_PER_MINUTE;
  if (localDayOf(timeZone, t) < days) {
    // Midnight does not exist (spring forward at 00:00): walk to the first minute of the day.
    while (localDayOf(timeZone, t) < days) t += 15 * MS_PER_MINUTE;
    while (localDayOf(timeZone, t - MS_PER_MINUTE) === days) t -= MS_PER_MINUTE;
  } else {
    while (localDayOf(timeZone, t - MS_PER_MINUTE) === days) t -= MS_PER_MINUTE;
  }
  return t;
}
