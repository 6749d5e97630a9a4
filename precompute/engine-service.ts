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
import { filterKey, todayOf } from '../domain/filter.js';
import { nextTurn } from '../runtime/slice.js';
import type { ChangeLogEntry, Store } from '../store/types.js';
import { computeEntry, entryAffected } from './aggregation.js';
import { type AppendReport, Engine, fromScratch, type KernelContext, LiveEngine } from './engine/index.js';
import { aggregationDef } from './registry.js';

export interface ComputeItem {
  aggregation: string;
  filter: CanonicalFilter;
  /** Canonical entry params (the registry's parseParams/entryParams output). */
  params: Record<string, unknown>;
  /** The data version of the entry the caller holds: answer `unchanged` when nothing since then touched it. */
  since?: number;
  /** A shadow check: compute from scratch (a plain Engine over the current rows, nothing maintained reused). */
  scratch?: boolean;
}

export interface ComputeBatch {
  viewerId: string;
  /** The data version the results must be computed from. */
  dataVersion: number;
  /** Instant of "today" for every item, epoch ms. */
  nowMs: number;
  items: ComputeItem[];
  /**
   * Interactive batches (a request is waiting) run before background ones, background ones
   * before idle ones (shadow checks), between items. An idle batch starts only after the
   * engine has had no other work for a quiet period.
   */
  priority: BatchPriority;
}

export type BatchPriority = 'interactive' | 'background' | 'idle';
const RANK: Record<BatchPriority, number> = { interactive: 0, background: 1, idle: 2 };

export type ComputeOutcome =
  | {
      ok: true;
      /** JSON of the result data; absent when `unchanged`. */
      json?: string;
      /** The entry the caller holds (at `since`) is still exact: carry it to this version. */
      unchanged?: boolean;
      computeMillis: number;
      /** How it was produced: maintained statistics, a scan of the rows, carried forward, or from scratch (a shadow check). */
      path: 'merged' | 'recomputed' | 'unchanged' | 'scratch';
      /**
       * Sampled for a shadow check (merged or carried results, at `shadowRate`): the caller asks
       * for the item again with `scratch` at idle priority and compares — in the background,
       * never on the path of the answer.
       */
      shadowDue?: boolean;
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
  /** From-scratch computations done for shadow checks. */
  shadowChecks: number;
}

export interface EngineServiceOptions {
  store: Store;
  /** Bound of the engine state kept, bytes; default 1 GiB. */
  maxBytes?: number;
  /** Share of merged or carried-forward entries sampled for a shadow check (see ComputeOutcome.shadowDue); default 0.01. */
  shadowRate?: number;
  /** How long the engine must have had no other batch before an idle one starts, ms; default 1000. */
  idleQuietMs?: number;
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
  /** The plain Engine shadow checks use at `version`, with its contexts (see scratchContext). */
  scratch?: { version: number; engine: Engine; contexts: Map<string, KernelContext> };
  /** Appends by the version they reached, with the version they started from (recent ones). */
  appends: Map<number, { from: number; report: AppendReport }>;
}

const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;
/** Scratch contexts kept per viewer and data version (shadow checks of several filters). */
const SCRATCH_CONTEXTS = 16;

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
  };
  private readonly idleQuietMs: number;
  /** When the last interactive or background batch finished (performance.now()). */
  private busyUntil = 0;
  /** Ends the wait of a pending idle batch when other work arrives. */
  private wake: (() => void) | null = null;
  /** Idle batches paused for other work, with their progress. */
  private readonly paused = new WeakMap<
    ComputeBatch,
    { index: number; outcomes: ComputeOutcome[]; steps: Generator<void, unknown> | null; millis: number }
  >();

  constructor(options: EngineServiceOptions) {
    this.store = options.store;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.shadowRate = options.shadowRate ?? 0.01;
    this.random = options.random ?? Math.random;
    this.maxDeltaEvents = options.maxDeltaEvents ?? 100_000;
    this.spinMs = options.spinMsPerBatch ?? 0;
    this.spinPriority = options.spinPriority ?? 'interactive';
    this.idleQuietMs = options.idleQuietMs ?? 1000;
  }

  /** Computes a batch; a batch overtakes queued ones of lower priority. */
  compute(batch: ComputeBatch): Promise<ComputeAnswer> {
    return new Promise((resolve, reject) => {
      const entry = { batch, resolve, reject };
      const after = this.queue.findIndex((q) => RANK[q.batch.priority] > RANK[batch.priority]);
      this.queue.splice(after === -1 ? this.queue.length : after, 0, entry);
      this.wake?.();
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
      for (let next = this.queue[0]; next; next = this.queue[0]) {
        if (next.batch.priority === 'idle') {
          // Idle work waits for a quiet engine; anything queued meanwhile goes first.
          const wait = this.busyUntil + this.idleQuietMs - performance.now();
          if (wait > 0) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, wait);
              this.wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            this.wake = null;
            continue;
          }
        }
        this.queue.shift();
        try {
          if (next.batch.priority === 'idle') {
            const answer = await this.runIdle(next.batch);
            // Paused for other work: back in line, behind it; it resumes where it stopped.
            if (answer) next.resolve(answer);
            else this.queue.push(next);
            continue;
          }
          next.resolve(await this.run(next.batch));
        } catch (err) {
          next.reject(err as Error);
        }
        this.busyUntil = performance.now();
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
      // Between items, a waiting batch of higher priority may run first (see compute()).
      const head = this.queue[0];
      if (head && RANK[head.batch.priority] < RANK[batch.priority]) await nextTurn();
    }
    return { dataVersion: state.version, outcomes, advanced };
  }

  /**
   * An idle batch (shadow checks): each item computed from scratch in steps (fromScratch),
   * with a turn of the event loop between steps; when other work is waiting it pauses and
   * answers null (the caller puts it back in line), keeping its progress for the next run. A
   * batch whose version the state has left is answered at once with `superseded` outcomes: its
   * entries are no longer current, there is nothing to check.
   */
  private async runIdle(batch: ComputeBatch): Promise<ComputeAnswer | null> {
    const { state, advanced } = await this.stateAt(batch.viewerId, batch.dataVersion);
    if (state.version !== batch.dataVersion) {
      this.paused.delete(batch);
      this.dropScratchWhenDone(state, batch.viewerId);
      return { dataVersion: state.version, outcomes: batch.items.map(() => ({ ok: false, error: 'superseded' })), advanced };
    }
    const p = this.paused.get(batch) ?? { index: 0, outcomes: [], steps: null, millis: 0 };
    for (; p.index < batch.items.length; p.index++) {
      const item = batch.items[p.index] as ComputeItem;
      try {
        const def = aggregationDef(item.aggregation);
        p.steps ??= fromScratch(this.scratchContext(state, item, batch.nowMs), (ctx) => def.kernel(ctx, item.params));
        for (;;) {
          const t0 = performance.now();
          const step = p.steps.next();
          p.millis += performance.now() - t0;
          if (step.done) {
            this.stats.shadowChecks++;
            p.outcomes.push({ ok: true, json: JSON.stringify(step.value), computeMillis: p.millis, path: 'scratch' });
            break;
          }
          await nextTurn();
          const head = this.queue[0];
          if (head && head.batch.priority !== 'idle') {
            this.paused.set(batch, p);
            return null;
          }
        }
      } catch (err) {
        p.outcomes.push({ ok: false, error: (err as Error).message });
      }
      p.steps = null;
      p.millis = 0;
    }
    this.paused.delete(batch);
    this.dropScratchWhenDone(state, batch.viewerId);
    return { dataVersion: state.version, outcomes: p.outcomes, advanced };
  }

  /**
   * The scratch Engine and its contexts (zone columns, selections, statistics over every row:
   * not counted in `maxBytes`) live only while checks of the viewer wait: dropped when none does.
   */
  private dropScratchWhenDone(state: ViewerState, viewerId: string): void {
    if (!this.queue.some((q) => q.batch.priority === 'idle' && q.batch.viewerId === viewerId)) state.scratch = undefined;
  }

  private computeItem(state: ViewerState, item: ComputeItem, nowMs: number): ComputeOutcome {
    const def = aggregationDef(item.aggregation);
    const t0 = performance.now();
    if (item.scratch) {
      // Outside the idle lane: in one go.
      this.stats.shadowChecks++;
      const steps = fromScratch(this.scratchContext(state, item, nowMs), (ctx) => def.kernel(ctx, item.params));
      let step = steps.next();
      while (!step.done) step = steps.next();
      return { ok: true, json: JSON.stringify(step.value), computeMillis: performance.now() - t0, path: 'scratch' };
    }
    const sampled = () => this.shadowRate > 0 && this.random() < this.shadowRate;
    if (item.since !== undefined && this.unchangedSince(state, def, item.filter, nowMs, item.since)) {
      this.stats.itemsUnchanged++;
      return { ok: true, unchanged: true, computeMillis: performance.now() - t0, path: 'unchanged', shadowDue: sampled() };
    }
    const data = computeEntry(state.live, def, item.filter, item.params, nowMs);
    const computeMillis = performance.now() - t0;
    this.stats.itemsComputed++;
    const m = def.maintenance;
    const merged = m.kind === 'merged' && (m.supports?.(item.params as never) ?? true);
    const json = JSON.stringify(data);
    return { ok: true, json, computeMillis, path: merged ? 'merged' : 'recomputed', shadowDue: merged && sampled() };
  }

  /**
   * A context over the current rows with nothing maintained reused — a plain Engine per data
   * version, its contexts kept per (filter, day) while that version lasts (a paused check
   * resumes on the same one).
   */
  private scratchContext(state: ViewerState, item: ComputeItem, nowMs: number): KernelContext {
    if (state.scratch?.version !== state.version) {
      state.scratch = { version: state.version, engine: new Engine(state.live.snapshot()), contexts: new Map() };
    }
    const { engine, contexts } = state.scratch;
    const key = `${filterKey(item.filter)}@${todayOf(item.filter, nowMs)}`;
    let ctx = contexts.get(key);
    if (!ctx) {
      if (contexts.size >= SCRATCH_CONTEXTS) contexts.clear();
      ctx = engine.context(item.filter, nowMs);
      contexts.set(key, ctx);
    }
    return ctx;
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
    state.scratch = undefined; // its rows are those of the old version
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

/** Key of an item for logs. */
export const itemKey = (item: ComputeItem): string => `${item.aggregation}|${filterKey(item.filter)}`;
