/**
 * The Convex adapter: the Store interface over a Convex deployment running `convex/`. Every call
 * goes through a two-method call surface that `ConvexHttpClient` (with a deploy key, for the
 * internal functions) satisfies and that tests back with convex-test. Imports stage in bounded
 * mutations and publish atomically at `seal` (design: convex/README.md "Imports").
 */
import { ConvexHttpClient } from 'convex/browser';
import type { FunctionArgs, FunctionReference, FunctionReturnType } from 'convex/server';
import { internal } from '../convex/_generated/api.js';
import type { Id } from '../convex/_generated/dataModel.js';
import { type EventFields, LIMITS } from '../convex/model.js';
import type { WatchEvent } from '../domain/events.js';
import {
  type ChangeLogEntry,
  type EventPageOptions,
  type ImportSession,
  type ImportStats,
  MAX_DELTA_EVENTS,
  type Store,
  type StoredEntry,
  type UsageRow,
  type Viewer,
} from './types.js';

type Visibility = 'public' | 'internal';

/** The two calls the adapter makes; `ConvexHttpClient` and convex-test's `t` both provide them. */
export interface ConvexCallSurface {
  query<Q extends FunctionReference<'query', Visibility>>(ref: Q, args: FunctionArgs<Q>): Promise<FunctionReturnType<Q>>;
  mutation<M extends FunctionReference<'mutation', Visibility>>(ref: M, args: FunctionArgs<M>): Promise<FunctionReturnType<M>>;
}

export interface ConvexStoreOptions {
  client: ConvexCallSurface;
  /** Events per page read by `loadEvents` / `eventPages`; default 2000, at most LIMITS.pageSize (4000). */
  pageSize?: number;
  /** Most events per staging mutation; default 500, at most LIMITS.stageEvents (1000). */
  stageBatch?: number;
  /** Most estimated argument bytes per staging mutation; default 4 MiB (Convex accepts 8–16 MiB). */
  stageBytes?: number;
  /** Staged rows published per mutation; default 500, at most LIMITS.publishRows (1000). */
  publishChunk?: number;
  /** A publishing lock without a heartbeat for this long is taken over; default 5 min. */
  staleLockMs?: number;
  /** How long a commit waits for another import of the same viewer to finish publishing; default 60 s. */
  lockWaitMs?: number;
  /** Imports older than this are discarded before the first import of this process; default 24 h (0 = never). */
  staleImportMs?: number;
  /** Called by `close` (e.g. to stop a test backend); default nothing. */
  onClose?: () => Promise<void>;
  /** Injected for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/** The Convex Store. */
export type ConvexStore = Store;

// The two shapes differ only in the id's name (`_id` is Convex's own); the spreads carry every
// other field, so a field added to WatchEvent reaches Convex (its validator then insists on it).
const toConvexEvent = ({ id, ...rest }: WatchEvent): EventFields => ({ eventId: id, ...rest });

const fromConvexEvent = ({ eventId, ...rest }: EventFields): WatchEvent => ({ id: eventId, ...rest });

/** A generous UTF-8 size of an event's argument encoding (3 bytes per UTF-16 unit + field overhead). */
const estimateBytes = (e: WatchEvent): number =>
  256 +
  3 *
    (e.id.length + e.videoTitle.length + (e.videoId?.length ?? 0) + (e.channelKey?.length ?? 0) + (e.channelTitle?.length ?? 0));

const bounded = (name: string, value: number | undefined, fallback: number, max: number): number => {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`[store/convex] expected ${name} from 1 to ${max}, got ${n}`);
  return n;
};

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The Store over a Convex deployment reached through `client`. Throws on out-of-range options. */
export function createConvexStore(options: ConvexStoreOptions): ConvexStore {
  const { client } = options;
  const pageSize = bounded('pageSize', options.pageSize, 2000, LIMITS.pageSize);
  const stageBatch = bounded('stageBatch', options.stageBatch, 500, LIMITS.stageEvents);
  const stageBytes = options.stageBytes ?? 4 * 1024 * 1024;
  const publishChunk = bounded('publishChunk', options.publishChunk, 500, LIMITS.publishRows);
  const staleLockMs = options.staleLockMs ?? 5 * 60_000;
  const lockWaitMs = options.lockWaitMs ?? 60_000;
  const staleImportMs = options.staleImportMs ?? 86_400_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let swept: Promise<void> | null = staleImportMs > 0 ? null : Promise.resolve();

  const sweepOnce = (): Promise<void> => {
    swept ??= (async () => {
      while (!(await client.mutation(internal.imports.sweepStale, { olderThanMs: staleImportMs })).done);
    })();
    return swept;
  };

  const discardAll = async (importId: Id<'imports'>) => {
    while (!(await client.mutation(internal.imports.discard, { importId })).done);
  };

  async function* pages<T>(
    fetchPage: (cursor: string | null) => Promise<{ page: T[]; isDone: boolean; continueCursor: string }>,
  ) {
    let cursor: string | null = null;
    for (;;) {
      const r = await fetchPage(cursor);
      if (r.page.length > 0) yield r.page;
      if (r.isDone) return;
      cursor = r.continueCursor;
    }
  }

  const collect = async <T>(it: AsyncIterable<T[]>): Promise<T[]> => {
    const out: T[] = [];
    for await (const page of it) for (const x of page) out.push(x);
    return out;
  };

  const viewerOf = (r: { id: string; timeZone: string; dataVersion: number }): Viewer => ({
    id: r.id,
    timeZone: r.timeZone,
    dataVersion: r.dataVersion,
  });

  /** The viewer's events in Store order, one page at a time, all at one data version (default: the one read first). */
  async function* eventPages(viewerId: string, opts: EventPageOptions = {}): AsyncIterable<WatchEvent[]> {
    let atVersion = opts.upToVersion;
    if (atVersion === undefined) {
      const viewer = await client.query(internal.viewers.get, { viewerId });
      if (!viewer) return;
      atVersion = viewer.dataVersion;
    }
    const numItems = Math.min(opts.pageSize ?? pageSize, LIMITS.pageSize);
    for await (const page of pages((cursor) =>
      client.query(internal.events.list, { viewerId, atVersion, paginationOpts: { numItems, cursor } }),
    )) {
      yield page.map(fromConvexEvent);
    }
  }

  async function eventsAdded(viewerId: string, afterVersion: number, upToVersion: number, limit = MAX_DELTA_EVENTS) {
    const events: WatchEvent[] = [];
    for await (const page of pages((cursor) =>
      client.query(internal.events.added, {
        viewerId,
        afterVersion,
        upToVersion,
        paginationOpts: { numItems: pageSize, cursor },
      }),
    )) {
      for (const e of page) {
        if (events.length === limit) return { events, truncated: true };
        events.push(fromConvexEvent(e));
      }
    }
    return { events, truncated: false };
  }

  return {
    kind: 'convex',
    eventPages,
    eventsAdded,
    async getViewer(viewerId) {
      const r = await client.query(internal.viewers.get, { viewerId });
      return r ? viewerOf(r) : null;
    },
    async ensureViewer(viewerId, timeZone = 'UTC') {
      return viewerOf(await client.mutation(internal.viewers.ensure, { viewerId, timeZone }));
    },
    async setViewerTimeZone(viewerId, timeZone) {
      return viewerOf(await client.mutation(internal.viewers.setTimeZone, { viewerId, timeZone }));
    },

    async beginImport(viewerId): Promise<ImportSession> {
      await sweepOnce();
      const importId = await client.mutation(internal.imports.begin, { viewerId });
      let state: 'open' | 'done' = 'open';
      const ensureOpen = (op: string) => {
        if (state !== 'open') throw new Error(`[store/convex] ${op} on an import that is already committed or aborted`);
      };
      const stage = (events: WatchEvent[]) =>
        client.mutation(internal.imports.stage, { importId, events: events.map(toConvexEvent) });
      const publishAll = async (stats: ImportStats) => {
        const deadline = Date.now() + lockWaitMs;
        for (let wait = 50; ; ) {
          const status = await client.mutation(internal.imports.startPublish, { importId, staleLockMs });
          if (status === 'ready') break;
          if (status === 'busy') {
            if (Date.now() >= deadline) {
              throw new Error(`[store/convex] viewer ${viewerId} has another import publishing; gave up after ${lockWaitMs} ms`);
            }
            await sleep(wait);
            wait = Math.min(wait * 2, 1000);
          }
        }
        while (!(await client.mutation(internal.imports.publish, { importId, limit: publishChunk })).done);
        return client.mutation(internal.imports.seal, { importId, stats: JSON.stringify(stats) });
      };
      return {
        async addBatch(events) {
          ensureOpen('addBatch');
          let batch: WatchEvent[] = [];
          let bytes = 0;
          for (const e of events) {
            const b = estimateBytes(e);
            if (batch.length > 0 && (batch.length >= stageBatch || bytes + b > stageBytes)) {
              await stage(batch);
              batch = [];
              bytes = 0;
            }
            batch.push(e);
            bytes += b;
          }
          if (batch.length > 0) await stage(batch);
        },
        async commit(stats) {
          ensureOpen('commit');
          state = 'done';
          try {
            return await publishAll(stats);
          } catch (err) {
            // Nothing of a failed commit may stay: unpublished rows are removed (a no-op if it sealed after all).
            await discardAll(importId).catch(() => undefined);
            throw err;
          }
        },
        async abort() {
          if (state === 'done') return;
          state = 'done';
          await discardAll(importId);
        },
      };
    },

    loadEvents: (viewerId) => collect(eventPages(viewerId)),
    async countEvents(viewerId) {
      return (await client.query(internal.viewers.get, { viewerId }))?.eventCount ?? 0;
    },
    async changeLog(viewerId, sinceVersion = -1): Promise<ChangeLogEntry[]> {
      const rows = await collect(
        pages((cursor) =>
          client.query(internal.changeLog.list, { viewerId, sinceVersion, paginationOpts: { numItems: pageSize, cursor } }),
        ),
      );
      return rows.map((r) => ({ ...r, stats: JSON.parse(r.stats) as ImportStats }));
    },

    async getEntries(keys): Promise<(StoredEntry | null)[]> {
      const parts = await Promise.all(
        chunks(keys, LIMITS.keysPerCall).map((part) => client.query(internal.entries.getMany, { keys: part })),
      );
      return parts.flat().map((r) => (r ? { key: r.key, value: new Uint8Array(r.value), expiresAt: r.expiresAt } : null));
    },
    async putEntry(viewerId, entry) {
      if (entry.value.byteLength > LIMITS.entryBytes) {
        throw new Error(`[store/convex] expected an entry of at most ${LIMITS.entryBytes} bytes, got ${entry.value.byteLength}`);
      }
      // An exact-length copy: the view may sit inside a larger (or shared) buffer.
      const value = entry.value.slice().buffer as ArrayBuffer;
      await client.mutation(internal.entries.put, { viewerId, key: entry.key, value, expiresAt: entry.expiresAt });
    },
    async deleteEntries(keys) {
      for (const part of chunks(keys, LIMITS.keysPerCall)) await client.mutation(internal.entries.remove, { keys: part });
    },
    /** Expired entries only: a per-viewer byte budget is not enforced on Convex (its storage is billed, not a local disk). */
    async sweepEntries(options) {
      let expired = 0;
      for (;;) {
        const r = await client.mutation(internal.entries.sweepExpired, {
          before: options.now - options.retainStaleMs,
          limit: LIMITS.keysPerCall,
        });
        expired += r.deleted;
        if (r.done) break;
      }
      return { expired, evicted: 0, entries: -1, bytes: -1 };
    },

    async recordUsage(row, now, halfLifeMs, increment = 1) {
      if (!(halfLifeMs > 0)) throw new Error(`[store/convex] expected halfLifeMs > 0, got ${halfLifeMs}`);
      await client.mutation(internal.usage.record, {
        viewerId: row.viewerId,
        aggregation: row.aggregation,
        filterKey: row.filterKey,
        params: row.params,
        computeMillis: row.computeMillis,
        bytes: row.bytes,
        now,
        halfLifeMs,
        increment,
      });
    },
    async usage(viewerId): Promise<UsageRow[]> {
      return collect(
        pages((cursor) => client.query(internal.usage.list, { viewerId, paginationOpts: { numItems: pageSize, cursor } })),
      );
    },

    async close() {
      await options.onClose?.();
    },
  };
}

/** The call surface of a `ConvexHttpClient` (mutations bypass its one-at-a-time queue; the adapter orders its own calls). */
export function httpCallSurface(client: ConvexHttpClient): ConvexCallSurface {
  type AnyQuery = FunctionReference<'query'>;
  type AnyMutation = FunctionReference<'mutation'>;
  return {
    query: (ref, args) => client.query(ref as unknown as AnyQuery, args as FunctionArgs<AnyQuery>),
    mutation: (ref, args) =>
      client.mutation(ref as unknown as AnyMutation, args as FunctionArgs<AnyMutation>, { skipQueue: true }),
  };
}

export interface ConvexEnv {
  /** The deployment URL, `https://<name>.convex.cloud`. */
  CONVEX_URL?: string;
  /** A deploy key (or admin key) of that deployment: the internal functions refuse any other caller. */
  CONVEX_DEPLOY_KEY?: string;
}

/**
 * The Convex store from `CONVEX_URL` and `CONVEX_DEPLOY_KEY`. Throws when either is missing.
 * `fetch` is for tests (a fake backend); the other options are as in createConvexStore.
 */
export function createConvexStoreFromEnv(
  env: ConvexEnv,
  options: Omit<ConvexStoreOptions, 'client'> & { fetch?: typeof fetch } = {},
): ConvexStore {
  const url = env.CONVEX_URL?.trim();
  if (!url) throw new Error('[store/convex] expected CONVEX_URL (https://<deployment>.convex.cloud), got nothing');
  const key = env.CONVEX_DEPLOY_KEY?.trim();
  if (!key)
    throw new Error('[store/convex] expected CONVEX_DEPLOY_KEY (the functions the gateway calls are internal), got nothing');
  const { fetch: fetchImpl, ...rest } = options;
  const http = new ConvexHttpClient(url, { logger: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  // `setAdminAuth` is how the Convex CLI and dashboard call internal functions; it is marked
  // @internal in convex's typings, hence the structural cast (checked at runtime).
  const admin = http as unknown as { setAdminAuth?: (token: string) => void };
  if (typeof admin.setAdminAuth !== 'function') {
    throw new Error('[store/convex] expected ConvexHttpClient.setAdminAuth (convex >= 1.x), got none');
  }
  admin.setAdminAuth(key);
  const store = createConvexStore({ ...rest, client: httpCallSurface(http) });
  // Another thread can open the same deployment, unless calls go through an injected fetch (tests).
  return fetchImpl ? store : { ...store, spec: { kind: 'convex', url, deployKey: key } };
}
