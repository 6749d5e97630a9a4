/**
 * An import thread: parses a Takeout file (JSON, HTML or zip) and stages and commits its events
 * through its own store connection, so neither parsing nor a multi-second commit runs on a
 * serving event loop. The caller hands over a file path (an upload spooled to disk).
 */
import { createReadStream } from 'node:fs';
import { serveThread, threadData } from '../runtime/threads.js';
import { openStoreWriter, type StoreSpec } from '../store/spec.js';
import { type ImportReport, importTakeout } from './takeout.js';

export interface ImportFileArgs {
  viewerId: string;
  /** The file to read (the thread only reads it; the caller deletes it). */
  path: string;
  /** For messages; the format is sniffed from the content. */
  filename: string;
  size?: number;
  viewerTimeZone: string;
  maxBytes?: number;
  /** The importer's clock, epoch ms (the gateway's, read when the upload arrived). */
  nowMs: number;
  maxClockSkewMs?: number;
}

export interface ImportOps {
  importFile: { args: ImportFileArgs; result: ImportReport };
}

export const runImportFile = (store: Parameters<typeof importTakeout>[0], a: ImportFileArgs): Promise<ImportReport> =>
  importTakeout(
    store,
    a.viewerId,
    { stream: createReadStream(a.path, { highWaterMark: 256 * 1024 }), filename: a.filename, size: a.size },
    { viewerTimeZone: a.viewerTimeZone, maxBytes: a.maxBytes, now: () => a.nowMs, maxClockSkewMs: a.maxClockSkewMs },
  );

/** What import-host passes to the thread. */
export interface ImportThreadData {
  role: 'import';
  store: StoreSpec;
}

// Only when started as the import thread (import-host.ts imports this module for its types and runImportFile).
const data = threadData<ImportThreadData | undefined>();
if (data?.role === 'import') {
  const store = openStoreWriter(data.store);
  serveThread<ImportOps>({ importFile: (a) => runImportFile(store, a) }, { background: true });
}
