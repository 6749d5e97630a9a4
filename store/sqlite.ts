/**
 * The embedded default store: one SQLite file through better-sqlite3. better-sqlite3 is
 * synchronous, so for a file the writes — commits of imports (seconds for a large one),
 * entries, usage, viewer settings — run on a writer thread (sqlite-writer.ts) and only short
 * reads run on the calling thread (WAL: readers never wait for the writer). `:memory:` (tests)
 * runs everything on the calling thread, as one connection must. Imports are staged and become
 * visible in one transaction at commit, so a failed import changes nothing.
 */
import type { ThreadClient } from '../runtime/threads.js';
import { siblingModule, startThread } from '../runtime/threads.js';
import { FIRST_PAGE, openDatabase, type PageCursor, SqliteReader, SqliteWriter } from './sqlite-core.js';
import type { WriterOps } from './sqlite-writer.js';
import { type ImportSession, MAX_DELTA_EVENTS, type Store } from './types.js';

export interface SqliteStoreOptions {
  /** File path, or `:memory:`. Parent folders are created. */
  path: string;
  /** Run writes on a writer thread; default true for files (always false for `:memory:`). */
  writerThread?: boolean;
}

const DEFAULT_PAGE = 5000;

/** Opens (and migrates) a SQLite store. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const threaded = options.path !== ':memory:' && options.writerThread !== false;
  if (!threaded) return inThreadStore(new SqliteWriter(openDatabase(options.path)));
  // Migrate here, before any reader opens the file, then hand writing to the thread.
  openDatabase(options.path).close();
  const reader = new SqliteReader(openDatabase(options.path, { readonly: true }));
  const writer = startThread<WriterOps>(
    siblingModule(import.meta.url, 'sqlite-writer'),
    { path: options.path },
    { name: 'sqlite-writer' },
  );
  return { ...threadedStore(reader, writer), spec: { kind: 'sqlite', path: options.path } };
}

/**
 * A read-only view of a store file (an engine thread's connection): reads only; every write
 * throws. The file must exist (a writing store created and migrated it).
 */
export function readOnlySqliteStore(path: string): Store {
  const reader = new SqliteReader(openDatabase(path, { readonly: true }));
  const readOnly = (op: string) => async (): Promise<never> => {
    throw new Error(`[store/sqlite] ${op} on a read-only connection`);
  };
  return {
    kind: 'sqlite',
    ...readOps(reader),
    ensureViewer: readOnly('ensureViewer'),
    setViewerTimeZone: readOnly('setViewerTimeZone'),
    beginImport: readOnly('beginImport'),
    putEntry: readOnly('putEntry'),
    deleteEntries: readOnly('deleteEntries'),
    recordUsage: readOnly('recordUsage'),
    sweepEntries: readOnly('sweepEntries'),
    async close() {
      reader.db.close();
    },
  };
}

/** Reads shared by every shape. */
function readOps(
  reader: SqliteReader,
): Pick<Store, 'getViewer' | 'loadEvents' | 'eventPages' | 'eventsAdded' | 'countEvents' | 'changeLog' | 'getEntries' | 'usage'> {
  return {
    async getViewer(id) {
      return reader.getViewer(id);
    },
    async loadEvents(viewerId) {
      return reader.loadEvents(viewerId);
    },
    async *eventPages(viewerId, opts = {}) {
      // Keyset pages, one statement each (a cursor held across awaits would keep the
      // connection busy for every other request).
      const upTo = opts.upToVersion ?? Number.MAX_SAFE_INTEGER;
      let cursor: PageCursor | null = FIRST_PAGE;
      while (cursor) {
        const { events, next }: { events: import('../domain/events.js').WatchEvent[]; next: PageCursor | null } = reader.page(
          viewerId,
          cursor,
          upTo,
          opts.pageSize ?? DEFAULT_PAGE,
        );
        if (events.length > 0) yield events;
        cursor = next;
      }
    },
    async eventsAdded(viewerId, afterVersion, upToVersion, limit = MAX_DELTA_EVENTS) {
      return reader.eventsAdded(viewerId, afterVersion, upToVersion, limit);
    },
    async countEvents(viewerId) {
      return reader.countEvents(viewerId);
    },
    async changeLog(viewerId, sinceVersion) {
      return reader.changeLog(viewerId, sinceVersion);
    },
    async getEntries(keys) {
      return reader.getEntries(keys);
    },
    async usage(viewerId) {
      return reader.usage(viewerId);
    },
  };
}

/** Staged-import bookkeeping shared by both shapes: one commit or abort per session. */
function importSession(ops: {
  addBatch: ImportSession['addBatch'];
  commit: ImportSession['commit'];
  abort: () => Promise<void>;
}): ImportSession {
  let state: 'open' | 'done' = 'open';
  const ensureOpen = (op: string) => {
    if (state !== 'open') throw new Error(`[store/sqlite] ${op} on an import that is already committed or aborted`);
  };
  return {
    async addBatch(events) {
      ensureOpen('addBatch');
      if (events.length > 0) await ops.addBatch(events);
    },
    async commit(stats) {
      ensureOpen('commit');
      state = 'done';
      return ops.commit(stats);
    },
    async abort() {
      if (state === 'done') return;
      state = 'done';
      await ops.abort();
    },
  };
}

function inThreadStore(db: SqliteWriter): Store {
  return {
    kind: 'sqlite',
    ...readOps(db),
    async ensureViewer(id, timeZone) {
      return db.ensureViewer(id, timeZone);
    },
    async setViewerTimeZone(id, timeZone) {
      return db.setViewerTimeZone(id, timeZone);
    },
    async beginImport(viewerId) {
      const importId = db.beginImport(viewerId);
      return importSession({
        addBatch: async (events) => db.addBatch(importId, events),
        commit: async (stats) => db.commit(importId, viewerId, stats),
        abort: async () => db.abort(importId),
      });
    },
    async putEntry(viewerId, entry) {
      db.putEntry(viewerId, entry);
    },
    async deleteEntries(keys) {
      db.deleteEntries(keys);
    },
    async recordUsage(row, now, halfLifeMs, increment) {
      db.recordUsage(row, now, halfLifeMs, increment);
    },
    async sweepEntries(options) {
      return db.sweepEntries(options);
    },
    async close() {
      db.db.close();
    },
  };
}

function threadedStore(reader: SqliteReader, writer: ThreadClient<WriterOps>): Store {
  return {
    kind: 'sqlite',
    ...readOps(reader),
    ensureViewer: (id, timeZone) => writer.call('ensureViewer', { id, timeZone }),
    setViewerTimeZone: (id, timeZone) => writer.call('setViewerTimeZone', { id, timeZone }),
    async beginImport(viewerId) {
      const importId = await writer.call('beginImport', { viewerId });
      return importSession({
        addBatch: (events) => writer.call('addBatch', { importId, events }),
        commit: (stats) => writer.call('commit', { importId, viewerId, stats }),
        abort: () => writer.call('abort', { importId }),
      });
    },
    putEntry: (viewerId, entry) => writer.call('putEntry', { viewerId, entry }),
    deleteEntries: (keys) => writer.call('deleteEntries', { keys }),
    recordUsage: (row, now, halfLifeMs, increment) => writer.call('recordUsage', { row, now, halfLifeMs, increment }),
    sweepEntries: (options) => writer.call('sweepEntries', options),
    async close() {
      await writer.call('close', {}).catch(() => undefined);
      await writer.close();
      reader.db.close();
    },
  };
}
