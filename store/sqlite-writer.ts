/**
 * The SQLite writer thread: owns the read-write connection of a store file and runs its writes
 * one at a time, so a multi-second commit blocks this thread, never a serving event loop.
 */
import type { WatchEvent } from '../domain/events.js';
import { serveThread, threadData } from '../runtime/threads.js';
import { openDatabase, SqliteWriter, type UsageInput } from './sqlite-core.js';
import type { CommitResult, ImportStats, StoredEntry, SweepOptions, SweepReport, Viewer } from './types.js';

/** Every operation of the writer thread, typed on both sides. */
export interface WriterOps {
  ensureViewer: { args: { id: string; timeZone?: string }; result: Viewer };
  setViewerTimeZone: { args: { id: string; timeZone: string }; result: Viewer };
  beginImport: { args: { viewerId: string }; result: number };
  addBatch: { args: { importId: number; events: readonly WatchEvent[] }; result: undefined };
  commit: { args: { importId: number; viewerId: string; stats: ImportStats }; result: CommitResult };
  abort: { args: { importId: number }; result: undefined };
  putEntry: { args: { viewerId: string; entry: StoredEntry }; result: undefined };
  deleteEntries: { args: { keys: readonly string[] }; result: undefined };
  recordUsage: { args: { row: UsageInput; now: number; halfLifeMs: number; increment?: number }; result: undefined };
  sweepEntries: { args: SweepOptions; result: SweepReport };
  close: { args: Record<string, never>; result: undefined };
}

const { path } = threadData<{ path: string }>();
const db = new SqliteWriter(openDatabase(path));

serveThread<WriterOps>(
  {
    ensureViewer: ({ id, timeZone }) => db.ensureViewer(id, timeZone),
    setViewerTimeZone: ({ id, timeZone }) => db.setViewerTimeZone(id, timeZone),
    beginImport: ({ viewerId }) => db.beginImport(viewerId),
    addBatch: ({ importId, events }) => db.addBatch(importId, events),
    commit: ({ importId, viewerId, stats }) => db.commit(importId, viewerId, stats),
    abort: ({ importId }) => db.abort(importId),
    putEntry: ({ viewerId, entry }) => db.putEntry(viewerId, entry),
    deleteEntries: ({ keys }) => db.deleteEntries(keys),
    recordUsage: ({ row, now, halfLifeMs, increment }) => db.recordUsage(row, now, halfLifeMs, increment),
    sweepEntries: (options) => db.sweepEntries(options),
    close: () => {
      db.db.close();
    },
  },
  { background: true },
);
