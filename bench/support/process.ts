/**
 * The real entry points (main.ts, worker.ts) as child processes for benchmarks: JSON log lines
 * parsed as they arrive, the URL taken from `server.listening`, and helpers to wait for an event.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LogLine {
  event?: string;
  time?: number;
  [field: string]: unknown;
}

export interface RunningProcess {
  child: ChildProcess;
  lines: LogLine[];
  /** The first log line with `event` after index `from` (default 0); rejects after `ms`. */
  waitFor(event: string, ms?: number, from?: number): Promise<LogLine>;
  /** http://127.0.0.1:<port> once listening (gateways only). */
  base(): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `entry` (main.ts or worker.ts) with `env` added to this process's environment: the
 * compiled build (`dist/`, made first with `--if-stale`), as `npm start` runs it, so start-up
 * times are not a TypeScript loader's.
 */
export function startEntry(entry: 'main.ts' | 'worker.ts', env: Record<string, string>): RunningProcess {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('[bench/support/process] the build failed');
  const script = join(ROOT, 'dist', entry.replace(/\.ts$/, '.js'));
  // BENCH_NODE_ARGS: extra node flags for the child, e.g. "--cpu-prof --cpu-prof-dir=DIR" to profile it.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, ['--max-old-space-size=8192', ...extra, script], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      if (!line.trim()) continue;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        lines.push({ event: 'stdout', text: line });
      }
    }
    for (const w of waiters) w();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (event: string, ms = 600_000, from = 0) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const hit = lines.slice(from).find((l) => l.event === event);
        if (hit) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`[bench/support/process] no ${event} from ${entry} within ${ms} ms`));
      }, ms);
      waiters.add(check);
      check();
      exited.then(() => {
        if (waiters.has(check)) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`[bench/support/process] ${entry} exited before ${event}`));
        }
      });
    });
  return {
    child,
    lines,
    waitFor,
    async base() {
      const l = await waitFor('server.listening', 120_000);
      return new URL(String(l.url)).origin;
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** POSTs a GraphQL operation; returns the parsed body and the latency (ms). */
export async function gql(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ body: { data?: unknown; errors?: unknown[] }; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  return { body, ms: performance.now() - t0 };
}

/** Scrapes the gateway's event-loop delay since the previous scrape (ms). */
export async function loopDelay(base: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const stat = (name: string) => {
    const m = new RegExp(`watchgraph_event_loop_delay_seconds\\{stat="${name}"\\} ([0-9.e+-]+)`).exec(text);
    return m ? Number(m[1]) * 1000 : Number.NaN;
  };
  return { p99: stat('p99'), max: stat('max') };
}
