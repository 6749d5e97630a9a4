/** Resolvers of `Query.analytics` and its aggregation fields. */
import { canonicalizeFilter, FilterValidationError, filterKey, type WatchFilterInput } from '../domain/filter.js';
import { aggregationDef, paramsKey } from '../precompute/registry.js';
import type { Resolved } from '../precompute/service.js';
import type { GatewayContext } from './context.js';
import { AggregationFailedError, BadUserInputError } from './errors.js';
import { analyticsId, resultId } from './ids.js';
import type { AggregationResult, AnalyticsModel } from './models.js';

/** Validates and canonicalises the filter (defaults from the viewer); rejects naming the field. */
export function resolveAnalytics(ctx: GatewayContext, filter: WatchFilterInput | null | undefined): AnalyticsModel {
  try {
    const canonical = canonicalizeFilter(filter, ctx.viewer.timeZone);
    return { id: analyticsId(ctx.viewer.id, filterKey(canonical)), viewerId: ctx.viewer.id, filter: canonical };
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
    });
  } catch {
    throw new AggregationFailedError(aggregation);
  }
  const id = resultId(analytics.viewerId, aggregation, filterKey(analytics.filter), paramsKey(params));
  return { ...entry, id, data: (def.project ? def.project(entry.data, params) : entry.data) as T };
}
