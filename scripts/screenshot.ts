/**
 * `npx tsx scripts/screenshot.ts [out.png]`: the README's picture of the dashboard. A gateway on
 * loopback with a generated demo history (no personal data) and a fixed clock, the page built
 * from the current sources, Debian's Chromium (offline) → `docs/dashboard.png`.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { LOCAL_VIEWER_ID } from '../resolvers/context.js';
import { loadDemoHistory } from '../server/demo.js';
import { makeGateway } from '../server/gateway.js';
import { createHttpServer } from '../server/http.js';
import { createSqliteStore } from '../store/sqlite.js';
import { launchOffline } from '../tests/browser/chromium.js';
// @ts-expect-error: a plain ESM script without types
import { buildWeb, isWebStale, ROOT } from './build.mjs';

const out = process.argv[2] ?? join(ROOT as string, 'docs', 'dashboard.png');
const NOW = Date.UTC(2026, 9, 15, 18);

if (isWebStale()) await buildWeb();
const store = createSqliteStore({ path: ':memory:' });
const gateway = makeGateway({ store, logger: pino({ level: 'silent' }), now: () => NOW, usageFlushMs: 0 });
await store.ensureViewer(LOCAL_VIEWER_ID, 'Europe/Paris');
await loadDemoHistory(store, LOCAL_VIEWER_ID, Number(process.env.DEMO_EVENTS ?? 20_000), NOW, 'Europe/Paris');
await gateway.services.precomputer.schedule(LOCAL_VIEWER_ID);
await gateway.queue.idle();
const server = createHttpServer(gateway);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchOffline(base);
try {
  const page = await browser.page();
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${base}/?tf=LAST_12_MONTHS`);
  await page.locator('.app[data-state="ready"]').waitFor({ timeout: 60_000 });
  // The top of the page: filters, headline numbers and the first rows of panels (a full page is ~5000 px).
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1360, height: 1400 } });
  process.stdout.write(`screenshot: ${out}\n`);
} finally {
  await browser.close();
  server.close();
  await gateway.close();
  await store.close();
}
