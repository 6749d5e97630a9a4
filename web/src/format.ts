/** Numbers in the browser's locale, times in the filter's zone. One formatter per kind and zone, made once. */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const memo = <T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T => {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
};

export type NumberKind = 'int' | 'float' | 'share' | 'percent' | 'seconds' | 'hour' | 'weekday' | 'monthOfYear';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6].map((d) => Date.UTC(2023, 0, 1 + d)); // 2023-01-01 was a Sunday

export function formatNumber(value: number | null | undefined, kind: NumberKind = 'int'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (kind) {
    case 'int':
      return memo('int', () => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })).format(value);
    case 'float':
      return memo('float', () => new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })).format(value);
    case 'share':
      return memo('share', () => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })).format(value);
    case 'percent':
      return memo(
        'percent',
        () => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
      ).format(value / 100);
    case 'seconds':
      return memo(
        'hours',
        () => new Intl.NumberFormat(undefined, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 }),
      ).format(value / 3600);
    case 'hour':
      return `${String(value).padStart(2, '0')}:00`;
    case 'weekday':
      return weekdayName(value);
    case 'monthOfYear':
      return memo('moy', () => new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' })).format(
        Date.UTC(2023, value - 1, 1),
      );
  }
}

export function weekdayName(weekday: number, width: 'short' | 'long' = 'short'): string {
  return memo(`wd-${width}`, () => new Intl.DateTimeFormat(undefined, { weekday: width, timeZone: 'UTC' })).format(
    WEEKDAYS[weekday] ?? 0,
  );
}

/** An instant (ISO string) as a date and time in `timeZone`. */
export function formatInstant(iso: string | null | undefined, timeZone: string, style: 'datetime' | 'time' = 'datetime'): string {
  if (!iso) return '—';
  const options: Intl.DateTimeFormatOptions =
    style === 'time' ? { timeStyle: 'short', timeZone } : { dateStyle: 'medium', timeStyle: 'short', timeZone };
  return memo(`dt-${style}-${timeZone}`, () => new Intl.DateTimeFormat(undefined, options)).format(Date.parse(iso));
}

/** A `YYYY-MM` month. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return memo('month', () => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', timeZone: 'UTC' })).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, 1),
  );
}

/** A `YYYY-MM-DD` local date. */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return memo('date', () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1),
  );
}

/** Seconds since the epoch (uPlot's x unit) of a month or a date, read as UTC. */
export function epochSeconds(dateOrMonth: string): number {
  const [y, m, d] = dateOrMonth.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000;
}

export const TOPIC_LABELS: Record<string, string> = {
  COOKING: 'Cooking',
  EDUCATION: 'Education',
  ENTERTAINMENT: 'Entertainment',
  FINANCE: 'Finance',
  GAMING: 'Gaming',
  MUSIC: 'Music',
  NEWS: 'News',
  OTHER: 'Other',
  POLITICS: 'Politics',
  SCIENCE: 'Science',
  SPORTS: 'Sports',
  TECHNOLOGY: 'Technology',
  TRAVEL: 'Travel',
};
export const topicLabel = (t: string) => TOPIC_LABELS[t] ?? t;
