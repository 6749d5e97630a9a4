/** Precomputed entries (encoded envelopes) by key, indexed by (viewer, aggregation, filterKey). */
import { v } from 'convex/values';
import { internalMutation, internalQuery, query } from './_generated/server.js';
import { checkLimit, fail, LIMITS, viewerIdOf } from './model.js';

/** `wg:{viewer}:<aggregation>:<definitionVersion>:<filterKey>` → its parts; other shapes file under aggregation ''. */
export function parseEntryKey(key: string): { viewerId: string | null; aggregation: string; filterKey: string } {
  const m = /^wg:\{([^}]*)\}:([^:]*):([^:]*):(.*)$/s.exec(key);
  return m
    ? { viewerId: m[1] as string, aggregation: m[2] as string, filterKey: m[4] as string }
    : { viewerId: null, aggregation: '', filterKey: key };
}

/** Entries of `keys` in key order, null where absent (at most LIMITS.keysPerCall keys). */
export const getMany = internalQuery({
  args: { keys: v.array(v.string()) },
  handler: async (ctx, { keys }) => {
    if (keys.length > 0) checkLimit('entries', 'keys.length', keys.length, LIMITS.keysPerCall);
    return Promise.all(
      keys.map(async (key) => {
        const d = await ctx.db
          .query('entries')
          .withIndex('by_key', (q) => q.eq('key', key))
          .unique();
        return d ? { key: d.key, value: d.value, expiresAt: d.expiresAt } : null;
      }),
    );
  },
});

/** Inserts or overwrites the entry. Throws when the key names another viewer or the value exceeds LIMITS.entryBytes. */
export const put = internalMutation({
  args: { viewerId: v.string(), key: v.string(), value: v.bytes(), expiresAt: v.number() },
  handler: async (ctx, { viewerId, key, value, expiresAt }) => {
    if (value.byteLength > LIMITS.entryBytes) {
      fail('entries', `expected a value of at most ${LIMITS.entryBytes} bytes, got ${value.byteLength}`);
    }
    const parsed = parseEntryKey(key);
    if (parsed.viewerId !== null && parsed.viewerId !== viewerId) {
      fail('entries', `expected a key of viewer ${viewerId}, got ${key}`);
    }
    const existing = await ctx.db
      .query('entries')
      .withIndex('by_key', (q) => q.eq('key', key))
      .unique();
    const doc = { key, viewerId, aggregation: parsed.aggregation, filterKey: parsed.filterKey, value, expiresAt };
    if (existing) await ctx.db.replace(existing._id, doc);
    else await ctx.db.insert('entries', doc);
    return null;
  },
});

/** Deletes the entries of `keys` (absent keys are ignored; at most LIMITS.keysPerCall). */
export const remove = internalMutation({
  args: { keys: v.array(v.string()) },
  handler: async (ctx, { keys }) => {
    if (keys.length > 0) checkLimit('entries', 'keys.length', keys.length, LIMITS.keysPerCall);
    for (const key of keys) {
      const d = await ctx.db
        .query('entries')
        .withIndex('by_key', (q) => q.eq('key', key))
        .unique();
      if (d) await ctx.db.delete(d._id);
    }
    return null;
  },
});

/** Deletes up to `limit` entries whose `expiresAt` is before `before`; `done` when none is left. */
export const sweepExpired = internalMutation({
  args: { before: v.number(), limit: v.number() },
  handler: async (ctx, { before, limit }) => {
    checkLimit('entries', 'limit', limit, LIMITS.keysPerCall);
    const old = await ctx.db
      .query('entries')
      .withIndex('by_expires', (q) => q.lt('expiresAt', before))
      .take(limit);
    for (const d of old) await ctx.db.delete(d._id);
    return { deleted: old.length, done: old.length < limit };
  },
});

/** The authenticated viewer's entries of one (aggregation, filterKey), any definition version. */
export const mine = query({
  args: { aggregation: v.string(), filterKey: v.string() },
  handler: async (ctx, { aggregation, filterKey }) => {
    const viewerId = await viewerIdOf(ctx);
    const docs = await ctx.db
      .query('entries')
      .withIndex('by_viewer_aggregation_filter', (q) =>
        q.eq('viewerId', viewerId).eq('aggregation', aggregation).eq('filterKey', filterKey),
      )
      .take(LIMITS.keysPerCall);
    return docs.map((d) => ({ key: d.key, value: d.value, expiresAt: d.expiresAt }));
  },
});
