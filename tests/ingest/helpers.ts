import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ImportOptions, type ImportReport, importTakeout } from '../../ingest/takeout.js';
import { createSqliteStore } from '../../store/sqlite.js';
import type { Store } from '../../store/types.js';

export const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../fixtures/takeout/${name}`, import.meta.url)));

export const memoryStore = (): Store => createSqliteStore({ path: ':memory:' });

/** Feeds `data` in chunks of `chunkSize` bytes (small chunks exercise every boundary case). */
export async function* chunked(data: Buffer, chunkSize = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += chunkSize) yield data.subarray(i, i + chunkSize);
}

export function importBuffer(
  store: Store,
  data: Buffer | string,
  filename = 'watch-history',
  opts: Partial<ImportOptions> & { chunkSize?: number; viewerId?: string } = {},
): Promise<ImportReport> {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return importTakeout(
    store,
    opts.viewerId ?? 'viewer-1',
    { stream: chunked(buf, opts.chunkSize ?? 4096), filename },
    {
      viewerTimeZone: 'UTC',
      ...opts,
    },
  );
}
