/**
 * `npm run bench -- web`: the dashboard page in Debian's Chromium against a gateway holding
 * WEB_BENCH_EVENTS demo events (default 1 000 000), its entries warm and the page's assets
 * already in the browser cache (every measured load is a repeat visit). Reads the page's own
 * performance marks:
 *
 * - navigation → every panel painted (`wg:painted`, after the frame that shows the numbers);
 * - filter change → panels repainted (`wg:filter-change` → the next `wg:painted`);
 * - JS heap after load (CDP Runtime.getHeapUsage after a collection);
 * - bundle size (gzip -9 of what / loads: HTML, JS, CSS).
 *
 * Targets (issue #13): < 150 ms, < 100 ms, < 20 MB, ≤ 200 KB gzip. WEB_BENCH_ROUNDS (default 7)
 * repeats; the median and the worst are printed. Gateway and browser share this machine's cores.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { chromium, type Page } from 'playwright-core';
import { LOCAL_VIEWER_ID } from '../resolvers/context.js';
// @ts-expect-error: a plain ESM script without types
import { buildWeb, isWebStale } from '../scripts/build.mjs';
import { loadDemoHistory } from '../server/demo.js';
import { makeGateway } from '../server/gateway.js';
import { createHttpServer } from '../server/http.js';
import { defaultWebRoot } from '../server/static.js';
import { createSqliteStore } from '../store/sqlite.js';
import { CHROMIUM } from '../tests/browser/chromium.js';
import { DashboardDocument } from '../web/src/gql/graphql.js';
import { median } from './lib.js';

const EVENTS = Number(process.env.WEB_BENCH_EVENTS ?? 1_000_000);
const ROUNDS = Math.max(1, Number(process.env.WEB_BENCH_ROUNDS ?? 7));

const log = (msg: string) => process.stderr.write(`[bench/web] ${msg}\n`);

/** Milliseconds from `from` (a mark name, or navigation start) to the first `wg:painted` after it. */
async function paintedAfter(page: Page, from: string | null, timeoutMs = 120_000): Promise<number> {
  // A string, not a function: tsx would wrap a function with helpers the page does not have.
  return page.evaluate(`new Promise((resolve, reject) => {
    const from = ${JSON.stringify(from)};
    const start = from ? (performance.getEntriesByName(from).at(-1)?.startTime ?? NaN) : 0;
    const deadline = performance.now() + ${timeoutMs};
    const look = () => {
      const painted = performance.getEntriesByName('wg:painted').find((e) => e.startTime >= start);
      if (painted) resolve(painted.startTime - start);
      else if (performance.now() > deadline) reject(new Error('no wg:painted after ' + (from ?? 'navigation')));
      else setTimeout(look, 5);
    };
    look();
  })`) as Promise<number>;
}

/** Sizes of what a visit to / loads, gzip -9, bytes. */
function bundleBytes(root: string): { gzip: number; raw: number; files: number } {
  const assets = readdirSync(join(root, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  const files = [join(root, 'index.html'), ...assets.map((f) => join(root, 'assets', f))];
  return {
    gzip: files.reduce((s, f) => s + gzipSync(readFileSync(f), { level: 9 }).length, 0),
    raw: files.reduce((s, f) => s + statSync(f).size, 0),
    files: files.length,
  };
}

export async function run(): Promise<void> {
  if (isWebStale()) await buildWeb({ quiet: true });
  const store = createSqliteStore({ path: ':memory:' });
  const gateway = makeGateway({ store, logger: pino({ level: 'silent' }), usageFlushMs: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'wg-bench-web-'));
  let t0 = Date.now();
  await store.ensureViewer(LOCAL_VIEWER_ID, 'UTC');
  await loadDemoHistory(store, LOCAL_VIEWER_ID, EVENTS, Date.now(), 'UTC');
  log(`${EVENTS} demo events stored in ${Math.round((Date.now() - t0) / 1000)} s`);
  t0 = Date.now();
  await gateway.services.precomputer.schedule(LOCAL_VIEWER_ID);
  await gateway.queue.idle();
  log(`base set precomputed in ${Math.round((Date.now() - t0) / 1000)} s`);
  const server = createHttpServer(gateway);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // No request routing: Playwright's routing turns the HTTP cache off, and the repeat visit is the point.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  try {
    const page = await context.newPage();
    const product = page.getByRole('combobox', { name: 'Product' });
    // Warm-up: the first visit fills the browser cache; the filter states measured below become warm entries
    // (channelEvolution is not in the base set; the first ask computes it).
    for (const path of ['/', '/?product=YOUTUBE', '/']) {
      await page.goto(`${base}${path}`);
      await paintedAfter(page, null);
      await page.locator('.app[data-state="ready"]').waitFor({ timeout: 120_000 });
    }
    const loads: number[] = [];
    const changes: number[] = [];
    const loadBusy: number[] = [];
    const changeBusy: number[] = [];
    const heaps: number[] = [];
    let cached = true;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    /** The renderer main thread's task time in this document so far, ms (steadier than wall time on a shared machine). */
    const busyMs = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    };
    for (let i = 0; i < ROUNDS; i++) {
      await page.goto(`${base}/`);
      loads.push(await paintedAfter(page, null));
      loadBusy.push(await busyMs());
      await page.locator('.app[data-state="ready"]').waitFor();
      // Every script and style came from the browser cache (no bytes over the wire).
      cached &&= (await page.evaluate(
        "performance.getEntriesByType('resource').filter((r) => r.name.includes('/assets/')).every((r) => r.transferSize === 0)",
      )) as boolean;
      await cdp.send('HeapProfiler.collectGarbage');
      heaps.push(((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize);
      const before = await busyMs();
      await product.selectOption('YOUTUBE');
      changes.push(await paintedAfter(page, 'wg:filter-change'));
      changeBusy.push((await busyMs()) - before);
      await page.locator('.app[data-state="ready"]').waitFor();
    }
    // Baseline in the same page and run: the Dashboard request alone (fetch + JSON.parse, nothing rendered).
    const body = JSON.stringify({ query: DashboardDocument.toString(), variables: {} });
    const requestOnly: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      requestOnly.push(
        (await page.evaluate(`(async () => {
          const t = performance.now();
          const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' }, body: ${JSON.stringify(body)} });
          await r.json();
          return performance.now() - t;
        })()`)) as number,
      );
    }
    const bundle = bundleBytes(defaultWebRoot());
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const rows: string[][] = [
      ['baseline: the Dashboard request alone', ms(median(requestOnly)), ms(Math.max(...requestOnly)), '', '', ''],
      [
        'navigation → every panel painted',
        ms(median(loads)),
        ms(Math.max(...loads)),
        ms(median(loadBusy)),
        '< 150 ms',
        median(loads) < 150 ? 'yes' : 'no',
      ],
      [
        'filter change → panels repainted',
        ms(median(changes)),
        ms(Math.max(...changes)),
        ms(median(changeBusy)),
        '< 100 ms',
        median(changes) < 100 ? 'yes' : 'no',
      ],
      [
        'JS heap after load',
        `${(median(heaps) / 1048576).toFixed(1)} MB`,
        `${(Math.max(...heaps) / 1048576).toFixed(1)} MB`,
        '',
        '< 20 MB',
        median(heaps) < 20 * 1048576 ? 'yes' : 'no',
      ],
      [
        `bundle (${bundle.files} files, ${(bundle.raw / 1024).toFixed(0)} KB raw)`,
        `${(bundle.gzip / 1024).toFixed(1)} KB gzip`,
        '',
        '',
        '≤ 200 KB',
        bundle.gzip <= 200 * 1024 ? 'yes' : 'no',
      ],
    ];
    const header = ['', 'median', 'worst', 'main thread', 'target', 'met'];
    const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]?.length ?? 0)));
    const line = (r: string[]) =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
    const rule = '-'.repeat(widths.reduce((s, w) => s + w + 2, -2));
    console.log(
      `Dashboard page, Chromium ${context.browser()?.version() ?? ''} headless, ${EVENTS.toLocaleString('en')} events, entries warm, ${ROUNDS} repeat visits (assets from cache: ${cached ? 'yes' : 'NO'})`,
    );
    console.log([rule, line(header), rule, ...rows.map(line), rule].join('\n'));
    console.log(
      `"main thread": the page's main-thread task time in that interval (median); wall time minus it is waiting (network, gateway, other processes). load average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.close();
    await gateway.close();
    await store.close();
  }
}
