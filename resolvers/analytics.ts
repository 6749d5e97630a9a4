/** Resolvers of `Query.analytics` and its aggregation fields. */
import { canonicalizeFilter, FilterValidationError, type WatchFilterInput } from '../domain/filter.js';
import { aggregationDef } from '../precompute/registry.js';
import type { Resolved } from '../precompute/service.js';
import type { GatewayContext } from './context.js';
import { AggregationFailedError, BadUserInputError } from './errors.js';
import type { AnalyticsModel } from './models.js';

/** Validates and canonicalises the filter (defaults from the viewer); rejects naming the field. */
export function resolveAnalytics(ctx: GatewayContext, filter: WatchFilterInput | null | undefined): AnalyticsModel {
  try {
    return { viewerId: ctx.viewer.id, filter: canonicalizeFilter(filter, ctx.viewer.timeZone) };
  } catch (err) {
    if (err instanceof FilterValidationError) throw new BadUserInputError(err.field, err.reason);
    throw err;
  }
}

/**
 * Loads one aggregation through the request's DataLoader (so all fields of a query share one
 * cache read). Argument errors name `<field>.<argument>`; a failed computation is reported
 * without internals.
 */
export async function loadAggregation<T>(
  ctx: GatewayContext,
  analytics: AnalyticsModel,
  aggregation: string,
  rawArgs: Readonly<Record<string, unknown>> = {},
): Promise<Resolved<T>> {
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
  return (def.project ? { ...entry, data: def.project(entry.data, params) } : entry) as Resolved<T>;
}
