/** The shape of one registered aggregation, and helpers to define one. */

import { FilterValidationError, MAX_CHANNEL_KEY_LENGTH } from '../domain/filter.js';
import type { KernelContext } from './engine/index.js';

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
  readonly kernel: (ctx: KernelContext, params: P) => R;
}

/** Type-checks one definition against its own params and result, then erases them for the list. */
export function define<P extends object, R>(def: AggregationDef<P, R>): AggregationDef {
  return def as unknown as AggregationDef;
}

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
