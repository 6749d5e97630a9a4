/**
 * The WatchFilter: validation, canonical form and its key, and evaluation into local-day
 * bounds. Pure; no GraphQL. See ../shared/AGGREGATIONS.md "Filters".
 */
import {
  addMonthsClamped,
  canonicalTimeZone,
  civilFromDays,
  daysFromCivil,
  formatDay,
  isValidTimeZone,
  localDayOf,
  parseLocalDate,
} from './calendar.js';
import { PRODUCTS, type Product, TOPICS, type Topic } from './events.js';

export const TIMEFRAMES = ['ALL', 'MTD', 'QTD', 'YTD', 'LAST_6_MONTHS', 'LAST_12_MONTHS'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
export type ProductFilter = 'ALL' | Product;
export const PRODUCT_FILTERS: readonly ProductFilter[] = ['ALL', ...PRODUCTS];

/** A filter as a client sends it: everything optional. */
export interface WatchFilterInput {
  timeframe?: Timeframe | null;
  range?: { from: string; to: string } | null;
  product?: ProductFilter | null;
  topics?: readonly Topic[] | null;
  channels?: readonly string[] | null;
  timeZone?: string | null;
  includeAds?: boolean | null;
}

/**
 * Canonical filter: defaults filled, arrays sorted and de-duplicated, time zone resolved to
 * the runtime's canonical id (aliases share it: `asia/kolkata`, `Asia/Kolkata` and
 * `Asia/Calcutta` all become ICU's `Asia/Calcutta`).
 * Two filters meaning the same thing are deep-equal and share one `filterKey`.
 * When `range` is set, `timeframe` is `ALL` (range replaces it).
 */
export interface CanonicalFilter {
  timeframe: Timeframe;
  range: { from: string; to: string } | null;
  product: ProductFilter;
  topics: Topic[];
  channels: string[];
  timeZone: string;
  includeAds: boolean;
}

/** A filter that cannot be evaluated; `field` is the input path, e.g. `filter.range.from`. */
export class FilterValidationError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'FilterValidationError';
  }
}

/** Longest accepted channel key and the most channels one filter may name. */
export const MAX_CHANNEL_KEY_LENGTH = 200;
export const MAX_FILTER_CHANNELS = 100;

/**
 * Validates and canonicalises a filter. `viewerTimeZone` is the default zone (itself
 * defaulting to UTC). Throws FilterValidationError naming the field.
 */
export function canonicalizeFilter(input: WatchFilterInput | null | undefined, viewerTimeZone = 'UTC'): CanonicalFilter {
  const f = input ?? {};
  const timeframe = f.timeframe ?? 'ALL';
  if (!TIMEFRAMES.includes(timeframe)) {
    throw new FilterValidationError('filter.timeframe', `expected one of ${TIMEFRAMES.join(', ')}, got ${String(timeframe)}`);
  }
  const product = f.product ?? 'ALL';
  if (!PRODUCT_FILTERS.includes(product)) {
    throw new FilterValidationError('filter.product', `expected one of ${PRODUCT_FILTERS.join(', ')}, got ${String(product)}`);
  }
  const zoneInput = f.timeZone ?? viewerTimeZone;
  if (!isValidTimeZone(zoneInput)) {
    throw new FilterValidationError('filter.timeZone', `unknown IANA time zone "${zoneInput}"`);
  }
  let range: CanonicalFilter['range'] = null;
  if (f.range) {
    const from = parseLocalDate(f.range.from);
    if (from === null) throw new FilterValidationError('filter.range.from', `expected a date YYYY-MM-DD, got "${f.range.from}"`);
    const to = parseLocalDate(f.range.to);
    if (to === null) throw new FilterValidationError('filter.range.to', `expected a date YYYY-MM-DD, got "${f.range.to}"`);
    if (from > to) {
      throw new FilterValidationError('filter.range.from', `must not be after range.to (${f.range.from} > ${f.range.to})`);
    }
    range = { from: formatDay(from), to: formatDay(to) };
  }
  const topics = [...new Set(f.topics ?? [])];
  for (const t of topics) {
    if (!TOPICS.includes(t)) throw new FilterValidationError('filter.topics', `unknown topic ${String(t)}`);
  }
  topics.sort((a, b) => TOPICS.indexOf(a) - TOPICS.indexOf(b));
  const channels = [...new Set(f.channels ?? [])];
  if (channels.length > MAX_FILTER_CHANNELS) {
    throw new FilterValidationError('filter.channels', `at most ${MAX_FILTER_CHANNELS} channels, got ${channels.length}`);
  }
  for (const c of channels) {
    if (typeof c !== 'string' || c.length === 0 || c.length > MAX_CHANNEL_KEY_LENGTH) {
      throw new FilterValidationError('filter.channels', `expected channel keys of 1..${MAX_CHANNEL_KEY_LENGTH} characters`);
    }
  }
  channels.sort();
  return {
    timeframe: range ? 'ALL' : timeframe,
    range,
    product,
    topics,
    channels,
    timeZone: canonicalTimeZone(zoneInput),
    includeAds: f.includeAds ?? false,
  };
}

const keyCache = new WeakMap<CanonicalFilter, string>();

/** Stable string form of a canonical filter (field order fixed). Memoised per filter object: do not mutate one. */
export function filterKey(f: CanonicalFilter): string {
  const cached = keyCache.get(f);
  if (cached !== undefined) return cached;
  const parts = [
    f.range ? `r=${f.range.from}..${f.range.to}` : `tf=${f.timeframe}`,
    `p=${f.product}`,
    `t=${f.topics.join(',')}`,
    `c=${f.channels.map(encodeURIComponent).join(',')}`,
    `tz=${f.timeZone}`,
    `ads=${f.includeAds ? 1 : 0}`,
  ];
  const key = parts.join('|');
  keyCache.set(f, key);
  return key;
}

/** True when the result under this filter depends on "today" beyond its data (relative windows). */
export const isRelativeTimeframe = (f: CanonicalFilter): boolean => f.range === null && f.timeframe !== 'ALL';

/** Inclusive local-day bounds; null = unbounded on that side. */
export interface DayBounds {
  fromDay: number | null;
  toDay: number | null;
}

/** Local day number of "today" in the filter's zone at instant `nowMs`. */
export const todayOf = (f: CanonicalFilter, nowMs: number): number => localDayOf(f.timeZone, nowMs);

/**
 * Day bounds of the filter's time window on local day `today`. Relative timeframes are
 * open-ended (no upper bound), as the catalogue says.
 */
export function timeWindow(f: CanonicalFilter, today: number): DayBounds {
  if (f.range) {
    return { fromDay: parseLocalDate(f.range.from), toDay: parseLocalDate(f.range.to) };
  }
  const d = civilFromDays(today);
  switch (f.timeframe) {
    case 'ALL':
      return { fromDay: null, toDay: null };
    case 'MTD':
      return { fromDay: daysFromCivil(d.year, d.month, 1), toDay: null };
    case 'QTD':
      return { fromDay: daysFromCivil(d.year, Math.floor((d.month - 1) / 3) * 3 + 1, 1), toDay: null };
    case 'YTD':
      return { fromDay: daysFromCivil(d.year, 1, 1), toDay: null };
    case 'LAST_6_MONTHS':
      return { fromDay: addMonthsClamped(today, -6), toDay: null };
    case 'LAST_12_MONTHS':
      return { fromDay: addMonthsClamped(today, -12), toDay: null };
  }
}
