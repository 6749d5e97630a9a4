/**
 * GraphiQL in a real browser with no network: it is served from the project's own packages,
 * opens on the dashboard query, and running that query shows the dashboard's data.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_QUERY } from '../../server/dashboard.js';
import { loadDemoHistory } from '../../server/demo.js';
import { createHttpServer } from '../../server/http.js';
import { NOW, type TestGateway, testGateway } from '../gateway/harness.js';
import { launchOffline, type OfflineBrowser } from './chromium.js';

let gw: TestGateway;
let base: string;
let browser: OfflineBrowser;
let closeServer: () => Promise<void>;

beforeAll(async () => {
  gw = testGateway();
  await loadDemoHistory(gw.store, 'local', 400, NOW, 'UTC');
  const server = createHttpServer(gw);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closeServer = () => new Promise((r) => server.close(() => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchOffline(base);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
  await gw?.close();
  await gw?.store.close();
});

describe('GraphiQL offline', () => {
  it('opens on the dashboard query and runs it, fetching nothing from outside', async () => {
    const page = await browser.page();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/graphql`);
    const editor = page.locator('.graphiql-query-editor');
    await expect.poll(() => editor.textContent(), { timeout: 30_000 }).toMatch(/query\s+Dashboard/);
    await page.getByRole('button', { name: /execute query/i }).click();
    const response = page.locator('.graphiql-response');
    await expect.poll(() => response.textContent(), { timeout: 30_000 }).toContain('"estimatedWatchSeconds"');
    // Monaco renders spaces as U+00A0.
    const text = ((await response.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).not.toMatch(/Syntax Error|"errors"/);
    // The numbers GraphiQL shows are the API's own answer to the same query.
    const api = (await gw.raw(DASHBOARD_QUERY)) as { data: { analytics: { kpis: { data: { videos: number } } } } };
    expect(api.data.analytics.kpis.data.videos).toBeGreaterThan(0);
    expect(text).toContain(`"videos": ${api.data.analytics.kpis.data.videos}`);
    expect(browser.blocked).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);
});
