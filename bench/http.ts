/**
 * Warm dashboard over HTTP against `{ __typename }` on the same server in the same run:
 * requests/s and p50/p99 latency, as ratios. The server runs in a child process (one core),
 * the load generator here (the other core).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_QUERY } from '../server/dashboard.js';
import { percentile } from './lib.js';
import { load } from './support/load.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;

/** Starts bench/support/http-server.ts in a child process; `env` selects tiers (BENCH_REDIS_URL, BENCH_MEMORY_TIER). */
export async function startServer(env: Record<string, string> = {}): Promise<{ port: number; stop: () => void }> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'support', 'http-server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`[bench/http] server exited with ${code} before it was ready`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

export async function run(): Promise<void> {
  const { port, stop } = await startServer();
  try {
    const cases = [
      { name: '{ __typename } (baseline)', body: JSON.stringify({ query: '{ __typename }' }) },
      { name: 'warm dashboard (5 aggregations)', body: JSON.stringify({ query: DASHBOARD_QUERY, variables: {} }) },
      {
        name: 'warm dashboard, LAST_12_MONTHS',
        body: JSON.stringify({ query: DASHBOARD_QUERY, variables: { filter: { timeframe: 'LAST_12_MONTHS' } } }),
      },
    ];
    const rows: { name: string; rps: number; p50: number; p99: number; errors: number }[] = [];
    for (const c of cases) {
      await load(port, c.body, CONCURRENCY, 1000); // warm-up: JIT, keep-alive sockets, cache
      const r = await load(port, c.body, CONCURRENCY, DURATION_MS);
      const sorted = [...r.latenciesMs].sort((a, b) => a - b);
      rows.push({
        name: c.name,
        rps: r.requests / r.seconds,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        errors: r.errors,
      });
    }
    const base = rows[0]!;
    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (x: number, d = 1) => x.toFixed(d).padStart(9);
    console.log(
      `HTTP, ${CONCURRENCY} concurrent keep-alive clients, ${DURATION_MS / 1000} s per case (server: 1 process, demo history)`,
    );
    console.log(
      `${pad('case', 36)}${'req/s'.padStart(9)}${'ratio'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(9)}`,
    );
    for (const r of rows) {
      console.log(
        `${pad(r.name, 36)}${num(r.rps, 0)}${num(r.rps / base.rps, 2)}${num(r.p50, 2)}${num(r.p99, 2)}${String(r.errors).padStart(9)}`,
      );
    }
  } finally {
    stop();
  }
}
