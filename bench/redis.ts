/**
 * Warm dashboard requests/s and p99 with the memory tier, with Redis only (memory tier off),
 * and `{ __typename }`, in one run, as ratios; then the Redis-backed load while Redis is
 * paused for 5 s (CLIENT PAUSE), counting errors.
 */
import { DASHBOARD_QUERY } from '../server/dashboard.js';
import { startServer } from './http.js';
import { percentile } from './lib.js';
import { type LoadResult, load } from './support/load.js';
import { startRedis } from './support/redis-server.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

const dashboard = JSON.stringify({ query: DASHBOARD_QUERY, variables: {} });
const typename = JSON.stringify({ query: '{ __typename }' });

async function measure(
  port: number,
  body: string,
  ms = SECONDS * 1000,
): Promise<LoadResult & { rps: number; p50: number; p99: number }> {
  await load(port, body, CONCURRENCY, 1000);
  const r = await load(port, body, CONCURRENCY, ms);
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  return { ...r, rps: r.requests / r.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export async function run(): Promise<void> {
  const redis = await startRedis();
  const rows: { name: string; rps: number; p50: number; p99: number; errors: number }[] = [];
  try {
    const withMemory = await startServer({ BENCH_REDIS_URL: redis.url });
    try {
      rows.push({ name: '{ __typename } (baseline)', ...(await measure(withMemory.port, typename)) });
      rows.push({ name: 'dashboard, memory → Redis → store', ...(await measure(withMemory.port, dashboard)) });
    } finally {
      withMemory.stop();
    }
    const redisOnly = await startServer({ BENCH_REDIS_URL: redis.url, BENCH_MEMORY_TIER: '0' });
    try {
      rows.push({ name: 'dashboard, Redis only (memory off)', ...(await measure(redisOnly.port, dashboard)) });
      // The same load while Redis is paused for 5 s: answers must keep coming, without errors.
      const loadRun = measure(redisOnly.port, dashboard, 9000);
      await new Promise((r) => setTimeout(r, 2000));
      await redis.admin.call('CLIENT', 'PAUSE', '5000', 'ALL');
      rows.push({ name: 'dashboard, Redis only, Redis paused 5 s', ...(await loadRun) });
    } finally {
      redisOnly.stop();
    }
  } finally {
    await redis.stop();
  }
  const base = rows[0]!;
  console.log(
    `HTTP, ${CONCURRENCY} concurrent keep-alive clients, ${SECONDS} s per case; server: 1 process, 50 000-event demo history`,
  );
  console.log(
    `${'case'.padEnd(42)}${'req/s'.padStart(9)}${'ratio'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(8)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(42)}${r.rps.toFixed(0).padStart(9)}${(r.rps / base.rps).toFixed(2).padStart(8)}${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}${String(r.errors).padStart(8)}`,
    );
  }
}
