/** The shape of one registered aggregation, and helpers to define one. */

import { type CanonicalFilter, FilterValidationError, MAX_CHANNEL_KEY_LENGTH } from '../domain/filter.js';
import type { ComboState, KernelContext, LiveEngine, Touch } from './engine/index.js';

/** An input of an aggregation's results that an append can change (see LiveEngine.affected). */
export type EntryInput = keyof Touch;

/**
 * How a definition's results follow appends. `merged`: finished from the maintained statistics
 * (`finish(state, params)` — the kernel is the same finish on a context's statistics), for the
 * params `supports` accepts (default all); other params fall back to the kernel. `recomputed`:
 * the kernel runs on a context over the current rows; `why` says why it is not merged.
 */
export type Maintenance<P, R> =
  | { readonly kind: 'merged'; readonly finish: (state: ComboState, params: P) => R; readonly supports?: (params: P) => boolean }
  | { readonly kind: 'recomputed'; readonly why: string };

export interface AggregationDef<P extends object = object, R = unknown> {
  /** The GraphQL field name under `Analytics`, and the cache key's aggregation part. */
  readonly id: string;
  /** Definition version; part of every cache key. Bump it when the output changes. */
  readonly version: number;
  /** Validates raw arguments into canonical params; throws FilterValidationError naming the argument. */
  readonly parseParams: (raw: Readonly<Record<string, unknown>>) => P;
  /** The entry params the base set precomputes. */
  readonly baseParams: P;
  /**
   * False for aggregations that have no sensible default (channelEvolution needs a channel):
   * the base set skips them; their combos are warmed by usage only. Default true.
   */
  readonly inBaseSet?: boolean;
  /**
   * Maps request params to the params of the cached entry, so requests that differ only in
   * presentation share one entry (every `topChannels` limit reads the top 100). Default: same.
   */
  readonly entryParams?: (params: P) => P;
  /** Cuts an entry's data down to what the request asked for. Default: unchanged. */
  readonly project?: (data: R, params: P) => R;
  /** True when the result changes with "today" even under timeframe ALL (expires at local midnight). */
  readonly dependsOnToday: boolean;
  /** Computes from scratch on a context (merged definitions: the finish of the context's statistics). */
  readonly kernel: (ctx: KernelContext, params: P) => R;
  readonly maintenance: Maintenance<P, R>;
  /**
   * The inputs its results depend on: an append that touches none of them (LiveEngine.affected)
   * leaves every entry of the definition unchanged. `selection` is always among them except
   * for dataQuality.
   */
  readonly reads: readonly EntryInput[];
}

/** Type-checks one definition against its own params and result, then erases them for the list. */
export function define<P extends object, R>(def: AggregationDef<P, R>): AggregationDef {
  return def as unknown as AggregationDef;
}

/**
 * One entry on a live engine: the maintained statistics when the definition is merged and
 * supports the params, else its kernel on `live.context(filter, nowMs)`. Both give the result
 * a fresh engine over the same events gives (property-tested).
 */
export function computeEntry(
  live: LiveEngine,
  def: AggregationDef,
  filter: CanonicalFilter,
  params: object,
  nowMs: number,
): unknown {
  const m = def.maintenance;
  if (m.kind === 'merged' && (m.supports?.(params) ?? true)) return m.finish(live.state(filter, nowMs), params);
  return def.kernel(live.context(filter, nowMs), params);
}

/** True when an append that touched `touch` may have changed `def`'s results (one of its inputs was touched). */
export const entryAffected = (def: AggregationDef, touch: Touch): boolean => def.reads.some((input) => touch[input]);

/** Parser of aggregations without arguments. */
export const noParams = (): Record<string, never> => ({});

/** An integer argument within [min, max], else FilterValidationError on `field`. */
export function intArg(
  raw: Readonly<Record<string, unknown>>,
  field: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = raw[field] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new FilterValidationError(field, `expected an integer from ${min} to ${max}, got ${String(v)}`);
  }
  return v;
}

/** Stable key of canonical params (`limit=10`), empty for none. */
export function paramsKey(params: object): string {
  return Object.entries(params)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('&');
}

/** One of `values` (default `fallback` when absent), else FilterValidationError on `field`. */
export function enumArg<T extends string>(
  raw: Readonly<Record<string, unknown>>,
  field: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = raw[field] ?? fallback;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new FilterValidationError(field, `expected one of ${values.join(', ')}, got ${String(v)}`);
  }
  return v as T;
}

/** A channel key as `WatchFilter.channels` accepts it: a string of 1..200 characters. */
export function channelArg(raw: Readonly<Record<string, unknown>>): string {
  const v = raw.channel;
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_CHANNEL_KEY_LENGTH) {
    throw new FilterValidationError('channel', `expected a channel key of 1..${MAX_CHANNEL_KEY_LENGTH} characters`);
  }
  return v;
}

// Cursors: base64 of `<kind>:<value>`, opaque to clients. A cursor is checked by decoding
// and re-encoding it, so any other string is rejected rather than misread.

export const encodeCursor = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export function decodeCursor(field: string, cursor: unknown, pattern: RegExp, expected: string): RegExpExecArray {
  if (typeof cursor !== 'string') throw new FilterValidationError(field, `expected a cursor string, got ${String(cursor)}`);
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = encodeCursor(text) === cursor ? pattern.exec(text) : null;
  if (!match) throw new FilterValidationError(field, `expected ${expected}, got "${cursor.slice(0, 100)}"`);
  return match;
}

/** Largest page of a connection; default page size. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
