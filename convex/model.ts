/**
 * Shared validators, limits and helpers of the Convex functions (no functions are registered here).
 * Mirrors domain/events.ts without importing it: a deployment bundles `convex/` alone.
 */
import type { Auth, GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { ConvexError, type Infer, v } from 'convex/values';
import type { Doc } from './_generated/dataModel.js';
import type { DataModel } from './_generated/server.js';

const nullable = <T extends ReturnType<typeof v.string> | ReturnType<typeof v.number>>(x: T) => v.union(x, v.null());

export const eventFields = {
  eventId: v.string(),
  watchedAt: nullable(v.number()),
  videoId: nullable(v.string()),
  videoTitle: v.string(),
  channelKey: nullable(v.string()),
  channelTitle: nullable(v.string()),
  product: v.union(v.literal('YOUTUBE'), v.literal('YOUTUBE_MUSIC')),
  kind: v.union(v.literal('WATCHED'), v.literal('VIEWED'), v.literal('VISITED')),
  isAd: v.boolean(),
  topics: v.number(),
};
export const eventValidator = v.object(eventFields);
export type EventFields = Infer<typeof eventValidator>;

/**
 * Per-call bounds, well inside Convex's per-transaction limits (16 000 documents written, 32 000
 * read, 4 096 index queries, 16 MiB read/written; 1 MiB per document) and the older halves of them.
 */
export const LIMITS = {
  /** Events per `imports.stage` call: one document written each. */
  stageEvents: 1000,
  /** Staged rows published per `imports.publish` call: 1 index query + 2 writes each. */
  publishRows: 1000,
  /** Rows deleted per `imports.discard` / cleanup step. */
  discardRows: 2000,
  /** Events (or log / usage rows) per page. */
  pageSize: 4000,
  /** Keys per `entries.getMany` / `entries.remove` call. */
  keysPerCall: 100,
  /** Largest entry value, bytes (a document is at most 1 MiB). */
  entryBytes: 1_000_000,
} as const;

export type DbReader = GenericDatabaseReader<DataModel>;
export type DbWriter = GenericDatabaseWriter<DataModel>;

/** Throws a ConvexError (whose message reaches the caller even in production) tagged with the module. */
export function fail(module: string, message: string): never {
  throw new ConvexError(`[convex/${module}] ${message}`);
}

/** `n` when it is an integer in 1..max; throws otherwise. */
export function checkLimit(module: string, name: string, n: number, max: number): number {
  if (!Number.isInteger(n) || n < 1 || n > max) fail(module, `expected ${name} from 1 to ${max}, got ${n}`);
  return n;
}

/**
 * The viewer id of a public call: the authenticated identity's `subject`. A public function
 * never accepts a viewer id argument. Throws when the call is unauthenticated.
 */
export async function viewerIdOf(ctx: { auth: Auth }): Promise<string> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) fail('auth', 'expected an authenticated identity, got none');
  return identity.subject;
}

export async function viewerDoc(db: DbReader, viewerId: string): Promise<Doc<'viewers'> | null> {
  return db
    .query('viewers')
    .withIndex('by_viewer', (q) => q.eq('viewerId', viewerId))
    .unique();
}

/** The viewer document, created with `timeZone` and version 0 when absent. */
export async function ensureViewerDoc(db: DbWriter, viewerId: string, timeZone: string): Promise<Doc<'viewers'>> {
  const existing = await viewerDoc(db, viewerId);
  if (existing) return existing;
  const id = await db.insert('viewers', { viewerId, timeZone, dataVersion: 0, eventCount: 0, publishing: null });
  return (await db.get(id)) as Doc<'viewers'>;
}

export interface ViewerView {
  id: string;
  timeZone: string;
  dataVersion: number;
}
export const viewerView = (d: Doc<'viewers'>): ViewerView => ({
  id: d.viewerId,
  timeZone: d.timeZone,
  dataVersion: d.dataVersion,
});

/** The stored event without its bookkeeping fields. */
export const eventOf = (d: EventFields): EventFields => ({
  eventId: d.eventId,
  watchedAt: d.watchedAt,
  videoId: d.videoId,
  videoTitle: d.videoTitle,
  channelKey: d.channelKey,
  channelTitle: d.channelTitle,
  product: d.product,
  kind: d.kind,
  isAd: d.isAd,
  topics: d.topics,
});
