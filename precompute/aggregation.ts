/** The shape of one registered aggregation, and helpers to define one. */
import type { KernelContext } from './engine/index.js';
import { FilterValidationError } from './filter.js';

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
