/** Resolvers of `Query.analytics` and its aggregation fields. */
import { canonicalizeFilter, FilterValidationError, filterKey, type WatchFilterInput } from '../domain/filter.js';
import { aggregationDef, paramsKey } from '../precompute/registry.js';
import {
  ColdBudgetExceededError,
  ColdConcurrencyError,
  type Freshness,
  NotCachedError,
  type Resolved,
} from '../precompute/service.js';
import type { GatewayContext } from './context.js';
import {
  AggregationFailedError,
  BadUserInputError,
  NotCachedGraphQLError,
  QueryTooExpensiveError,
  QuotaExceededError,
} from './errors.js';
import { analyticsId, resultId } from './ids.js';
import type { AggregationResult, AnalyticsModel } from './models.js';

/** Validates and canonicalises the filter (defaults from the viewer); rejects naming the field. */
export function resolveAnalytics(
  ctx: GatewayContext,
  filter: WatchFilterInput | null | undefined,
  freshness: Freshness = 'FRESH',
  atLeastVersion?: number | null,
): AnalyticsModel {
  if (atLeastVersion !== undefined && atLeastVersion !== null && !(Number.isInteger(atLeastVersion) && atLeastVersion >= 0)) {
    throw new BadUserInputError('atLeastVersion', `expected a data version ≥ 0, got ${atLeastVersion}`);
  }
  try {
    const canonical = canonicalizeFilter(filter, ctx.viewer.timeZone);
    return {
      id: analyticsId(ctx.viewer.id, filterKey(canonical)),
      viewerId: ctx.viewer.id,
      filter: canonical,
      freshness,
      ...(atLeastVersion === undefined || atLeastVersion === null ? {} : { minVersion: atLeastVersion }),
    };
  } catch (err) {
    if (err instanceof FilterValidationError) throw new BadUserInputError(err.field, err.reason);
    throw err;
  }
}

/**
 * Loads one aggregation through the request's DataLoader (so all fields of a query share one
 * cache read). Argument errors name `<field>.<argument>`; a failed computation is reported
 * without internals. The result's id is derived from the viewer, the aggregation, the
 * canonical filter and the canonical request arguments (see ids.ts).
 */
export async function loadAggregation<T>(
  ctx: GatewayContext,
  analytics: AnalyticsModel,
  aggregation: string,
  rawArgs: Readonly<Record<string, unknown>> = {},
): Promise<AggregationResult<T>> {
  const def = aggregationDef(aggregation);
  let params: Record<string, unknown>;
  try {
    params = def.parseParams(rawArgs) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof FilterValidationError) throw new BadUserInputError(`${aggregation}.${err.field}`, err.reason);
    throw err;
  }
  let entry: Resolved;
  try {
    const entryParams = def.entryParams ? (def.entryParams(params) as Record<string, unknown>) : params;
    entry = await ctx.loaders.aggregations.load({
      viewerId: analytics.viewerId,
      aggregation,
      filter: analytics.filter,
      params: entryParams,
      freshness: analytics.freshness,
      minVersion: analytics.minVersion,
    });
  } catch (err) {
    if (ctx.responseCache) ctx.responseCache.eligible = false;
    if (err instanceof NotCachedError) throw new NotCachedGraphQLError(aggregation);
    if (err instanceof ColdBudgetExceededError) {
      // The whole request is refused, not this field: the gateway replaces the result.
      ctx.rejection ??= new QueryTooExpensiveError(err.budget, err.estimate, ctx.services.production);
      throw ctx.rejection;
    }
    if (err instanceof ColdConcurrencyError) {
      throw new QuotaExceededError(
        'coldComputations',
        `${err.limit} computations of yours are already running (MAX_COLD_PER_VIEWER); try again in a moment.`,
      );
    }
    throw new AggregationFailedError(aggregation);
  }
  const tracker = ctx.responseCache;
  if (tracker) {
    // A response is cached only when all of it came from fresh entries (server/response-cache.ts).
    if (entry.meta.source === 'COMPUTED' || entry.meta.stale) tracker.eligible = false;
    else {
      tracker.expiresAt = Math.min(tracker.expiresAt, entry.meta.expiresAt);
      const entryParams = def.entryParams ? (def.entryParams(params) as Record<string, unknown>) : params;
      const pk = paramsKey(entryParams);
      tracker.served.push({
        aggregation,
        filter: analytics.filter,
        params: entryParams,
        combo: `${entry.meta.filterKey}${pk ? `#${pk}` : ''}`,
        computeMillis: entry.meta.computeMillis,
        bytes: entry.bytes,
      });
    }
  }
  const id = resultId(analytics.viewerId, aggregation, filterKey(analytics.filter), paramsKey(params));
  // The entry's data is parsed (and cut to the request) only when a selection reads it.
  let data: T | undefined;
  let cut = false;
  return {
    id,
    meta: entry.meta,
    bytes: entry.bytes,
    get data(): T {
      if (!cut) {
        data = (def.project ? def.project(entry.data, params) : entry.data) as T;
        cut = true;
      }
      return data as T;
    },
  };
}
