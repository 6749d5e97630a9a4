/**
 * Where Takeout imports run. With a store another thread can open (`store.spec`), each import
 * runs in an import thread (import-worker.ts) — parsing, staging and the commit — one at a time;
 * otherwise (`:memory:`, test backends) in the calling thread.
 */
import { siblingModule, startThread, type ThreadClient } from '../runtime/threads.js';
import type { Store } from '../store/types.js';
import { type ImportFileArgs, type ImportOps, type ImportThreadData, runImportFile } from './import-worker.js';
import { ImportRejectedError } from './sink.js';
import type { ImportReport } from './takeout.js';

export interface ImportRunner {
  readonly kind: 'inline' | 'thread';
  /** Imports the file at `args.path`; rejects with ImportRejectedError for a bad file (nothing stored). */
  importFile(args: ImportFileArgs): Promise<ImportReport>;
  close(): Promise<void>;
}

export interface ImportRunnerOptions {
  /** Called after an import committed in another thread (this process's store did not see it). */
  onCommitted?: (viewerId: string, report: ImportReport) => void;
}

export function createImportRunner(store: Store, options: ImportRunnerOptions = {}): ImportRunner {
  if (!store.spec) {
    return { kind: 'inline', importFile: (args) => runImportFile(store, args), close: async () => {} };
  }
  const spec = store.spec;
  let thread: ThreadClient<ImportOps> | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  return {
    kind: 'thread',
    importFile(args) {
      // One import at a time: they all write the same store.
      const run = chain.then(async () => {
        const data: ImportThreadData = { role: 'import', store: spec };
        thread ??= startThread<ImportOps>(siblingModule(import.meta.url, 'import-worker'), data, { name: 'import' });
        try {
          const report = await thread.call('importFile', args);
          if (report.eventsAdded + report.duplicates > 0) options.onCommitted?.(args.viewerId, report);
          return report;
        } catch (err) {
          const e = err as Error & { code?: string; detail?: string };
          if (e.name === 'ImportRejectedError' && e.code) throw new ImportRejectedError(e.code as never, e.detail ?? e.message);
          throw err;
        }
      });
      chain = run.catch(() => undefined);
      return run;
    },
    async close() {
      await chain;
      await thread?.close();
    },
  };
}
