/**
 * Typed request/response calls to a worker thread. The serving thread posts a message and
 * awaits the answer; the work runs on the worker's own event loop. One message type per
 * operation, typed on both sides by an `Ops` map:
 *
 *   interface Ops { load: { args: { viewerId: string }; result: number } }
 *   const t = startThread<Ops>(new URL('./my-worker.js', import.meta.url), data); // caller side
 *   serveThread<Ops>({ load: async ({ viewerId }) => 42 });                       // in the worker
 *
 * A handler that throws answers with an error value (name, message, stack and own
 * enumerable fields such as `code`), never a half result. A worker that dies rejects every
 * pending call and is started again on the next call.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, type Transferable, Worker, workerData } from 'node:worker_threads';

/** Operation name → its argument and result types (an interface of `{ args; result }` members). */
export type OpMap<T> = { [K in keyof T]: { args: unknown; result: unknown } };

interface Request {
  id: number;
  op: string;
  args: unknown;
}
type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };

interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

/** A result to send with some of its ArrayBuffers transferred instead of copied. */
export class Transfer<T> {
  constructor(
    readonly value: T,
    readonly list: readonly Transferable[],
  ) {}
}

/** An error that happened in a worker thread, re-thrown on the calling side with its name, message and fields. */
export class ThreadError extends Error {
  [field: string]: unknown;
  constructor(serialized: SerializedError, op: string) {
    super(serialized.message);
    this.name = serialized.name;
    Object.assign(this, serialized.fields);
    this.stack = `${serialized.name}: ${serialized.message}\n    (in worker thread, op ${op})\n${serialized.stack ?? ''}`;
  }
}

export interface ThreadClient<Ops extends OpMap<Ops>> {
  call<K extends keyof Ops & string>(op: K, args: Ops[K]['args'], transfer?: readonly Transferable[]): Promise<Ops[K]['result']>;
  /** Calls sent and not yet answered. */
  readonly pending: number;
  /** Terminates the worker; pending calls reject. */
  close(): Promise<void>;
}

export interface StartThreadOptions {
  /** Name in errors and logs. */
  name: string;
  /** Called when the worker exits unexpectedly (it is restarted on the next call). */
  onExit?: (code: number, error: Error | null) => void;
  /** Keep the process alive while the worker runs; default false (the owner closes it). */
  ref?: boolean;
  resourceLimits?: ConstructorParameters<typeof Worker>[1] extends infer O
    ? O extends { resourceLimits?: infer R }
      ? R
      : never
    : never;
}

const TS_BOOT = new URL('../scripts/ts-worker.mjs', import.meta.url);

/** Starts `entry` (a .js module, or a .ts one when running from sources) in a worker thread. */
export function startThread<Ops extends OpMap<Ops>>(entry: URL, data: unknown, options: StartThreadOptions): ThreadClient<Ops> {
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; op: string }>();

  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };

  const spawn = (): Worker => {
    const fromSources = entry.pathname.endsWith('.ts');
    const w = new Worker(fromSources ? TS_BOOT : entry, {
      workerData: { entry: entry.href, data },
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    if (!options.ref) w.unref();
    w.on('message', (msg: Response) => {
      const p = waiting.get(msg.id);
      if (!p) return;
      waiting.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new ThreadError(msg.error, p.op));
    });
    let lastError: Error | null = null;
    w.on('error', (err) => {
      lastError = err;
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(lastError ?? new Error(`[runtime/threads] ${options.name} worker exited (code ${code})`));
      if (!closed) options.onExit?.(code, lastError);
    });
    return w;
  };

  return {
    get pending() {
      return waiting.size;
    },
    call(op, args, transfer) {
      if (closed) return Promise.reject(new Error(`[runtime/threads] ${options.name} is closed`));
      worker ??= spawn();
      const id = nextId++;
      const w = worker;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, op });
        try {
          w.postMessage({ id, op, args } satisfies Request, transfer as Transferable[] | undefined);
        } catch (err) {
          waiting.delete(id);
          reject(err as Error);
        }
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      failAll(new Error(`[runtime/threads] ${options.name} is closed`));
      if (w) await w.terminate();
    },
  };
}

/** Handlers of every operation of `Ops`, run in the worker. */
export type Handlers<Ops extends OpMap<Ops>> = {
  [K in keyof Ops]: (args: Ops[K]['args']) => HandlerOut<Ops[K]['result']> | Promise<HandlerOut<Ops[K]['result']>>;
};
/** What a handler may return for result type R (`void` when R is undefined). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler of an op without a result returns nothing
type HandlerOut<R> = R | Transfer<R> | (R extends undefined ? void : never);

/** The `data` the caller passed to `startThread` (inside a worker); undefined on the main thread. */
export function threadData<T>(): T {
  return (workerData as { data: T } | null)?.data as T;
}

const serializeError = (err: unknown): SerializedError => {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(err)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v;
  }
  return { name: err.name, message: err.message, stack: err.stack, fields };
};

/**
 * Answers calls in a worker thread. By default calls run one at a time, in arrival order (a
 * writer's operations never interleave); with `concurrent`, each call starts on arrival and
 * the handlers schedule themselves (an engine that lets a waiting request overtake a job).
 */
export function serveThread<Ops extends OpMap<Ops>>(
  handlers: Handlers<Ops>,
  options: { concurrent?: boolean; background?: boolean } = {},
): void {
  if (isMainThread || !parentPort) throw new Error('[runtime/threads] serveThread must run in a worker thread');
  if (options.background) lowerThreadPriority();
  const port = parentPort;
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (req: Request) => {
    const start = options.concurrent ? Promise.resolve() : chain;
    chain = start.then(async () => {
      const handler = handlers[req.op as keyof Ops];
      try {
        if (!handler) throw new Error(`[runtime/threads] unknown op ${req.op}`);
        const out = await handler(req.args as never);
        if (out instanceof Transfer)
          port.postMessage({ id: req.id, ok: true, result: out.value } satisfies Response, [...out.list]);
        else port.postMessage({ id: req.id, ok: true, result: out } satisfies Response);
      } catch (err) {
        port.postMessage({ id: req.id, ok: false, error: serializeError(err) } satisfies Response);
      }
    });
  });
}

/**
 * Nice value of background threads (engine, import, SQLite writer): see lowerThreadPriority.
 * 5 gives the serving thread about three quarters of a contended core; a lower priority (10)
 * starved these threads under other normal-priority load (a test suite's parallel files).
 */
export const BACKGROUND_NICENESS = 5;

/**
 * Lowers the calling thread's CPU priority to BACKGROUND_NICENESS, so that on a busy machine
 * (2 cores shared by the serving thread, engine threads, an import and the writer) the kernel
 * runs the serving thread first: computing yields the CPU to serving, not only the event loop.
 * Linux only (a thread's id from /proc/thread-self; setpriority on a thread id affects that
 * thread alone); elsewhere, or when refused, it does nothing. Returns whether it applied.
 */
export function lowerThreadPriority(niceness = BACKGROUND_NICENESS): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    if (getPriority(tid) >= niceness) return false; // already as low (never raise a priority)
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}

/** The file URL of a sibling module, `.ts` when this module runs from sources, else `.js`. */
export function siblingModule(importMetaUrl: string, name: string): URL {
  const ext = fileURLToPath(importMetaUrl).endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, pathToFileURL(fileURLToPath(importMetaUrl)));
}
