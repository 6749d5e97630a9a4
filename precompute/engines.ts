/**
 * Engines per viewer, rebuilt when the viewer's data version changes. Loading is
 * single-flight (concurrent requests share one load) and a few viewers are kept (LRU).
 * Contexts are memoised per (filter key, local day) so the fields of one dashboard share
 * selections and sessions.
 */
import { LRUCache } from 'lru-cache';
import { type CanonicalFilter, filterKey, todayOf } from '../domain/filter.js';
import type { Store } from '../store/types.js';
import { Engine, type KernelContext } from './engine/index.js';

export interface EngineProviderOptions {
  store: Store;
  /** Viewers whose engines stay in memory; default 8. */
  maxViewers?: number;
  /** Contexts kept per engine; default 16 (each may hold a selection of 4 bytes per event). */
  maxContexts?: number;
}

interface Loaded {
  engine: Engine;
  contexts: LRUCache<string, KernelContext>;
}

export interface EngineProvider {
  /** The engine for the viewer at exactly `dataVersion` (reloaded from the store when it changed). */
  context(viewerId: string, dataVersion: number, filter: CanonicalFilter, nowMs: number): Promise<KernelContext>;
  /** Number of times events were loaded from the store (for tests and metrics). */
  readonly loads: number;
}

export function createEngineProvider(options: EngineProviderOptions): EngineProvider {
  const maxContexts = options.maxContexts ?? 16;
  const engines = new LRUCache<string, Promise<Loaded>>({ max: options.maxViewers ?? 8 });
  let loads = 0;

  const load = (viewerId: string, dataVersion: number): Promise<Loaded> => {
    const key = `${viewerId}@${dataVersion}`;
    let p = engines.get(key);
    if (!p) {
      loads++;
      const { store } = options;
      p = (async () => {
        const changeLog = await store.changeLog(viewerId);
        // Page by page when the store can: one page of event objects at a time, plus the columns.
        const engine = store.eventPages
          ? await Engine.fromPages(store.eventPages(viewerId), { changeLog })
          : new Engine(await store.loadEvents(viewerId), { changeLog });
        return { engine, contexts: new LRUCache<string, KernelContext>({ max: maxContexts }) };
      })();
      p.catch(() => engines.delete(key)); // a failed load is retried by the next request
      engines.set(key, p);
    }
    return p;
  };

  return {
    get loads() {
      return loads;
    },
    async context(viewerId, dataVersion, filter, nowMs) {
      const { engine, contexts } = await load(viewerId, dataVersion);
      const key = `${filterKey(filter)}@${todayOf(filter, nowMs)}`;
      let ctx = contexts.get(key);
      if (!ctx) {
        ctx = engine.context(filter, nowMs);
        contexts.set(key, ctx);
      }
      return ctx;
    },
  };
}
