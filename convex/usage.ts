/** Decayed request counters per (viewer, aggregation, filterKey), for the precompute planner. */
import { type PaginationResult, paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import type { Doc } from './_generated/dataModel.js';
import { internalMutation, internalQuery } from './_generated/server.js';
import { checkLimit, fail, LIMITS } from './model.js';

/**
 * Adds `increment` to the counter after decaying it to `now` (half-life `halfLifeMs` > 0, epoch ms);
 * the measured cost and size replace the previous ones.
 */
export const record = internalMutation({
  args: {
    viewerId: v.string(),
    aggregation: v.string(),
    filterKey: v.string(),
    params: v.string(),
    computeMillis: v.number(),
    bytes: v.number(),
    now: v.number(),
    halfLifeMs: v.number(),
    increment: v.number(),
  },
  handler: async (ctx, { now, halfLifeMs, increment, ...row }) => {
    if (!(halfLifeMs > 0)) fail('usage', `expected halfLifeMs > 0, got ${halfLifeMs}`);
    const prev = await ctx.db
      .query('usage')
      .withIndex('by_viewer_aggregation_filter', (q) =>
        q.eq('viewerId', row.viewerId).eq('aggregation', row.aggregation).eq('filterKey', row.filterKey),
      )
      .unique();
    const decayed = prev ? prev.score * 2 ** (-Math.max(0, now - prev.updatedAt) / halfLifeMs) : 0;
    const doc = { ...row, score: decayed + increment, updatedAt: now };
    if (prev) await ctx.db.replace(prev._id, doc);
    else await ctx.db.insert('usage', doc);
    return null;
  },
});

type UsageRow = Omit<Doc<'usage'>, '_id' | '_creationTime'>;

/** One page of the viewer's usage snapshot (scores as of each row's `updatedAt`). */
export const list = internalQuery({
  args: { viewerId: v.string(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { viewerId, paginationOpts }): Promise<PaginationResult<UsageRow>> => {
    checkLimit('usage', 'numItems', paginationOpts.numItems, LIMITS.pageSize);
    const result = await ctx.db
      .query('usage')
      .withIndex('by_viewer_aggregation_filter', (q) => q.eq('viewerId', viewerId))
      .paginate(paginationOpts);
    return { ...result, page: result.page.map(({ _id, _creationTime, ...r }) => r) };
  },
});
