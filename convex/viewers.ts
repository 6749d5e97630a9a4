/** Viewers: time zone, data version and the published event count. */
import { v } from 'convex/values';
import { internalMutation, internalQuery, query } from './_generated/server.js';
import { ensureViewerDoc, viewerDoc, viewerIdOf, viewerView } from './model.js';

/** The viewer, or null. Internal: the gateway passes the viewer id with a deploy key. */
export const get = internalQuery({
  args: { viewerId: v.string() },
  handler: async (ctx, { viewerId }) => {
    const d = await viewerDoc(ctx.db, viewerId);
    return d ? { ...viewerView(d), eventCount: d.eventCount } : null;
  },
});

/** The viewer, created with `timeZone` (version 0) when absent; an existing zone is kept. */
export const ensure = internalMutation({
  args: { viewerId: v.string(), timeZone: v.string() },
  handler: async (ctx, { viewerId, timeZone }) => viewerView(await ensureViewerDoc(ctx.db, viewerId, timeZone)),
});

/** Sets the viewer's zone (creating the viewer when absent). */
export const setTimeZone = internalMutation({
  args: { viewerId: v.string(), timeZone: v.string() },
  handler: async (ctx, { viewerId, timeZone }) => {
    const d = await ensureViewerDoc(ctx.db, viewerId, timeZone);
    await ctx.db.patch(d._id, { timeZone });
    return viewerView({ ...d, timeZone });
  },
});

/** The authenticated viewer, or null before its first import. */
export const me = query({
  args: {},
  handler: async (ctx) => {
    const d = await viewerDoc(ctx.db, await viewerIdOf(ctx));
    return d ? { ...viewerView(d), eventCount: d.eventCount } : null;
  },
});
