/**
 * Paginated reads of published events in (watchedAt nulls first, event id) order. A row is
 * published when its `version` is at most the viewer's data version; `atVersion` pins a read
 * that spans several pages to one version, so an import sealed mid-read does not leak in.
 */
import { type PaginationResult, paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { internalQuery, type QueryCtx, query } from './_generated/server.js';
import { checkLimit, type EventFields, eventOf, LIMITS, viewerDoc, viewerIdOf } from './model.js';

async function page(
  ctx: QueryCtx,
  viewerId: string,
  atVersion: number,
  opts: { numItems: number; cursor: string | null },
): Promise<PaginationResult<EventFields>> {
  checkLimit('events', 'numItems', opts.numItems, LIMITS.pageSize);
  const result = await ctx.db
    .query('events')
    .withIndex('by_viewer_time', (q) => q.eq('viewerId', viewerId))
    .filter((q) => q.lte(q.field('version'), atVersion))
    .paginate(opts);
  return { ...result, page: result.page.map(eventOf) };
}

/** One page of the viewer's events published at `atVersion` (pass the data version read first). */
export const list = internalQuery({
  args: { viewerId: v.string(), atVersion: v.number(), paginationOpts: paginationOptsValidator },
  handler: (ctx, { viewerId, atVersion, paginationOpts }) => page(ctx, viewerId, atVersion, paginationOpts),
});

/** One page of the events published by the commits (afterVersion, upToVersion], in (version, id) order. */
export const added = internalQuery({
  args: { viewerId: v.string(), afterVersion: v.number(), upToVersion: v.number(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { viewerId, afterVersion, upToVersion, paginationOpts }) => {
    checkLimit('events', 'numItems', paginationOpts.numItems, LIMITS.pageSize);
    const result = await ctx.db
      .query('events')
      .withIndex('by_viewer_version', (q) => q.eq('viewerId', viewerId).gt('version', afterVersion).lte('version', upToVersion))
      .paginate(paginationOpts);
    return { ...result, page: result.page.map(eventOf) };
  },
});

/** One page of the authenticated viewer's events at its current data version. */
export const mine = query({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const viewer = await viewerDoc(ctx.db, await viewerIdOf(ctx));
    if (!viewer) return { page: [], isDone: true, continueCursor: '' };
    return page(ctx, viewer.viewerId, viewer.dataVersion, paginationOpts);
  },
});
