/**
 * Warm dashboard over HTTP against `{ __typename }` on the same server in the same run:
 * requests/s and p50/p99 latency, as ratios. The server runs in a child process (one core),
 * the load generator here (the other core). Cases alternate in rounds (BENCH_ROUNDS, default 3)
 * so load from other processes hits them alike, and the server's own CPU time per request is
 * reported too: on a shared machine it is the steadier of the two ratios.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { DASHBOARD_QUERY } from '../server/dashboard.js';
import { percentile } from './lib.js';
import { load } from './support/load.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

/** Starts bench/support/http-server.ts in a child process; `env` selects tiers (BENCH_REDIS_URL, BENCH_MEMORY_TIER). */
export async function startServer(env: Record<string, string> = {}): Promise<{
  port: number;
  stop: () => void;
  cpuMicros: () => Promise<number>;
  rss: () => Promise<number>;
  heapAfterGc: () => Promise<number>;
}> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'support', 'http-server.ts');
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`[bench/http] server exited with ${code} before it was ready`)));
  });
  /** Server CPU (user + system) so far, µs. */
  const cpuMicros = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m: { cpu: { user: number; system: number } }) => resolve(m.cpu.user + m.cpu.system));
      child.send('cpu');
    });
  /** Server resident set size now, bytes. */
  const rss = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m: { rss: number }) => resolve(m.rss));
      child.send('cpu');
    });
  /** Heap in use after a full collection, bytes. */
  const heapAfterGc = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m: { heapUsed: number }) => resolve(m.heapUsed));
      child.send('gc');
    });
  return { port, stop: () => child.kill('SIGTERM'), cpuMicros, rss, heapAfterGc };
}

export async function run(): Promise<void> {
  // Two servers in the same run: local mode, and bearer-token auth (HS256, a token made here).
  const secret = randomBytes(32).toString('hex');
  const token = await new SignJWT({ sub: 'local' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('https://bench.invalid')
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
  const plain = await startServer();
  const authed = await startServer({ BENCH_AUTH_SECRET: secret });
  const servers = { plain, authed };
  const bearer = { authorization: `Bearer ${token}` };
  try {
    const dashboard = JSON.stringify({ query: DASHBOARD_QUERY, variables: {} });
    let n = 0;
    const cases = [
      { name: '{ __typename } (baseline)', on: 'plain' as const, body: JSON.stringify({ query: '{ __typename }' }) },
      { name: 'warm dashboard (5 aggregations)', on: 'plain' as const, body: dashboard },
      {
        name: 'warm dashboard, LAST_12_MONTHS',
        on: 'plain' as const,
        body: JSON.stringify({ query: DASHBOARD_QUERY, variables: { filter: { timeframe: 'LAST_12_MONTHS' } } }),
      },
      // Every request a different variables object: no response-cache hit, entries warm.
      {
        name: 'warm dashboard, never-repeated vars',
        on: 'plain' as const,
        body: () =>
          JSON.stringify({
            query: DASHBOARD_QUERY,
            variables: { filter: { timeframe: 'ALL', channels: [], topics: [] }, n: n++ },
          }),
      },
      { name: 'warm dashboard, auth (JWT)', on: 'authed' as const, body: dashboard, headers: bearer },
    ];
    const totals = cases.map(() => ({ requests: 0, errors: 0, seconds: 0, cpuMicros: 0, latenciesMs: [] as number[] }));
    for (const c of cases) await load(servers[c.on].port, c.body, CONCURRENCY, 1000, c.headers); // warm-up: JIT, keep-alive sockets, cache
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, c] of cases.entries()) {
        const server = servers[c.on];
        const cpu0 = await server.cpuMicros();
        const r = await load(server.port, c.body, CONCURRENCY, DURATION_MS / ROUNDS, c.headers);
        const t = totals[i]!;
        t.cpuMicros += (await server.cpuMicros()) - cpu0;
        t.requests += r.requests;
        t.errors += r.errors;
        t.seconds += r.seconds;
        t.latenciesMs.push(...r.latenciesMs);
      }
    }
    const rows = cases.map((c, i) => {
      const t = totals[i]!;
      const sorted = [...t.latenciesMs].sort((a, b) => a - b);
      return {
        name: c.name,
        rps: t.requests / t.seconds,
        cpuUs: t.cpuMicros / Math.max(1, t.requests),
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        errors: t.errors,
      };
    });
    const base = rows[0]!;
    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (x: number, d = 1) => x.toFixed(d).padStart(9);
    console.log(
      `HTTP, ${CONCURRENCY} concurrent keep-alive clients, ${DURATION_MS / 1000} s per case in ${ROUNDS} alternating rounds (server: 1 process, demo history)`,
    );
    console.log(
      `${pad('case', 36)}${'req/s'.padStart(9)}${'ratio'.padStart(9)}${'cpu µs'.padStart(9)}${'cpu ratio'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(9)}`,
    );
    for (const r of rows) {
      console.log(
        `${pad(r.name, 36)}${num(r.rps, 0)}${num(r.rps / base.rps, 2)}${num(r.cpuUs, 0)}${(base.cpuUs / r.cpuUs).toFixed(2).padStart(10)}${num(r.p50, 2)}${num(r.p99, 2)}${String(r.errors).padStart(9)}`,
      );
    }
    const warm = rows[1]!;
    const auth = rows[rows.length - 1]!;
    console.log(
      `auth on vs off, warm dashboard: ${(auth.rps / warm.rps).toFixed(2)}× req/s, ${(warm.cpuUs / auth.cpuUs).toFixed(2)}× cpu (target ≥ 0.9×)`,
    );
  } finally {
    plain.stop();
    authed.stop();
  }
}
