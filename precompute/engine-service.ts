/**
 * The engine side of the message boundary: per-viewer engine state, brought to the data
 * version a request names, and the computation of aggregation entries. It runs in an engine
 * thread (engine-worker.ts) — or in the calling thread for stores a thread cannot open
 * (`:memory:` SQLite, convex-test) — and reads the store itself, so a history never crosses
 * the boundary: requests carry (viewer, version, filter, params), answers carry JSON.
 *
 * Where the state lives: here, one entry per viewer (LRU), bounded by `maxBytes` of columns;
 * a viewer over the bound alone is still served, then dropped.
 */
import type { CanonicalFilter } from '../domain/filter.js';
import { filterKey, todayOf } from '../domain/filter.js';
import type { ChangeLogEntry, Store } from '../store/types.js';
import { Engine, type KernelContext } from './engine/index.js';
import { aggregationDef } from './registry.js';

export interface ComputeItem {
  aggregation: string;
  filter: CanonicalFilter;
  /** Canonical entry params (the registry's parseParams/entryParams output). */
  params: Record<string, unknown>;
}

export interface ComputeBatch {
  viewerId: string;
  /** The data version the results must be computed from. */
  dataVersion: number;
  /** Instant of "today" for every item, epoch ms. */
  nowMs: number;
  items: ComputeItem[];
  /** Interactive batches (a request is waiting) run before background ones between items. */
  priority: 'interactive' | 'background';
}

export type ComputeOutcome =
  | { ok: true /** JSON of the result data. */; json: string; computeMillis: number }
  | { ok: false; error: string };

export interface ComputeAnswer {
  /** The data version the outcomes were computed from (= the batch's). */
  dataVersion: number;
  outcomes: ComputeOutcome[];
  /** How the state was brought to the version, when it had to be: a full load or a delta. */
  advanced: { kind: 'load' | 'delta'; events: number; millis: number } | null;
}

export interface EngineServiceStats {
  viewers: number;
  bytes: number;
  loads: number;
  deltas: number;
  contextsCreated: number;
  itemsComputed: number;
}

export interface EngineServiceOptions {
  store: Store;
  /** Bound of the engine state kept, bytes of columns; default 1 GiB. */
  maxBytes?: number;
  /** Contexts kept per viewer (one per filter combo and local day); default 32 (the base set has 18). */
  maxContexts?: number;
  /**
   * Test hook: keeps the thread busy (a synchronous spin) this long before each batch of
   * `spinPriority` (default interactive), as a long kernel would. Default 0.
   */
  spinMsPerBatch?: number;
  spinPriority?: 'interactive' | 'background';
}

interface ViewerState {
  version: number;
  engine: Engine;
  bytes: number;
  contexts: Map<string, KernelContext>;
}

const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

/** Bytes of an engine's columns (typed arrays), zone columns included. */
export function engineBytes(engine: Engine): number {
  const t = engine.table;
  const perRow = 8 + 4 + 2 + 1 + 1 + 8 + 1; // time, channel, topics, product, isAd, watchSeconds, signals
  const zones = 11 * 4; // day, month (4 + 4) + dayOfMonth, hour, weekday (1 + 1 + 1), up to 4 zones
  return t.length * (perRow + zones) + t.channels.size * 200;
}

export class EngineService {
  private readonly store: Store;
  private readonly maxBytes: number;
  private readonly maxContexts: number;
  private readonly spinMs: number;
  private readonly spinPriority: 'interactive' | 'background';
  private readonly viewers = new Map<string, Promise<ViewerState>>();
  private readonly queue: { batch: ComputeBatch; resolve: (a: ComputeAnswer) => void; reject: (e: Error) => void }[] = [];
  private running = false;
  readonly stats: EngineServiceStats = { viewers: 0, bytes: 0, loads: 0, deltas: 0, contextsCreated: 0, itemsComputed: 0 };

  constructor(options: EngineServiceOptions) {
    this.store = options.store;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxContexts = options.maxContexts ?? 32;
    this.spinMs = options.spinMsPerBatch ?? 0;
    this.spinPriority = options.spinPriority ?? 'interactive';
  }

  /** Computes a batch; interactive batches overtake queued background ones. */
  compute(batch: ComputeBatch): Promise<ComputeAnswer> {
    return new Promise((resolve, reject) => {
      const entry = { batch, resolve, reject };
      if (batch.priority === 'interactive') {
        const firstBackground = this.queue.findIndex((q) => q.batch.priority === 'background');
        this.queue.splice(firstBackground === -1 ? this.queue.length : firstBackground, 0, entry);
      } else {
        this.queue.push(entry);
      }
      void this.pump();
    });
  }

  /** Drops a viewer's state (tests, or a viewer deleted). */
  forget(viewerId: string): void {
    this.viewers.delete(viewerId);
    void this.measure();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        try {
          next.resolve(await this.run(next.batch));
        } catch (err) {
          next.reject(err as Error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async run(batch: ComputeBatch): Promise<ComputeAnswer> {
    const { state, advanced } = await this.stateAt(batch.viewerId, batch.dataVersion);
    if (this.spinMs > 0 && batch.priority === this.spinPriority) {
      const until = performance.now() + this.spinMs;
      while (performance.now() < until) {
        // spin: a CPU-bound computation
      }
    }
    const outcomes: ComputeOutcome[] = [];
    for (const item of batch.items) {
      try {
        const def = aggregationDef(item.aggregation);
        const ctx = this.contextOf(state, item.filter, batch.nowMs);
        const t0 = performance.now();
        const data = def.kernel(ctx, item.params);
        const computeMillis = performance.now() - t0;
        outcomes.push({ ok: true, json: JSON.stringify(data), computeMillis });
        this.stats.itemsComputed++;
      } catch (err) {
        outcomes.push({ ok: false, error: (err as Error).message });
      }
      // Between items, a waiting request's batch may run first (see compute()).
      if (this.queue.length > 0 && this.queue[0]?.batch.priority === 'interactive' && batch.priority === 'background') {
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    return { dataVersion: state.version, outcomes, advanced };
  }

  private contextOf(state: ViewerState, filter: CanonicalFilter, nowMs: number): KernelContext {
    const key = `${filterKey(filter)}@${todayOf(filter, nowMs)}`;
    let ctx = state.contexts.get(key);
    if (ctx) {
      state.contexts.delete(key); // re-insert: Map order is recency
    } else {
      ctx = state.engine.context(filter, nowMs);
      this.stats.contextsCreated++;
      if (state.contexts.size >= this.maxContexts) state.contexts.delete(state.contexts.keys().next().value as string);
    }
    state.contexts.set(key, ctx);
    return ctx;
  }

  /** The viewer's state at exactly `version`: kept, advanced by the delta, or loaded. */
  private async stateAt(viewerId: string, version: number): Promise<{ state: ViewerState; advanced: ComputeAnswer['advanced'] }> {
    const held = this.viewers.get(viewerId);
    if (held) {
      const state = await held.catch(() => null);
      if (state && state.version === version) {
        this.viewers.delete(viewerId);
        this.viewers.set(viewerId, held); // recency
        return { state, advanced: null };
      }
    }
    const t0 = performance.now();
    const loading = this.load(viewerId, version);
    this.viewers.set(viewerId, loading);
    loading.catch(() => {
      if (this.viewers.get(viewerId) === loading) this.viewers.delete(viewerId);
    });
    const state = await loading;
    this.stats.loads++;
    await this.measure();
    return { state, advanced: { kind: 'load', events: state.engine.eventCount, millis: performance.now() - t0 } };
  }

  private async load(viewerId: string, version: number): Promise<ViewerState> {
    const changeLog = (await this.store.changeLog(viewerId)).filter((e: ChangeLogEntry) => e.dataVersion <= version);
    const engine = await Engine.fromPages(this.store.eventPages(viewerId, { upToVersion: version }), { changeLog });
    return { version, engine, bytes: engineBytes(engine), contexts: new Map() };
  }

  /** Recomputes the bytes held and evicts least recently used viewers beyond the bound. */
  private async measure(): Promise<void> {
    const states: [string, ViewerState][] = [];
    for (const [id, p] of this.viewers) {
      const s = await p.catch(() => null);
      if (s) states.push([id, s]);
    }
    let bytes = states.reduce((sum, [, s]) => sum + s.bytes, 0);
    for (const [id, s] of states) {
      if (bytes <= this.maxBytes || states.length <= 1) break;
      if (this.viewers.size <= 1) break;
      this.viewers.delete(id);
      bytes -= s.bytes;
    }
    this.stats.viewers = this.viewers.size;
    this.stats.bytes = bytes;
  }
}
