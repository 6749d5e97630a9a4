/**
 * A store described by plain data, so another thread can open its own connection to it: an
 * engine thread reads a SQLite file directly (read-only; WAL lets it read while the writer
 * commits) or calls the Convex deployment itself.
 */
import { createConvexStoreFromEnv } from './convex.js';
import { readOnlySqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type StoreSpec = { kind: 'sqlite'; path: string } | { kind: 'convex'; url: string; deployKey: string };

/** Opens a store for reading (events, change log, viewers) from its spec. */
export function openStoreReader(spec: StoreSpec): Store {
  if (spec.kind === 'sqlite') return readOnlySqliteStore(spec.path);
  return createConvexStoreFromEnv({ CONVEX_URL: spec.url, CONVEX_DEPLOY_KEY: spec.deployKey });
}
