/**
 * Where the engine runs. `createThreadedEngineHost` starts engine threads (engine-worker.ts),
 * each opening its own store connection from a StoreSpec; a viewer always goes to the same
 * thread, so its state lives in one place. `createInlineEngineHost` runs the same
 * EngineService in the calling thread, for stores another thread cannot open (`:memory:`
 * SQLite, convex-test) — tests and benchmarks of the engine itself.
 */
import { availableParallelism } from 'node:os';
import { siblingModule, startThread, type ThreadClient } from '../runtime/threads.js';
import type { StoreSpec } from '../store/spec.js';
import type { Store } from '../store/types.js';
import { type ComputeAnswer, type ComputeBatch, EngineService, type EngineServiceStats } from './engine-service.js';
import type { EngineOps, EngineThreadData } from './engine-worker.js';

export interface EngineHost {
  readonly kind: 'inline' | 'threads';
  compute(batch: ComputeBatch): Promise<ComputeAnswer>;
  /** Per engine thread (one entry inline). */
  stats(): Promise<EngineServiceStats[]>;
  close(): Promise<void>;
}

export interface EngineHostOptions {
  /** Bound of engine state per thread, bytes; default 1 GiB. */
  maxBytes?: number;
  /** Share of incremental results recomputed from scratch and compared; default 0.01. */
  shadowRate?: number;
  /** Test hooks: a synchronous spin before each batch of a priority (EngineServiceOptions). */
  spinMsPerBatch?: number;
  spinPriority?: 'interactive' | 'background';
}

export function createInlineEngineHost(store: Store, options: EngineHostOptions = {}): EngineHost {
  const service = new EngineService({ store, ...options });
  return {
    kind: 'inline',
    compute: (batch) => service.compute(batch),
    stats: async () => [{ ...service.stats }],
    close: async () => {},
  };
}

export interface ThreadedEngineHostOptions extends EngineHostOptions {
  spec: StoreSpec;
  /** Engine threads; default one per core but one (the serving thread keeps one), at least 1. */
  threads?: number;
  /** Called when a thread dies (it is restarted on its next call). */
  onExit?: (thread: number, code: number, error: Error | null) => void;
}

/** Default number of engine threads: the cores minus the serving thread's, at least one. */
export const defaultEngineThreads = (): number => Math.max(1, availableParallelism() - 1);

export function createThreadedEngineHost(options: ThreadedEngineHostOptions): EngineHost {
  const n = options.threads ?? defaultEngineThreads();
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`[precompute/engine-host] expected threads >= 1, got ${n}`);
  const data: EngineThreadData = {
    store: options.spec,
    maxBytes: options.maxBytes,
    shadowRate: options.shadowRate,
    spinMsPerBatch: options.spinMsPerBatch,
    spinPriority: options.spinPriority,
  };
  const threads: ThreadClient<EngineOps>[] = Array.from({ length: n }, (_, i) =>
    startThread<EngineOps>(siblingModule(import.meta.url, 'engine-worker'), data, {
      name: `engine-${i}`,
      onExit: (code, error) => options.onExit?.(i, code, error),
    }),
  );
  const threadOf = (viewerId: string): ThreadClient<EngineOps> => threads[hash(viewerId) % n] as ThreadClient<EngineOps>;
  return {
    kind: 'threads',
    compute: (batch) => threadOf(batch.viewerId).call('compute', batch),
    stats: () => Promise.all(threads.map((t) => t.call('stats', {}))),
    async close() {
      await Promise.all(threads.map((t) => t.close()));
    },
  };
}

/** FNV-1a: a stable thread for a viewer. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
