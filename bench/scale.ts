/**
 * `npm run bench -- scale`: the gateway at 100 000 and 1 000 000 events (BENCH_SCALE_EVENTS,
 * comma-separated, overrides), on the real entry points (main.ts, worker.ts as child
 * processes) over a SQLite file in bench/out/ (generated once, reused). Prints, per size, each
 * measure against its baseline measured in the same run, and the target:
 *
 * - base set from a loaded store vs a bare full scan of the viewer's events + the sum of the base set's kernel times;
 * - the last page of a full load vs the first;
 * - event-loop delay of the gateway (and of a worker) during a base set, a 24 MB import and a cold 19-field query;
 * - warm dashboard p99 and /healthz during each, vs warm when idle (dashboards answered at the
 *   import's new data version are not warm: FRESH computes them; they are counted apart);
 * - restart → ready, and whether the first dashboard after it came from stored entries;
 * - a cold 5-field dashboard under a never-seen filter with a new time zone.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { LOCAL_VIEWER_ID } from '../resolvers/context.js';
import { DASHBOARD_QUERY } from '../server/dashboard.js';
import { loadDemoHistory } from '../server/demo.js';
import { createSqliteStore, readOnlySqliteStore } from '../store/sqlite.js';
import { percentile } from './lib.js';
import { gql, type LogLine, loopDelay, type RunningProcess, startEntry } from './support/process.js';
import { startRedis } from './support/redis-server.js';
import { jsonParts, uploadTakeoutFromChild, writeFileFrom } from './support/takeout.js';

/** Distinguishes this run's appended events from those of earlier runs on the same store. */
const RUN = Date.now().toString(36);
const INGEST = 'mutation($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { dataVersion } }';
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');
const SIZES = (process.env.BENCH_SCALE_EVENTS ?? '100000,1000000').split(',').map(Number);
/** ~24 MB of Takeout JSON. */
const IMPORT_ENTRIES = Number(process.env.BENCH_SCALE_IMPORT_ENTRIES ?? 60_000);

interface Row {
  measure: string;
  baseline: string;
  value: string;
  ratio: string;
  target: string;
  met: string;
}

const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : 'n/a');
const yes = (ok: boolean) => (ok ? 'yes' : 'NO');

function printRows(title: string, rows: Row[]): void {
  const header: Row = { measure: 'measure', baseline: 'baseline', value: 'value', ratio: 'ratio', target: 'target', met: 'met' };
  const cols = Object.keys(header) as (keyof Row)[];
  const w = cols.map((c) => Math.max(...[header, ...rows].map((r) => r[c].length)));
  const line = (r: Row) =>
    cols
      .map((c, i) => r[c].padEnd(w[i] as number))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(w.reduce((a, b) => a + b + 2, -2));
  process.stdout.write(`${[title, rule, line(header), rule, ...rows.map(line), rule].join('\n')}\n\n`);
}

/** A store file with `n` demo events for the local viewer (generated once per size). */
async function prepareStore(n: number): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, `scale-${n}.db`);
  if (!existsSync(path)) {
    process.stderr.write(`scale: generating ${n} demo events into ${path} …\n`);
    const store = createSqliteStore({ path });
    await store.ensureViewer(LOCAL_VIEWER_ID, 'UTC');
    await loadDemoHistory(store, LOCAL_VIEWER_ID, n, Date.now() - 86_400_000, 'UTC');
    await store.close();
  }
  // A file kept from an earlier run is brought to the current migrations before anything reads it.
  await createSqliteStore({ path }).close();
  return path;
}

/** Removes cached entries and usage, and puts the viewer back in UTC (each run starts alike). */
function resetStore(path: string): void {
  const db = new Database(path);
  db.exec("DELETE FROM entries; DELETE FROM usage; UPDATE viewers SET time_zone = 'UTC'");
  db.close();
}

/** Full scan through the store's pages: total time and the first / last page times. */
async function scanPages(path: string): Promise<{ total: number; first: number; last: number; pages: number }> {
  const store = readOnlySqliteStore(path);
  const times: number[] = [];
  const t0 = performance.now();
  let t = t0;
  for await (const _page of store.eventPages(LOCAL_VIEWER_ID)) {
    const now = performance.now();
    times.push(now - t);
    t = now;
  }
  await store.close();
  // The first page also pays for preparing statements; compare the 2nd and the last few.
  const first = times.length > 2 ? (times[1] as number) : (times[0] as number);
  const tail = times.slice(-3);
  return { total: performance.now() - t0, first, last: tail.reduce((a, b) => a + b, 0) / tail.length, pages: times.length };
}

const warmDashboard = (base: string) => gql(base, DASHBOARD_QUERY, { filter: { timeZone: 'UTC' } });

/** The first log line of `proc` after index `from` that `match` accepts (polls its lines; 600 s at most). */
async function waitForLine(proc: RunningProcess, match: (l: LogLine) => boolean, from: number): Promise<LogLine> {
  const until = Date.now() + 600_000;
  for (;;) {
    const hit = proc.lines.slice(from).find(match);
    if (hit) return hit;
    if (Date.now() > until) throw new Error('[bench/scale] no matching log line within 600 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The data version a dashboard answer was made at (its `viewer { dataVersion }`). */
const versionOf = (body: { data?: unknown }): number =>
  (body.data as { viewer?: { dataVersion?: number } } | undefined)?.viewer?.dataVersion ?? Number.NaN;

/**
 * Probes /healthz and the warm dashboard in loops until `during` settles. A dashboard answered
 * at a newer data version than the first one (an import committed meanwhile) is not a warm
 * answer but the first dashboards of new data, which FRESH computes: kept apart in `newer`.
 */
async function probe<T>(
  base: string,
  during: Promise<T>,
): Promise<{ result: T; health: number[]; warm: number[]; newer: number[] }> {
  const health: number[] = [];
  const warm: number[] = [];
  const newer: number[] = [];
  let firstVersion: number | null = null;
  let done = false;
  const loop = async (fn: () => Promise<void>) => {
    while (!done) {
      await fn();
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const healthLoop = loop(async () => {
    const t0 = performance.now();
    await (await fetch(`${base}/healthz`)).text();
    health.push(performance.now() - t0);
  });
  const warmLoop = loop(async () => {
    const r = await warmDashboard(base);
    const v = versionOf(r.body);
    firstVersion ??= v;
    (v > firstVersion ? newer : warm).push(r.ms);
  });
  const result = await during;
  done = true;
  await Promise.all([healthLoop, warmLoop]);
  return { result, health, warm, newer };
}

const p99 = (xs: number[]) =>
  xs.length
    ? percentile(
        [...xs].sort((a, b) => a - b),
        99,
      )
    : Number.NaN;

/** A query with all 19 aggregation fields under `filter` (channelEvolution of `channel`). */
function catalogueQuery(channel: string): string {
  const m = 'meta { source }';
  return `query Cold($filter: WatchFilter) { analytics(filter: $filter) {
    kpis { ${m} } monthlyTrend { ${m} } topChannels { ${m} } heatmap { ${m} } topics { ${m} } overview { ${m} }
    sessions { ${m} } viewingPatterns { ${m} } advancedKpis { ${m} } habits { ${m} } dailyStats { ${m} }
    timeSeries { ${m} } channelMetrics { ${m} } channelRelationships { ${m} }
    channelEvolution(channel: ${JSON.stringify(channel)}) { ... on ChannelEvolutionSuccess { ${m} } }
    topicEvolution { ${m} } topicDiversity { ${m} } topicSignals { ${m} } dataQuality { ${m} } } }`;
}

/** The upload runs in a child process, so that this process's probes time the gateway, not their own loop streaming 20 MB. */
async function upload(base: string, file: string): Promise<unknown> {
  return JSON.parse((await uploadTakeoutFromChild(base, file)).text);
}

async function runSize(n: number): Promise<void> {
  const path = await prepareStore(n);
  resetStore(path);
  const rows: Row[] = [];
  const env = { WATCHGRAPH_DB: path, DEMO_DATA: '0', PORT: '0', REDIS_URL: '' };

  // Pages of a full load.
  const scan = await scanPages(path);
  rows.push({
    measure: 'last page vs first page of a full load',
    baseline: ms(scan.first),
    value: ms(scan.last),
    ratio: `${(scan.last / scan.first).toFixed(2)}×`,
    target: '≤ 2×',
    met: yes(scan.last / scan.first <= 2),
  });

  // 1. A gateway over the loaded store with nothing cached: the start-up job computes the base set.
  let gw: RunningProcess = startEntry('main.ts', env);
  let base = await gw.base();
  const job = await gw.waitFor('precompute.job');
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const kernelSeconds = [...metrics.matchAll(/watchgraph_compute_seconds_sum\{aggregation="[^"]+"\} ([0-9.e+-]+)/g)].reduce(
    (s, m) => s + Number(m[1]),
    0,
  );
  const baselineMs = scan.total + kernelSeconds * 1000;
  const jobMs = Number(job.millis);
  rows.push({
    measure: 'base set from a loaded store',
    baseline: `${ms(baselineMs)} (scan ${ms(scan.total)} + kernels ${ms(kernelSeconds * 1000)})`,
    value: ms(jobMs),
    ratio: `${(jobMs / baselineMs).toFixed(2)}×`,
    target: '≤ 1.5×',
    met: yes(jobMs / baselineMs <= 1.5),
  });
  await gw.stop();

  // 2. Restart over the store: ready, and the first dashboard from stored entries.
  const spawnedAt = Date.now();
  gw = startEntry('main.ts', env);
  base = await gw.base();
  const ready = await gw.waitFor('server.ready');
  const readyMs = Number(ready.time) - spawnedAt;
  const first = await warmDashboard(base);
  const fields = (first.body.data as { analytics: Record<string, { meta: { source: string } }> }).analytics;
  const sources = Object.entries(fields)
    .filter(([, v]) => v && typeof v === 'object' && 'meta' in v)
    .map(([, v]) => v.meta.source);
  rows.push({
    measure: 'restart → ready over the store (process start included)',
    baseline: '—',
    value: ms(readyMs),
    ratio: '',
    target: '≤ 3 s',
    met: yes(readyMs <= 3000),
  });
  rows.push({
    measure: 'first dashboard after restart: fields from stored entries',
    baseline: '—',
    value: `${sources.filter((s) => s === 'STORE').length}/${sources.length} STORE`,
    ratio: '',
    target: 'none recomputed',
    met: yes(sources.length > 0 && sources.every((s) => s === 'STORE' || s === 'MEMORY')),
  });

  // Warm dashboard when idle: the baseline of every "during" row.
  for (let i = 0; i < 20; i++) await warmDashboard(base);
  const idle: number[] = [];
  for (let i = 0; i < 200; i++) idle.push((await warmDashboard(base)).ms);
  const idleP99 = p99(idle);

  const phase = async (name: string, work: () => Promise<unknown>) => {
    await loopDelay(base); // starts a new window
    const { health, warm, newer } = await probe(base, work());
    const loop = await loopDelay(base);
    const warmP99 = p99(warm);
    rows.push({
      measure: `event-loop delay p99 (gateway), during ${name}`,
      baseline: '—',
      value: `${ms(loop.p99)} (max ${ms(loop.max)})`,
      ratio: '',
      target: '< 20 ms',
      met: yes(loop.p99 < 20),
    });
    rows.push({
      measure: `warm dashboard p99, during ${name}`,
      baseline: ms(idleP99),
      value: `${ms(warmP99)} (${warm.length} requests)`,
      ratio: `${(warmP99 / idleP99).toFixed(2)}×`,
      target: '≤ 2× and < 50 ms',
      met: yes(warmP99 / idleP99 <= 2 && warmP99 < 50),
    });
    if (newer.length > 0) {
      rows.push({
        measure: `dashboards of the new data version, during ${name} (FRESH: computed, not warm)`,
        baseline: '—',
        value: `${newer.length} requests, max ${ms(Math.max(...newer))}`,
        ratio: '',
        target: '—',
        met: '',
      });
    }
    rows.push({
      measure: `/healthz p99, during ${name}`,
      baseline: '—',
      value: `${ms(p99(health))} (${health.length} requests)`,
      ratio: '',
      target: '< 20 ms',
      met: yes(p99(health) < 20),
    });
  };

  // A base set in another zone (setTimeZone), while the UTC dashboard stays warm.
  await phase('a base set', async () => {
    const from = gw.lines.length;
    await gql(base, 'mutation { setTimeZone(timeZone: "America/New_York") { id } }');
    await gw.waitFor('precompute.job', 600_000, from);
  });
  // A 24 MB Takeout import (a backfill of new events).
  const importFile = join(OUT, `scale-import-${IMPORT_ENTRIES}.json`);
  await writeFileFrom(importFile, jsonParts(IMPORT_ENTRIES, Date.UTC(2015, 0, 1)));
  // The import's job may finish before its upload's answer arrives: look for it from before the upload.
  const importFrom = gw.lines.length;
  await phase(`a ${(statSync(importFile).size / 1e6).toFixed(0)} MB import`, () => upload(base, importFile));
  await gw.waitFor('precompute.job', 600_000, importFrom); // let the import's job finish
  // A cold 19-field query under a never-seen filter.
  const top = await gql(base, '{ analytics { topChannels(limit: 1) { data { channel { channelKey } } } } }');
  const channel =
    (top.body.data as { analytics: { topChannels: { data: { channel: { channelKey: string } }[] } } }).analytics.topChannels
      .data[0]?.channel.channelKey ?? 'none';
  await phase('a cold 19-field query', () =>
    gql(base, catalogueQuery(channel), { filter: { timeZone: 'Asia/Kolkata', topics: ['MUSIC', 'GAMING'] } }),
  );

  // Cold 5-field dashboards: never-seen filters, each in a zone not used before.
  const cold: number[] = [];
  for (const [i, tz] of ['Pacific/Auckland', 'America/Sao_Paulo', 'Africa/Nairobi'].entries()) {
    const r = await gql(base, DASHBOARD_QUERY, { filter: { timeZone: tz, topics: [['NEWS', 'SPORTS', 'TRAVEL'][i]] } });
    if (!r.body.errors) cold.push(r.ms);
  }
  const coldMedian = [...cold].sort((a, b) => a - b)[Math.floor(cold.length / 2)] ?? Number.NaN;
  rows.push({
    measure: 'cold 5-field dashboard, never-seen filter in a new zone (median of 3)',
    baseline: '—',
    value: ms(coldMedian),
    ratio: '',
    target: '< 50 ms',
    met: yes(coldMedian < 50),
  });

  // Cost follows the change: appends of k events, then the dashboard of the new version (FRESH
  // waits for it) and the job that brings the base set to it. Baseline: the first base set.
  const appendCase = async (label: string, k: number, startMs: number) => {
    const events = Array.from({ length: k }, (_, i) => ({
      watchedAt: new Date(startMs + i * 60_000).toISOString(),
      videoTitle: `Scale append ${label} ${i}`,
      // A nonce per run: the store is kept between runs, and events seen before would be duplicates.
      videoUrl: `https://www.youtube.com/watch?v=sa${RUN}${label.replace(/\W/g, '')}${i}`,
      channelTitle: `Append channel ${i % 7}`,
      channelUrl: `https://www.youtube.com/channel/UCappend${i % 7}`,
    }));
    const from = gw.lines.length;
    const t0 = performance.now();
    const r = await gql(base, INGEST, { events });
    const version = (r.body.data as { ingestWatchEvents: { dataVersion: number } } | undefined)?.ingestWatchEvents.dataVersion;
    const dash = await gql(base, DASHBOARD_QUERY, {});
    const dashMs = performance.now() - t0;
    const job = await gw.waitFor('precompute.job', 600_000, from);
    const dashTarget = k === 1 ? 200 : Number.POSITIVE_INFINITY;
    rows.push({
      measure: `${label}: ingest + the dashboard of the new version`,
      baseline: '—',
      value: `${ms(dashMs)} (v${version}${dash.body.errors ? ', errors' : ''})`,
      ratio: '',
      target: k === 1 ? '≤ 200 ms' : '—',
      met: k === 1 ? yes(dashMs <= dashTarget && !dash.body.errors) : '',
    });
    // From the ingest to the moment the job had the whole base set of the new version fresh
    // (the job then goes on with the hot combos: `job` in the label is its whole time).
    const jobDoneMs = Number(job.time) - Number(job.millis) + Number(job.baseMillis) - (Date.now() - (performance.now() - t0));
    const jobTarget = k === 1 ? 1000 : 2000;
    rows.push({
      measure: `${label}: → whole base set fresh (job ${ms(Number(job.millis))}, ${job.baseComputed} computed)`,
      baseline: `first base set ${ms(jobMs)}`,
      value: ms(jobDoneMs),
      ratio: `${(jobDoneMs / jobMs).toFixed(2)}×`,
      target: `≤ ${jobTarget / 1000} s`,
      met: yes(jobDoneMs <= jobTarget),
    });
    // The work the append cost: the delta the engine read and the rows it rescanned, the entries
    // it recomputed or carried. For one event these should not depend on the history's size.
    const advanced = gw.lines.slice(from).find((l) => l.event === 'engine.advanced');
    const w: Work = {
      kind: String(advanced?.kind ?? 'none'),
      events: Number(advanced?.events ?? 0),
      rowsScanned: Number(advanced?.rowsScanned ?? 0),
      recomputed: Number(job.recomputed),
      carried: Number(job.carried),
      jobMs: Number(job.millis),
    };
    if (k === 1) WORK.set(n, w);
    rows.push({
      measure: `${label}: work (engine state ${w.kind}: events read, rows rescanned; entries recomputed, carried)`,
      baseline: '—',
      value: `${w.events}, ${w.rowsScanned}; ${w.recomputed}, ${w.carried}`,
      ratio: '',
      target: k === 1 ? 'independent of history' : '—',
      met: '',
    });
  };
  const newest = Date.now() - 3_600_000;
  await appendCase('1-event append', 1, newest);
  await appendCase('1 000-event append', 1000, newest - 2 * 86_400_000);
  await appendCase('10 000-event backfill', 10_000, Date.UTC(2016, 0, 1));
  await gw.stop();

  printRows(`scale: ${n.toLocaleString('en')} events, gateway (2 shared cores; every process on this machine)`, rows);
  rows.length = 0;

  // A worker running a base set: its own event-loop delay (it logs it every second, at info: measured at the
  // deployed log level, not with a debug line per entry).
  const redis = await startRedis();
  try {
    const wEnv = { ...env, REDIS_URL: redis.url };
    const gateway = startEntry('main.ts', { ...wEnv, PRECOMPUTE: 'external' });
    const gbase = await gateway.base();
    await gateway.waitFor('server.ready');
    const worker = startEntry('worker.ts', { ...wEnv, WORKER_LOOP_DELAY_LOG_MS: '1000' });
    await worker.waitFor('worker.ready', 120_000);
    const from = worker.lines.length;
    await gql(gbase, 'mutation { setTimeZone(timeZone: "Europe/Paris") { id } }');
    // The base set of the new zone: the gateway's start-up job (everything fresh) may finish first.
    await waitForLine(worker, (l) => l.event === 'precompute.job' && Number(l.baseComputed) > 0, from);
    const upTo = worker.lines.length;
    await worker.stop();
    // Whole 1-s windows of the job (the stopping line's figure is a max, not a p99).
    const delays = worker.lines
      .slice(from, upTo)
      .filter((l) => l.event === 'worker.loop_delay')
      .map((l) => Number(l.p99))
      .filter(Number.isFinite);
    const worst = Math.max(...delays);
    rows.push({
      measure: 'event-loop delay (worker), during a base set: worst 1-s p99',
      baseline: '—',
      value: ms(worst),
      ratio: '',
      target: '< 20 ms',
      met: yes(worst < 20),
    });
    await gateway.stop();
  } finally {
    await redis.stop();
  }
  printRows(`scale: ${n.toLocaleString('en')} events, worker`, rows);
}

export async function run(): Promise<void> {
  // The generated stores are kept in bench/out/ for the next run; BENCH_SCALE_FRESH=1 regenerates them.
  if (process.env.BENCH_SCALE_FRESH === '1') {
    for (const n of SIZES) for (const s of ['', '-wal', '-shm']) rmSync(join(OUT, `scale-${n}.db${s}`), { force: true });
  }
  for (const n of SIZES) await runSize(n);
  // Cost follows the change: a 1-event append at each size, side by side (baseline: the smallest size).
  const sizes = [...WORK.keys()].sort((a, b) => a - b);
  const base = WORK.get(sizes[0] as number);
  if (base && sizes.length > 1) {
    const rows: Row[] = [];
    for (const n of sizes) {
      const w = WORK.get(n) as Work;
      const same =
        w.kind === 'delta' && w.events === base.events && w.recomputed === base.recomputed && w.carried === base.carried;
      rows.push({
        measure: `1-event append at ${n.toLocaleString('en')} events: events read, rows rescanned; recomputed, carried; job`,
        baseline: `${sizes[0]?.toLocaleString('en')}: ${base.events}, ${base.rowsScanned}; ${base.recomputed}, ${base.carried}; ${ms(base.jobMs)}`,
        value: `${w.events}, ${w.rowsScanned}; ${w.recomputed}, ${w.carried}; ${ms(w.jobMs)}`,
        ratio: `job ${(w.jobMs / base.jobMs).toFixed(2)}×`,
        target: 'same work; job independent of size',
        met: yes(same),
      });
    }
    printRows('scale: work per 1-event append across history sizes', rows);
  }
}

interface Work {
  kind: string;
  events: number;
  rowsScanned: number;
  recomputed: number;
  carried: number;
  jobMs: number;
}
/** Per history size: the work of its 1-event append. */
const WORK = new Map<number, Work>();
