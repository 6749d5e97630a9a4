/**
 * `npm run bench -- soak`: mixed traffic for SOAK_SECONDS (default 60) from autocannon with 50
 * connections (25 per gateway) against two gateways (PRECOMPUTE=external) over one SQLite
 * file, one worker and a private redis-server. During the run Redis is SIGSTOPped for 20 s
 * (from 10 s) and the worker is SIGKILLed once (at 35 s) and replaced.
 *
 * Traffic per connection, in turn: the warm dashboard; a dashboard under a never-seen filter;
 * an ingest of new events (each logged by the harness); a KPIs read. An upload of a small
 * Takeout export with new events runs beside it every 5 s.
 *
 * Checks afterwards: every logged event is stored exactly once (count per id), and every
 * unfiltered answer's `kpis.videos` equals a from-scratch computation (a fresh Engine over the events of
 * the data version the answer reports, `Store.eventPages({ upToVersion })`; a sample of up to
 * SOAK_CHECK_VERSIONS versions). Typed rejections (quotas, budgets) are counted apart from
 * failures. Everything shares the machine's cores with the load generator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { WatchEvent } from '../domain/events.js';
import { canonicalizeFilter } from '../domain/filter.js';
import { Engine, kpis } from '../precompute/engine/index.js';
import { LOCAL_VIEWER_ID } from '../resolvers/context.js';
import { DASHBOARD_QUERY } from '../server/dashboard.js';
import { loadDemoHistory } from '../server/demo.js';
import { createSqliteStore, readOnlySqliteStore } from '../store/sqlite.js';
import { type RunningProcess, startEntry } from './support/process.js';
import { startRedis } from './support/redis-server.js';
import { uploadTakeout } from './support/takeout.js';

type Cannon = (
  options: Record<string, unknown>,
) => Promise<{ requests: { total: number }; latency: { p99: number }; non2xx: number; errors: number; timeouts: number }>;

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CHECK_VERSIONS = Number(process.env.SOAK_CHECK_VERSIONS ?? 25);
const ZONES = ['UTC', 'Europe/Paris', 'Asia/Tokyo', 'America/New_York', 'Australia/Sydney', 'Africa/Cairo', 'Asia/Kolkata'];
const TYPED = new Set(['QUOTA_EXCEEDED', 'QUERY_TOO_EXPENSIVE']);

interface Tally {
  answers: { version: number; videos: number; where: string }[];
  typed: Map<string, number>;
  graphqlErrors: string[];
  ingested: Set<string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let seq = 0;
/** New events, unique by URL (the event id derives from it and the instant). */
function newEvents(n: number, tally: Tally, label: string) {
  return Array.from({ length: n }, () => {
    const i = seq++;
    const videoId = `soak${label}${i}`;
    const url = `https://www.youtube.com/watch?v=${videoId}`;
    tally.ingested.add(videoId);
    return {
      watchedAt: new Date(Date.now() - (i % 5000) * 60_000 - 3_600_000).toISOString(),
      videoTitle: `Soak ${label} ${i}`,
      videoUrl: url,
      channelTitle: `Soak channel ${i % 11}`,
      channelUrl: `https://www.youtube.com/channel/UCsoak${i % 11}`,
    };
  });
}

/** Reads one GraphQL answer: counts typed rejections and errors, records kpis answers. */
function record(tally: Tally, body: string, where: string, check: boolean): void {
  let parsed: {
    data?: { analytics?: { kpis?: { data?: { videos: number }; meta?: { dataVersion: number } } } };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  try {
    parsed = JSON.parse(body);
  } catch {
    tally.graphqlErrors.push(`not JSON: ${body.slice(0, 80)}`);
    return;
  }
  for (const e of parsed.errors ?? []) {
    const code = e.extensions?.code ?? '';
    if (TYPED.has(code)) {
      const what = `${code}${(e.extensions as { limit?: string } | undefined)?.limit ? ` (${(e.extensions as { limit?: string }).limit})` : ''}`;
      tally.typed.set(what, (tally.typed.get(what) ?? 0) + 1);
    }
    if (!TYPED.has(code)) tally.graphqlErrors.push(`${e.extensions?.code ?? ''} ${e.message}`.slice(0, 160));
  }
  const k = parsed.data?.analytics?.kpis;
  if (check && k?.data && k.meta) {
    const m = k.meta as { dataVersion: number; source?: string; stale?: boolean };
    const cache = (parsed as { extensions?: { responseCache?: string } }).extensions?.responseCache ?? '';
    tally.answers.push({
      version: m.dataVersion,
      videos: k.data.videos,
      where: `${where} ${m.source ?? ''}${m.stale ? ' stale' : ''} ${cache}`,
    });
  }
}

function requestsFor(tally: Tally, label: string) {
  let n = 0;
  // `check`: the answer is unfiltered (timeframe ALL), so its kpis are checked from scratch.
  const post = (body: () => string, check = false) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }),
    onResponse: (status: number, body: string) => {
      if (status === 200) record(tally, body, label, check);
    },
  });
  return [
    post(() => JSON.stringify({ query: DASHBOARD_QUERY, variables: {} }), true),
    post(() => {
      n++;
      const zone = ZONES[n % ZONES.length];
      const days = 10 + (n % 700);
      const to = new Date(Date.now() - (n % 300) * 86_400_000).toISOString().slice(0, 10);
      const from = new Date(Date.now() - (n % 300) * 86_400_000 - days * 86_400_000).toISOString().slice(0, 10);
      return JSON.stringify({ query: DASHBOARD_QUERY, variables: { filter: { timeZone: zone, range: { from, to } } } });
    }),
    post(() =>
      JSON.stringify({
        query: 'mutation($e: [WatchEventInput!]!) { ingestWatchEvents(events: $e) { dataVersion } }',
        variables: { e: newEvents(3, tally, label) },
      }),
    ),
    post(() => JSON.stringify({ query: '{ analytics { kpis { data { videos } meta { dataVersion source stale } } } }' }), true),
  ];
}

async function uploadLoop(base: string, tally: Tally, until: number): Promise<{ ok: number; failed: number }> {
  const out = { ok: 0, failed: 0 };
  let round = 0;
  while (Date.now() < until) {
    const events = newEvents(20, tally, `up${round++}x`).map((e) => ({
      header: 'YouTube',
      title: `Watched ${e.videoTitle}`,
      titleUrl: e.videoUrl,
      subtitles: [{ name: e.channelTitle, url: e.channelUrl }],
      time: e.watchedAt,
      products: ['YouTube'],
      activityControls: ['YouTube watch history'],
    }));
    try {
      const res = await uploadTakeout(base, new Blob([JSON.stringify(events)], { type: 'application/json' }));
      const text = res.text;
      if (res.status === 200 && text.includes('ImportTakeoutSuccess')) out.ok++;
      else {
        out.failed++;
        tally.graphqlErrors.push(`upload ${res.status} ${text.slice(0, 120)}`);
      }
    } catch (err) {
      out.failed++;
      tally.graphqlErrors.push(`upload ${(err as Error).message}`);
    }
    await sleep(5000);
  }
  return out;
}

export async function run(): Promise<void> {
  const autocannon = ((await import('autocannon')) as unknown as { default: Cannon }).default;
  const dir = mkdtempSync(join(tmpdir(), 'wg-soak-'));
  const path = join(dir, 'wg.db');
  const seed = createSqliteStore({ path });
  await seed.ensureViewer(LOCAL_VIEWER_ID, 'UTC');
  await loadDemoHistory(seed, LOCAL_VIEWER_ID, 50_000, Date.now(), 'UTC');
  await seed.close();
  const redis = await startRedis();
  const env = { WATCHGRAPH_DB: path, DEMO_DATA: '0', PORT: '0', REDIS_URL: redis.url, PRECOMPUTE: 'external', LOG_LEVEL: 'warn' };
  const procs: RunningProcess[] = [];
  const tally: Tally = { answers: [], typed: new Map(), graphqlErrors: [], ingested: new Set() };
  try {
    const a = startEntry('main.ts', { ...env, LOG_LEVEL: 'info' });
    const b = startEntry('main.ts', { ...env, LOG_LEVEL: 'info' });
    procs.push(a, b);
    const [baseA, baseB] = await Promise.all([a.base(), b.base()]);
    let worker = startEntry('worker.ts', { ...env, LOG_LEVEL: 'info' });
    procs.push(worker);
    await worker.waitFor('worker.ready', 120_000);
    await Promise.all([a.waitFor('server.ready'), b.waitFor('server.ready')]);
    await sleep(3000); // the start-up job

    const started = Date.now();
    const faults: string[] = [];
    const faultPlan = (async () => {
      await sleep(10_000);
      process.kill(redis.pid, 'SIGSTOP');
      faults.push(`${((Date.now() - started) / 1000).toFixed(0)} s: Redis SIGSTOP`);
      await sleep(20_000);
      process.kill(redis.pid, 'SIGCONT');
      faults.push(`${((Date.now() - started) / 1000).toFixed(0)} s: Redis SIGCONT`);
      await sleep(5000);
      worker.child.kill('SIGKILL');
      faults.push(`${((Date.now() - started) / 1000).toFixed(0)} s: worker SIGKILL`);
      worker = startEntry('worker.ts', { ...env, LOG_LEVEL: 'info' });
      procs.push(worker);
    })();
    const cannon = (url: string, label: string) =>
      autocannon({ url, connections: 25, duration: SECONDS, requests: requestsFor(tally, label), timeout: 30 });
    const [ra, rb, uploads] = await Promise.all([
      cannon(baseA, 'a'),
      cannon(baseB, 'b'),
      uploadLoop(baseA, tally, started + SECONDS * 1000),
      faultPlan,
    ]);
    await sleep(5000); // the last commits' jobs

    // Every logged event stored exactly once.
    const db = new Database(path, { readonly: true });
    const stored = new Map<string, number>();
    const unexpected: string[] = [];
    for (const row of db
      .prepare(
        "SELECT video_id AS url, COUNT(*) AS n FROM events WHERE viewer_id = ? AND video_id GLOB 'soak*' GROUP BY video_id",
      )
      .iterate(LOCAL_VIEWER_ID) as Iterable<{ url: string; n: number }>) {
      // Only the harness's own ids (a demo video id may start with the same letters).
      if (tally.ingested.has(row.url)) stored.set(row.url, row.n);
      else unexpected.push(row.url);
    }
    db.close();
    const lost = [...tally.ingested].filter((u) => !stored.has(u)).length;
    const twice = [...stored.values()].filter((n) => n > 1).length;

    // Answers against from-scratch computations of the versions they report.
    const reader = readOnlySqliteStore(path);
    const versions = [...new Set(tally.answers.map((x) => x.version))].sort((x, y) => x - y);
    const step = Math.max(1, Math.ceil(versions.length / CHECK_VERSIONS));
    const checked = versions.filter((_, i) => i % step === 0 || i === versions.length - 1);
    let wrong = 0;
    let answersChecked = 0;
    for (const v of checked) {
      const events: WatchEvent[] = [];
      for await (const page of reader.eventPages(LOCAL_VIEWER_ID, { upToVersion: v })) events.push(...page);
      const expected = kpis(new Engine(events).context(canonicalizeFilter({}, 'UTC'), Date.now())).videos;
      for (const x of tally.answers.filter((y) => y.version === v)) {
        answersChecked++;
        if (x.videos !== expected) {
          wrong++;
          if (process.env.SOAK_DEBUG) console.log(`wrong: v${v} answered ${x.videos} expected ${expected} (${x.where})`);
        }
      }
    }
    await reader.close();

    const total = ra.requests.total + rb.requests.total;
    const rows: [string, string][] = [
      ['requests (autocannon, 50 connections)', String(total)],
      ['uploads (ok / failed)', `${uploads.ok} / ${uploads.failed}`],
      ['non-2xx', String(ra.non2xx + rb.non2xx)],
      ['socket errors / timeouts', `${ra.errors + rb.errors} / ${ra.timeouts + rb.timeouts}`],
      ['typed rejections (quotas, budgets)', [...tally.typed].map(([k, n]) => `${n} ${k}`).join(', ') || '0'],
      ['GraphQL errors (other)', String(tally.graphqlErrors.length)],
      ['p99 latency', `${Math.max(ra.latency.p99, rb.latency.p99)} ms`],
      [`answers checked wrong (kpis, ${checked.length} of ${versions.length} versions)`, `${wrong} of ${answersChecked}`],
      ['events ingested / stored / lost / stored twice', `${tally.ingested.size} / ${stored.size} / ${lost} / ${twice}`],
      ['stored ids of that form the harness never sent', unexpected.length ? unexpected.slice(0, 5).join(', ') : '0'],
    ];
    console.log(
      `soak: ${SECONDS} s, two gateways + one worker + redis-server, all on this machine's cores with the load generator`,
    );
    console.log(`faults: ${faults.join('; ')}`);
    const w = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
    const sample = [...new Set(tally.graphqlErrors)].slice(0, 8);
    if (sample.length) console.log(`first distinct errors:\n  ${sample.join('\n  ')}`);
    console.log('targets: 0 non-2xx, 0 wrong, 0 lost');
  } finally {
    for (const p of procs) await p.stop().catch(() => undefined);
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
