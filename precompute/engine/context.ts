/**
 * KernelContext: the table seen through one canonical filter on one local "today".
 * See ./README.md for how to write a kernel against it.
 */
import type { CanonicalFilter, DayBounds } from '../../domain/filter.js';
import { timeWindow } from '../../domain/filter.js';
import { selectNonTime } from './selection.js';
import type { EventTable } from './table.js';
import type { ZoneFields } from './zone.js';

/**
 * A memoising view of the table under one filter. Everything is lazy and computed at most
 * once per context; a context is cheap to create and meant to serve every aggregation of
 * one (filter, today). Kernels must depend only on `today`, never on the wall clock.
 */
export class KernelContext {
  /** Inclusive local-day bounds of the filter's time window (timeWindow of filter.ts). */
  readonly window: DayBounds;
  private zoneFields: ZoneFields | undefined;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly table: EventTable,
    readonly filter: CanonicalFilter,
    /** Local day number of "today" in filter.timeZone. */
    readonly today: number,
    private readonly zoneOf: (timeZone: string) => ZoneFields,
    /**
     * Values a memo key may take from elsewhere before being computed (a LiveEngine passes its
     * maintained selection and statistics); undefined means "compute it".
     */
    private readonly primer?: (key: string) => unknown,
  ) {
    this.window = timeWindow(filter, today);
  }

  /** Local calendar columns (day, month, dayOfMonth, hour, weekday) in filter.timeZone. */
  get zone(): ZoneFields {
    this.zoneFields ??= this.zoneOf(this.filter.timeZone);
    return this.zoneFields;
  }

  /** Rows (ascending = time order) matching the whole filter. Do not mutate. */
  selection(): Uint32Array {
    return this.memo('engine:selection', () => this.daySpan(this.baseSelection(), this.window.fromDay, this.window.toDay));
  }

  /** Rows matching the non-time filters only (product, topics, channels, includeAds); for "previous"/"recent" windows. */
  baseSelection(): Uint32Array {
    return this.memo('engine:base', () => selectNonTime(this.table, this.filter));
  }

  /**
   * The rows of `rows` (ascending) whose local day is in [fromDay, toDay] (null = unbounded).
   * A zero-copy subarray found by binary search when local days are monotone, else a copy.
   */
  daySpan(rows: Uint32Array, fromDay: number | null, toDay: number | null): Uint32Array {
    if (fromDay === null && toDay === null) return rows;
    const lo = fromDay ?? Number.NEGATIVE_INFINITY;
    const hi = toDay ?? Number.POSITIVE_INFINITY;
    const day = this.zone.day;
    if (!this.zone.daysMonotone) return rows.filter((r) => (day[r] as number) >= lo && (day[r] as number) <= hi);
    const first = lowerBound(rows, day, lo);
    const end = hi === Number.POSITIVE_INFINITY ? rows.length : lowerBound(rows, day, hi + 1);
    return rows.subarray(first, Math.max(first, end));
  }

  /**
   * Computes `compute()` once per context under `key` (namespace it: `'<kernel>:<what>'`).
   * For derived data several kernels share, e.g. sessions of the selection.
   */
  /** True when `key` was already computed (or set) in this context. */
  has(key: string): boolean {
    return this.memos.has(key);
  }

  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const primed = this.primer?.(key) as T | undefined;
    const value = primed === undefined ? compute() : primed;
    this.memos.set(key, value);
    return value;
  }
}

/** First k with day[rows[k]] >= target (rows ascending with non-decreasing days). */
function lowerBound(rows: Uint32Array, day: Int32Array, target: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((day[rows[mid] as number] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
