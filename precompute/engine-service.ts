/**
 * The engine side of the message boundary: per-viewer engine state (a LiveEngine), brought to
 * the data version a request names, and the computation of aggregation entries. It runs in an
 * engine thread (engine-worker.ts) — or in the calling thread for stores a thread cannot open
 * (`:memory:` SQLite, convex-test) — and reads the store itself, so a history never crosses
 * the boundary: requests carry (viewer, version, filter, params), answers carry JSON.
 *
 * Cost follows the change: a state at version v reaches v' by appending the events of the
 * commits (v, v'] (Store.eventsAdded, one bounded query), never by reloading because the
 * version moved. An item that names the version of the entry the caller holds (`since`) is
 * answered `unchanged` when no append since then touched what its definition reads — the
 * caller then carries that entry to the new version instead of recomputing it.
 *
 * Where the state lives: here, one LiveEngine per viewer (LRU), bounded by `maxBytes` of
 * columns and statistics (LiveEngine.bytes); a viewer alone over the bound is still served.
 */
import type { CanonicalFilter } from '../domain/filter.js';
import { filterKey } from '../domain/filter.js';
import { nextTurn } from '../runtime/slice.js';
import type { ChangeLogEntry, Store } from '../store/types.js';
import { computeEntry, entryAffected } from './aggregation.js';
import { type AppendReport, Engine, LiveEngine } from './engine/index.js';
import { aggregationDef } from './registry.js';

export interface ComputeItem {
  aggregation: string;
  filter: CanonicalFilter;
  /** Canonical entry params (the registry's parseParams/entryParams output). */
  params: Record<string, unknown>;
  /** The data version of the entry the caller holds: answer `unchanged` when nothing since then touched it. */
  since?: number;
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
  | {
      ok: true;
      /** JSON of the result data; absent when `unchanged`. */
      json?: string;
      /** The entry the caller holds (at `since`) is still exact: carry it to this version. */
      unchanged?: boolean;
      computeMillis: number;
      /** How it was produced: maintained statistics, a scan of the rows, or carried forward. */
      path: 'merged' | 'recomputed' | 'unchanged';
      /** A shadow check (from-scratch recomputation) disagreed: `json` is the from-scratch answer. */
      shadowMismatch?: boolean;
      /** A shadow check ran and agreed. */
      shadowChecked?: boolean;
    }
  | { ok: false; error: string };

export interface ComputeAnswer {
  /** The data version the outcomes were computed from (= the batch's, or newer when the state already was). */
  dataVersion: number;
  outcomes: ComputeOutcome[];
  /** How the state was brought to the version, when it had to be: a full load or a delta. */
  advanced: { kind: 'load' | 'delta'; events: number; rowsScanned: number; millis: number } | null;
}

export interface EngineServiceStats {
  viewers: number;
  bytes: number;
  loads: number;
  deltas: number;
  /** Events read from the store by deltas (not loads). */
  deltaEvents: number;
  itemsComputed: number;
  itemsUnchanged: number;
  shadowChecks: number;
  shadowMismatches: number;
}

export interface EngineServiceOptions {
  store: Store;
  /** Bound of the engine state kept, bytes; default 1 GiB. */
  maxBytes?: number;
  /** Share of merged or carried-forward entries recomputed from scratch and compared (shadow check); default 0.01. */
  shadowRate?: number;
  random?: () => number;
  /** A delta of more events than this reloads the history instead; default 100 000. */
  maxDeltaEvents?: number;
  /**
   * Test hook: keeps the thread busy (a synchronous spin) this long before each batch of
   * `spinPriority` (default interactive), as a long kernel would. Default 0.
   */
  spinMsPerBatch?: number;
  spinPriority?: 'interactive' | 'background';
}

interface ViewerState {
  version: number;
  live: LiveEngine;
  /** Appends by the version they reached, with the version they started from (recent ones). */
  appends: Map<number, { from: number; report: AppendReport }>;
}

const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;
/** Appends remembered per viewer for `unchanged` answers. */
const KEPT_APPENDS = 32;

export class EngineService {
  private readonly store: Store;
  private readonly maxBytes: number;
  private readonly shadowRate: number;
  private readonly random: () => number;
  private readonly maxDeltaEvents: number;
  private readonly spinMs: number;
  private readonly spinPriority: 'interactive' | 'background';
  private readonly viewers = new Map<string, Promise<ViewerState>>();
  private readonly queue: { batch: ComputeBatch; resolve: (a: ComputeAnswer) => void; reject: (e: Error) => void }[] = [];
  private running = false;
  readonly stats: EngineServiceStats = {
    viewers: 0,
    bytes: 0,
    loads: 0,
    deltas: 0,
    deltaEvents: 0,
    itemsComputed: 0,
    itemsUnchanged: 0,
    shadowChecks: 0,
    shadowMismatches: 0,
  };

  constructor(options: EngineServiceOptions) {
    this.store = options.store;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.shadowRate = options.shadowRate ?? 0.01;
    this.random = options.random ?? Math.random;
    this.maxDeltaEvents = options.maxDeltaEvents ?? 100_000;
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
        outcomes.push(this.computeItem(state, item, batch.nowMs));
      } catch (err) {
        outcomes.push({ ok: false, error: (err as Error).message });
      }
      // Between items, a waiting request's batch may run first (see compute()).
      if (this.queue.length > 0 && this.queue[0]?.batch.priority === 'interactive' && batch.priority === 'background') {
        await nextTurn();
      }
    }
    return { dataVersion: state.version, outcomes, advanced };
  }

  private computeItem(state: ViewerState, item: ComputeItem, nowMs: number): ComputeOutcome {
    const def = aggregationDef(item.aggregation);
    const t0 = performance.now();
    if (item.since !== undefined && this.unchangedSince(state, def, item.filter, nowMs, item.since)) {
      this.stats.itemsUnchanged++;
      const computeMillis = performance.now() - t0;
      // Shadow: the carried entry must equal a fresh computation; the caller compares (it holds the entry).
      if (this.shadowRate > 0 && this.random() < this.shadowRate) {
        this.stats.shadowChecks++;
        const json = JSON.stringify(scratch(state, def, item, nowMs));
        return { ok: true, unchanged: true, json, computeMillis, path: 'unchanged', shadowChecked: true };
      }
      return { ok: true, unchanged: true, computeMillis, path: 'unchanged' };
    }
    const data = computeEntry(state.live, def, item.filter, item.params, nowMs);
    const computeMillis = performance.now() - t0;
    this.stats.itemsComputed++;
    const m = def.maintenance;
    const merged = m.kind === 'merged' && (m.supports?.(item.params as never) ?? true);
    const json = JSON.stringify(data);
    if (merged && this.shadowRate > 0 && this.random() < this.shadowRate) {
      this.stats.shadowChecks++;
      const fromScratch = JSON.stringify(scratch(state, def, item, nowMs));
      if (fromScratch !== json) {
        this.stats.shadowMismatches++;
        return { ok: true, json: fromScratch, computeMillis, path: 'merged', shadowMismatch: true };
      }
      return { ok: true, json, computeMillis, path: 'merged', shadowChecked: true };
    }
    return { ok: true, json, computeMillis, path: merged ? 'merged' : 'recomputed' };
  }

  /** True when every append from `since` to the state's version is known and none touched what `def` reads under `filter`. */
  private unchangedSince(
    state: ViewerState,
    def: ReturnType<typeof aggregationDef>,
    filter: CanonicalFilter,
    nowMs: number,
    since: number,
  ): boolean {
    if (since >= state.version) return since === state.version;
    for (let v = state.version; v > since; ) {
      const a = state.appends.get(v);
      if (!a || a.from < since) return false;
      if (entryAffected(def, state.live.affected(a.report, filter, nowMs))) return false;
      v = a.from;
    }
    return true;
  }

  /** The viewer's state at `version`: kept, advanced by the delta, or loaded. */
  private async stateAt(viewerId: string, version: number): Promise<{ state: ViewerState; advanced: ComputeAnswer['advanced'] }> {
    const held = this.viewers.get(viewerId);
    const current = held ? await held.catch(() => null) : null;
    if (current && current.version >= version) {
      // Recency; a state already past the asked version answers for its own (newer) version.
      this.viewers.delete(viewerId);
      this.viewers.set(viewerId, held as Promise<ViewerState>);
      return { state: current, advanced: null };
    }
    const t0 = performance.now();
    const work = current
      ? this.advance(current, viewerId, version)
      : this.load(viewerId, version).then((state) => ({
          state,
          advanced: { kind: 'load' as const, events: state.live.eventCount, rowsScanned: state.live.eventCount, millis: 0 },
        }));
    const next = work.then((r) => r.state);
    this.viewers.set(viewerId, next);
    next.catch(() => {
      if (this.viewers.get(viewerId) === next) this.viewers.delete(viewerId);
    });
    const { state, advanced } = await work;
    if (advanced?.kind === 'load') this.stats.loads++;
    await this.measure();
    if (advanced) advanced.millis = performance.now() - t0;
    return { state, advanced };
  }

  /** Appends the commits (state.version, version] — or reloads when the delta is too big to be worth it. */
  private async advance(
    state: ViewerState,
    viewerId: string,
    version: number,
  ): Promise<{ state: ViewerState; advanced: ComputeAnswer['advanced'] }> {
    const delta = await this.store.eventsAdded(viewerId, state.version, version, this.maxDeltaEvents);
    if (delta.truncated) {
      const s = await this.load(viewerId, version);
      return { state: s, advanced: { kind: 'load', events: s.live.eventCount, rowsScanned: s.live.eventCount, millis: 0 } };
    }
    const changeLog = (await this.store.changeLog(viewerId, state.version)).filter(
      (e: ChangeLogEntry) => e.dataVersion <= version,
    );
    const report = state.live.append({ events: delta.events, changeLog });
    this.stats.deltas++;
    this.stats.deltaEvents += delta.events.length;
    state.appends.set(version, { from: state.version, report });
    for (const v of state.appends.keys()) {
      if (state.appends.size <= KEPT_APPENDS) break;
      state.appends.delete(v);
    }
    state.version = version;
    return {
      state,
      advanced: { kind: 'delta', events: delta.events.length, rowsScanned: report.rowsScanned, millis: report.millis },
    };
  }

  private async load(viewerId: string, version: number): Promise<ViewerState> {
    const changeLog = (await this.store.changeLog(viewerId)).filter((e: ChangeLogEntry) => e.dataVersion <= version);
    const live = await LiveEngine.fromPages(this.store.eventPages(viewerId, { upToVersion: version }), changeLog);
    return { version, live, appends: new Map() };
  }

  /** Recomputes the bytes held and evicts least recently used viewers beyond the bound. */
  private async measure(): Promise<void> {
    const states: [string, ViewerState][] = [];
    for (const [id, p] of this.viewers) {
      const s = await p.catch(() => null);
      if (s) states.push([id, s]);
    }
    let bytes = states.reduce((sum, [, s]) => sum + s.live.bytes, 0);
    for (const [id, s] of states) {
      if (bytes <= this.maxBytes || this.viewers.size <= 1) break;
      this.viewers.delete(id);
      bytes -= s.live.bytes;
    }
    this.stats.viewers = this.viewers.size;
    this.stats.bytes = bytes;
  }
}

/**
 * The shadow check's computation: the definition's kernel on a plain Engine over the current
 * rows — selection, zone columns, sessions and statistics all rebuilt from the rows, nothing
 * maintained reused.
 */
function scratch(state: ViewerState, def: ReturnType<typeof aggregationDef>, item: ComputeItem, nowMs: number): unknown {
  return def.kernel(new Engine(state.live.snapshot()).context(item.filter, nowMs), item.params);
}

/** Key of an item for logs. */
export const itemKey = (item: ComputeItem): string => `${item.aggregation}|${filterKey(item.filter)}`;
