/**
 * The aggregation registry: the one list every other part enumerates — cache keys
 * (id + definition version), the precompute planner (base params), the schema (argument
 * parsing) and the benchmarks. Bumping `version` makes old entries unreachable.
 */
import { heatmap, type KernelContext, kpis, monthlyTrend, topChannels, topics } from './engine/index.js';
import { FilterValidationError } from './filter.js';
import type { HeatmapCell, KpisResult, MonthlyTrendPoint, TopChannel, TopicShare } from './results.js';

export interface AggregationDef<P extends object = object, R = unknown> {
  readonly id: string;
  /** Definition version; part of every cache key. */
  readonly version: number;
  /** Validates raw arguments into canonical params; throws FilterValidationError naming the argument. */
  readonly parseParams: (raw: Readonly<Record<string, unknown>>) => P;
  /** The entry params the base set precomputes. */
  readonly baseParams: P;
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

/** Result type of each aggregation, for typed consumers (schema, tests). */
export interface AggregationResults {
  kpis: KpisResult;
  monthlyTrend: MonthlyTrendPoint[];
  topChannels: TopChannel[];
  heatmap: HeatmapCell[];
  topics: TopicShare[];
}
export type AggregationId = keyof AggregationResults;

/** Largest `topChannels` limit; the cached entry holds this many and requests slice it. */
export const TOP_CHANNELS_MAX = 100;

const noParams = (): Record<string, never> => ({});

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

/** Type-checks one definition against its own params and result, then erases them for the list. */
function define<P extends object, R>(def: AggregationDef<P, R>): AggregationDef {
  return def as unknown as AggregationDef;
}

export const REGISTRY = [
  define({ id: 'kpis', version: 1, parseParams: noParams, baseParams: {}, dependsOnToday: true, kernel: (ctx) => kpis(ctx) }),
  define({
    id: 'monthlyTrend',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => monthlyTrend(ctx),
  }),
  define({
    id: 'topChannels',
    version: 1,
    parseParams: (raw) => ({ limit: intArg(raw, 'limit', 10, 1, TOP_CHANNELS_MAX) }),
    baseParams: { limit: TOP_CHANNELS_MAX },
    entryParams: () => ({ limit: TOP_CHANNELS_MAX }),
    project: (data: TopChannel[], p: { limit: number }) => data.slice(0, p.limit),
    dependsOnToday: false,
    kernel: (ctx, p: { limit: number }) => topChannels(ctx, p),
  }),
  define({
    id: 'heatmap',
    version: 1,
    parseParams: noParams,
    baseParams: {},
    dependsOnToday: false,
    kernel: (ctx) => heatmap(ctx),
  }),
  define({ id: 'topics', version: 1, parseParams: noParams, baseParams: {}, dependsOnToday: true, kernel: (ctx) => topics(ctx) }),
] as const;

const BY_ID = new Map<string, AggregationDef>(REGISTRY.map((d) => [d.id, d]));

/** The definition of `id`; throws on an unknown id (a programming error, not user input). */
export function aggregationDef(id: string): AggregationDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`[precompute/registry] unknown aggregation ${id}; known: ${[...BY_ID.keys()].join(', ')}`);
  return def;
}

/** Stable key of canonical params (`limit=10`), empty for none. */
export function paramsKey(params: object): string {
  return Object.entries(params)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');
}
