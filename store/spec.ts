/**
 * A store described by plain data, so another thread can open its own connection to it: an
 * engine thread reads a SQLite file directly (read-only; WAL lets it read while the writer
 * commits) or calls the Convex deployment itself.
 */
import { createConvexStoreFromEnv } from './convex.js';
import { createSqliteStore, readOnlySqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type StoreSpec = { kind: 'sqlite'; path: string } | { kind: 'convex'; url: string; deployKey: string };

/** Opens a store for writing from its spec, for a thread that is itself off the serving loop (SQLite: this thread's own connection). */
export function openStoreWriter(spec: StoreSpec): Store {
  if (spec.kind === 'sqlite') return createSqliteStore({ path: spec.path, writerThread: false });
  return createConvexStoreFromEnv({ CONVEX_URL: spec.url, CONVEX_DEPLOY_KEY: spec.deployKey });
}

/** Opens a store for reading (events, change log, viewers) from its spec. */
export function openStoreReader(spec: StoreSpec): Store {
  if (spec.kind === 'sqlite') return readOnlySqliteStore(spec.path);
  return createConvexStoreFromEnv({ CONVEX_URL: spec.url, CONVEX_DEPLOY_KEY: spec.deployKey });
}
