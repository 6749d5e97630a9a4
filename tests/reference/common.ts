/**
 * Plain, obviously-correct helpers for reference implementations of the catalogue
 * (../shared/AGGREGATIONS.md): arrays of event objects, local fields via Intl per event,
 * local dates as `YYYY-MM-DD` strings (which sort like dates). Slow on purpose; independent
 * of domain/calendar.ts and precompute/filter.ts so it can catch their mistakes too.
 */
import { TOPICS, type Topic, type WatchEvent } from '../../domain/events.js';
import type { CanonicalFilter } from '../../domain/filter.js';

/** Local calendar fields of an instant. */
export interface LocalFields {
  /** YYYY-MM-DD */
  date: string;
  /** YYYY-MM */
  month: string;
  year: number;
  /** 1..12 */
  monthNumber: number;
  /** 1..31 */
  day: number;
  /** 0..23 */
  hour: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local fields of instant `ms` (epoch ms) in IANA zone `timeZone`, straight from Intl. */
export function localFields(timeZone: string, ms: number): LocalFields {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year);
  const monthNumber = Number(parts.month);
  const day = Number(parts.day);
  return {
    date: `${pad(year, 4)}-${pad(monthNumber)}-${pad(day)}`,
    month: `${pad(year, 4)}-${pad(monthNumber)}`,
    year,
    monthNumber,
    day,
    hour: Number(parts.hour),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** Date parts of a `YYYY-MM-DD` string. */
export function parseDate(date: string): { year: number; month: number; day: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { year: y as number, month: m as number, day: d as number };
}

/** `YYYY-MM-DD` of a (possibly overflowing) civil date, normalised by Date.UTC. */
export function makeDate(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year, month - 1, day);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The date `n` days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  const { year, month, day } = parseDate(date);
  return makeDate(year, month, day + n);
}

/** Number of days in a month. */
export function monthLength(year: number, month: number): number {
  return Number(makeDate(year, month + 1, 0).slice(8));
}

/** The same day-of-month `n` months after `date`, clamped to the target month's length. */
export function addMonthsClamped(date: string, n: number): string {
  const { year, month, day } = parseDate(date);
  const target = makeDate(year, month + n, 1);
  const t = parseDate(target);
  return makeDate(t.year, t.month, Math.min(day, monthLength(t.year, t.month)));
}

/** Same local date a year earlier; 29 February → 28 February. */
export const previousYear = (date: string): string => addMonthsClamped(date, -12);

/** `YYYY-MM` of the month after `month`. */
export const nextMonth = (month: string): string =>
  makeDate(Number(month.slice(0, 4)), Number(month.slice(5)) + 1, 1).slice(0, 7);

/** Inclusive local date bounds (`YYYY-MM-DD`), null = unbounded. */
export interface DateWindow {
  from: string | null;
  to: string | null;
}

/** The filter's time window on local date `today`, from the catalogue's words. */
export function windowOf(filter: CanonicalFilter, today: string): DateWindow {
  if (filter.range) return { from: filter.range.from, to: filter.range.to };
  const { year, month } = parseDate(today);
  switch (filter.timeframe) {
    case 'ALL':
      return { from: null, to: null };
    case 'MTD':
      return { from: makeDate(year, month, 1), to: null };
    case 'QTD':
      return { from: makeDate(year, [1, 1, 1, 4, 4, 4, 7, 7, 7, 10, 10, 10][month - 1] as number, 1), to: null };
    case 'YTD':
      return { from: makeDate(year, 1, 1), to: null };
    case 'LAST_6_MONTHS':
      return { from: addMonthsClamped(today, -6), to: null };
    case 'LAST_12_MONTHS':
      return { from: addMonthsClamped(today, -12), to: null };
  }
}

export const inWindow = (date: string, w: DateWindow): boolean =>
  (w.from === null || date >= w.from) && (w.to === null || date <= w.to);

/** Timeline order: watchedAt, then event id (code-unit order). */
export const byTimeThenId = (a: WatchEvent, b: WatchEvent): number =>
  (a.watchedAt as number) - (b.watchedAt as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** An event the aggregations can see, with its local fields and estimated seconds. */
export interface RefEvent extends WatchEvent {
  watchedAt: number;
  local: LocalFields;
  /** estimatedWatchSeconds × 1000: whole milliseconds, so sums of it are exact. */
  watchMs: number;
  topicList: Topic[];
}

/**
 * estimatedWatchSeconds, in milliseconds, by event id for every dated WATCHED event: the next
 * non-ad event on the timeline (dated non-ad WATCHED events by time then id) within 30 minutes
 * (inclusive) gives min(gap, 1800 s), else 300 s. Ads use the next non-ad event after them.
 * Instants are whole milliseconds, so every estimate is an integer and a sum of estimates is
 * exact in any order: a total in seconds is that sum / 1000.
 */
export function estimatedWatchMs(events: readonly WatchEvent[]): Map<string, number> {
  const dated = events.filter((e) => e.kind === 'WATCHED' && e.watchedAt !== null).sort(byTimeThenId);
  const out = new Map<string, number>();
  for (let i = 0; i < dated.length; i++) {
    const e = dated[i] as WatchEvent;
    const next = dated.slice(i + 1).find((x) => !x.isAd);
    const gapMs = next ? (next.watchedAt as number) - (e.watchedAt as number) : Number.POSITIVE_INFINITY;
    out.set(e.id, gapMs <= 30 * 60_000 ? Math.min(gapMs, 1_800_000) : 300_000);
  }
  return out;
}

/** Most recent non-empty channelTitle per key over dated WATCHED events (ads included); fallback: key minus `title:`. */
export function channelTitles(events: readonly WatchEvent[]): Map<string, string> {
  const titles = new Map<string, string>();
  const dated = events.filter((e) => e.kind === 'WATCHED' && e.watchedAt !== null).sort(byTimeThenId);
  for (const e of dated) {
    if (e.channelKey === null) continue;
    if (e.channelTitle) titles.set(e.channelKey, e.channelTitle);
    else if (!titles.has(e.channelKey)) titles.set(e.channelKey, e.channelKey.replace(/^title:/, ''));
  }
  return titles;
}

/** The non-time filters: product, topics any-of, channels any-of, includeAds. */
export function matchesNonTime(e: WatchEvent, filter: CanonicalFilter): boolean {
  if (e.isAd && !filter.includeAds) return false;
  if (filter.product !== 'ALL' && e.product !== filter.product) return false;
  if (filter.topics.length > 0 && !filter.topics.some((t) => (e.topics & (1 << TOPICS.indexOf(t))) !== 0)) return false;
  if (filter.channels.length > 0 && (e.channelKey === null || !filter.channels.includes(e.channelKey))) return false;
  return true;
}

/** Everything a reference aggregation needs for one (events, filter, now). */
export interface RefInput {
  filter: CanonicalFilter;
  /** Local date of now in filter.timeZone. */
  today: string;
  window: DateWindow;
  /** Visible events (dated, WATCHED, ads per includeAds) passing the non-time filters, timeline order. */
  nonTime: RefEvent[];
  /** nonTime within the time window. */
  filtered: RefEvent[];
  channelTitle: (key: string) => string;
}

/** Prepares the reference view of `events` under `filter` at instant `nowMs`. */
export function prepare(events: readonly WatchEvent[], filter: CanonicalFilter, nowMs: number): RefInput {
  const watchMs = estimatedWatchMs(events);
  const titles = channelTitles(events);
  const today = localFields(filter.timeZone, nowMs).date;
  const window = windowOf(filter, today);
  const nonTime: RefEvent[] = events
    .filter((e) => e.kind === 'WATCHED' && e.watchedAt !== null && matchesNonTime(e, filter))
    .sort(byTimeThenId)
    .map((e) => ({
      ...e,
      watchedAt: e.watchedAt as number,
      local: localFields(filter.timeZone, e.watchedAt as number),
      watchMs: watchMs.get(e.id) as number,
      topicList: TOPICS.filter((_, i) => (e.topics & (1 << i)) !== 0),
    }));
  return {
    filter,
    today,
    window,
    nonTime,
    filtered: nonTime.filter((e) => inWindow(e.local.date, window)),
    channelTitle: (key) => titles.get(key) as string,
  };
}
