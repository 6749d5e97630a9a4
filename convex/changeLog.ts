/** The per-viewer change log: one row per sealed import, in commit order. */
import { type PaginationResult, paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { internalQuery, type QueryCtx, query } from './_generated/server.js';
import { checkLimit, LIMITS, viewerIdOf } from './model.js';

interface LogRow {
  viewerId: string;
  dataVersion: number;
  committedAt: number;
  added: number;
  stats: string;
  visibleAdded?: number;
  visibleNonAdAdded?: number;
}

async function page(
  ctx: QueryCtx,
  viewerId: string,
  sinceVersion: number,
  opts: { numItems: number; cursor: string | null },
): Promise<PaginationResult<LogRow>> {
  checkLimit('changeLog', 'numItems', opts.numItems, LIMITS.pageSize);
  const result = await ctx.db
    .query('changeLog')
    .withIndex('by_viewer_version', (q) => q.eq('viewerId', viewerId).gt('dataVersion', sinceVersion))
    .paginate(opts);
  return {
    ...result,
    page: result.page.map((d) => ({
      viewerId: d.viewerId,
      dataVersion: d.dataVersion,
      committedAt: d.committedAt,
      added: d.added,
      stats: d.stats,
      ...(d.visibleAdded === undefined ? {} : { visibleAdded: d.visibleAdded }),
      ...(d.visibleNonAdAdded === undefined ? {} : { visibleNonAdAdded: d.visibleNonAdAdded }),
    })),
  };
}

/** Rows with a data version above `sinceVersion` (pass -1 for all); `stats` is JSON. */
export const list = internalQuery({
  args: { viewerId: v.string(), sinceVersion: v.number(), paginationOpts: paginationOptsValidator },
  handler: (ctx, { viewerId, sinceVersion, paginationOpts }) => page(ctx, viewerId, sinceVersion, paginationOpts),
});

/** The authenticated viewer's change log above `sinceVersion`. */
export const mine = query({
  args: { sinceVersion: v.number(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { sinceVersion, paginationOpts }) => page(ctx, await viewerIdOf(ctx), sinceVersion, paginationOpts),
});
