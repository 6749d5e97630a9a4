/**
 * Staged, idempotent imports that publish atomically across many mutations (design: README.md
 * "Imports"). open → `stage`* → `startPublish` → `publish`* → `seal`; `discard` undoes any prefix.
 *
 * Rows published before `seal` carry `version = dataVersion + 1` and stay invisible to reads
 * until `seal` bumps the viewer's data version in one mutation. One import per viewer publishes
 * at a time (a lock on the viewer with a heartbeat); a lock whose holder stopped beating is
 * taken over after its rows are discarded, so a reserved version is never shared.
 */
import { v } from 'convex/values';
import { internal } from './_generated/api.js';
import type { Doc, Id } from './_generated/dataModel.js';
import { internalMutation, type MutationCtx } from './_generated/server.js';
import { checkLimit, ensureViewerDoc, eventValidator, fail, LIMITS, viewerDoc } from './model.js';

async function openImport(ctx: MutationCtx, importId: Id<'imports'>): Promise<Doc<'imports'>> {
  const imp = await ctx.db.get(importId);
  if (!imp) fail('imports', `import ${importId} is already sealed or discarded`);
  return imp;
}

async function lockedViewer(ctx: MutationCtx, imp: Doc<'imports'>): Promise<Doc<'viewers'>> {
  const viewer = await viewerDoc(ctx.db, imp.viewerId);
  if (!viewer || viewer.publishing?.importId !== imp._id) {
    fail('imports', `import ${imp._id} does not hold the publishing lock of viewer ${imp.viewerId} (taken over as stale?)`);
  }
  return viewer;
}

/** Deletes up to `limit` unpublished rows written by `importId`; returns how many it deleted. */
async function discardPublished(ctx: MutationCtx, importId: Id<'imports'>, dataVersion: number, limit: number) {
  const rows = await ctx.db
    .query('events')
    .withIndex('by_import', (q) => q.eq('importId', importId))
    .take(limit);
  let deleted = 0;
  for (const r of rows) {
    // A sealed import's rows are below the data version: never touched.
    if (r.version > dataVersion) {
      await ctx.db.delete(r._id);
      deleted++;
    }
  }
  return { deleted, more: rows.length === limit };
}

/** One bounded step of discarding an import: staged rows, then its unpublished rows, then the import itself. */
async function discardStep(ctx: MutationCtx, importId: Id<'imports'>, limit: number): Promise<boolean> {
  const imp = await ctx.db.get(importId);
  if (!imp) return true;
  const staged = await ctx.db
    .query('staged')
    .withIndex('by_import_seq', (q) => q.eq('importId', importId))
    .take(limit);
  for (const r of staged) await ctx.db.delete(r._id);
  if (staged.length === limit) return false;
  const viewer = await viewerDoc(ctx.db, imp.viewerId);
  const { more } = await discardPublished(ctx, importId, viewer?.dataVersion ?? 0, limit - staged.length);
  if (more) return false;
  if (viewer?.publishing?.importId === importId) await ctx.db.patch(viewer._id, { publishing: null });
  await ctx.db.delete(importId);
  return true;
}

/** Opens an import for the viewer (created with zone UTC when absent); returns its id. */
export const begin = internalMutation({
  args: { viewerId: v.string() },
  handler: async (ctx, { viewerId }) => {
    await ensureViewerDoc(ctx.db, viewerId, 'UTC');
    return ctx.db.insert('imports', { viewerId, createdAt: Date.now(), state: 'open', nextSeq: 0, added: 0, duplicates: 0 });
  },
});

/** Stages up to LIMITS.stageEvents events (invisible until sealed). Throws on a bigger batch or a closed import. */
export const stage = internalMutation({
  args: { importId: v.id('imports'), events: v.array(eventValidator) },
  handler: async (ctx, { importId, events }) => {
    if (events.length === 0) return 0;
    checkLimit('imports', 'events.length', events.length, LIMITS.stageEvents);
    const imp = await openImport(ctx, importId);
    if (imp.state !== 'open') fail('imports', `import ${importId} is publishing; stage before commit`);
    let seq = imp.nextSeq;
    for (const event of events) await ctx.db.insert('staged', { importId, seq: seq++, event });
    await ctx.db.patch(importId, { nextSeq: seq });
    return events.length;
  },
});

/**
 * Takes the viewer's publishing lock. `busy`: another live import holds it (retry later);
 * `cleaning`: a stale holder's rows are being discarded (call again at once); `ready`: locked.
 */
export const startPublish = internalMutation({
  args: { importId: v.id('imports'), staleLockMs: v.number() },
  handler: async (ctx, { importId, staleLockMs }) => {
    const imp = await openImport(ctx, importId);
    const viewer = await ensureViewerDoc(ctx.db, imp.viewerId, 'UTC');
    const now = Date.now();
    const holder = viewer.publishing;
    if (holder?.importId === importId) return 'ready' as const;
    if (holder) {
      if (now - holder.at < staleLockMs) return 'busy' as const;
      const { more } = await discardPublished(ctx, holder.importId, viewer.dataVersion, LIMITS.discardRows);
      if (more) return 'cleaning' as const;
      // The stale import's staged rows and document are left to `sweepStale`; it can no longer publish.
    }
    await ctx.db.patch(viewer._id, { publishing: { importId, at: now } });
    await ctx.db.patch(importId, { state: 'publishing' });
    return 'ready' as const;
  },
});

/**
 * Publishes up to `limit` staged rows in sequence order: a new event id is inserted with the
 * reserved version, a known one (published, or earlier in this import) counts as a duplicate.
 * Returns `done` once no staged row is left.
 */
export const publish = internalMutation({
  args: { importId: v.id('imports'), limit: v.number() },
  handler: async (ctx, { importId, limit }) => {
    checkLimit('imports', 'limit', limit, LIMITS.publishRows);
    const imp = await openImport(ctx, importId);
    if (imp.state !== 'publishing') fail('imports', `import ${importId} has not started publishing`);
    const viewer = await lockedViewer(ctx, imp);
    const version = viewer.dataVersion + 1;
    const rows = await ctx.db
      .query('staged')
      .withIndex('by_import_seq', (q) => q.eq('importId', importId))
      .take(limit);
    let added = 0;
    let visible = 0;
    let visibleNonAd = 0;
    for (const row of rows) {
      const existing = await ctx.db
        .query('events')
        .withIndex('by_viewer_event', (q) => q.eq('viewerId', imp.viewerId).eq('eventId', row.event.eventId))
        .first();
      if (existing && existing.version > viewer.dataVersion && existing.importId !== importId) {
        fail('imports', `event ${row.event.eventId} is held by unpublished import ${existing.importId}`);
      }
      if (!existing) {
        await ctx.db.insert('events', { ...row.event, viewerId: imp.viewerId, version, importId });
        added++;
        if (row.event.kind === 'WATCHED' && row.event.watchedAt !== null) {
          visible++;
          if (!row.event.isAd) visibleNonAd++;
        }
      }
      await ctx.db.delete(row._id);
    }
    await ctx.db.patch(importId, {
      added: imp.added + added,
      duplicates: imp.duplicates + rows.length - added,
      visibleAdded: (imp.visibleAdded ?? 0) + visible,
      visibleNonAdAdded: (imp.visibleNonAdAdded ?? 0) + visibleNonAd,
    });
    await ctx.db.patch(viewer._id, { publishing: { importId, at: Date.now() } });
    return { processed: rows.length, added, done: rows.length < limit };
  },
});

/**
 * Makes the import visible in one transaction: bumps the data version when anything was staged
 * (new events, or duplicates dataQuality counts), appends the change log (duplicatesSkipped +
 * commit-time duplicates), releases the lock.
 */
export const seal = internalMutation({
  args: { importId: v.id('imports'), stats: v.string() },
  handler: async (ctx, { importId, stats }) => {
    const imp = await openImport(ctx, importId);
    const viewer = await lockedViewer(ctx, imp);
    const left = await ctx.db
      .query('staged')
      .withIndex('by_import_seq', (q) => q.eq('importId', importId))
      .first();
    if (left) fail('imports', `import ${importId} still has staged rows; publish them before sealing`);
    const parsed = JSON.parse(stats) as { duplicatesSkipped?: unknown };
    if (typeof parsed.duplicatesSkipped !== 'number') fail('imports', 'expected stats.duplicatesSkipped to be a number');
    const staged = imp.added + imp.duplicates;
    const dataVersion = staged > 0 ? viewer.dataVersion + 1 : viewer.dataVersion;
    await ctx.db.patch(viewer._id, { dataVersion, eventCount: viewer.eventCount + imp.added, publishing: null });
    const committedAt = Date.now();
    const logged = JSON.stringify({ ...parsed, duplicatesSkipped: parsed.duplicatesSkipped + imp.duplicates });
    if (staged > 0) {
      await ctx.db.insert('changeLog', {
        viewerId: imp.viewerId,
        dataVersion,
        committedAt,
        added: imp.added,
        stats: logged,
        visibleAdded: imp.visibleAdded ?? 0,
        visibleNonAdAdded: imp.visibleNonAdAdded ?? 0,
      });
    }
    await ctx.db.delete(importId);
    return { added: imp.added, duplicates: imp.duplicates, dataVersion };
  },
});

/** One bounded step of undoing an unsealed import (no-op once sealed or gone); call until `done`. */
export const discard = internalMutation({
  args: { importId: v.id('imports') },
  handler: async (ctx, { importId }) => ({ done: await discardStep(ctx, importId, LIMITS.discardRows) }),
});

/** One bounded step of discarding the oldest import created before `now - olderThanMs`; call until `done`. */
export const sweepStale = internalMutation({
  args: { olderThanMs: v.number() },
  handler: async (ctx, { olderThanMs }) => {
    const stale = await ctx.db
      .query('imports')
      .withIndex('by_created', (q) => q.lt('createdAt', Date.now() - olderThanMs))
      .first();
    if (!stale) return { done: true };
    await discardStep(ctx, stale._id, LIMITS.discardRows);
    return { done: false };
  },
});

/** The cron's sweep: keeps rescheduling itself until nothing stale is left. */
export const sweepStaleJob = internalMutation({
  args: { olderThanMs: v.number() },
  handler: async (ctx, { olderThanMs }): Promise<null> => {
    const stale = await ctx.db
      .query('imports')
      .withIndex('by_created', (q) => q.lt('createdAt', Date.now() - olderThanMs))
      .first();
    if (stale) {
      await discardStep(ctx, stale._id, LIMITS.discardRows);
      await ctx.scheduler.runAfter(0, internal.imports.sweepStaleJob, { olderThanMs });
    }
    return null;
  },
});
