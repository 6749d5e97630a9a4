/**
 * The dashboard page in a real browser: a gateway on loopback with a demo history (fixed clock),
 * the page built into dist/web/ (tests/setup/web.global.ts), Debian's Chromium offline.
 */
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadDemoHistory } from '../../server/demo.js';
import { createHttpServer } from '../../server/http.js';
import { parseState, toWatchFilter } from '../../web/src/filter.js';
import { ChannelEvolutionPanelQueryDocument, DashboardDocument } from '../../web/src/gql/graphql.js';
import { NOW, type TestGateway, testGateway } from '../gateway/harness.js';
import { launchOffline, type OfflineBrowser } from './chromium.js';

export interface DashboardSite {
  gw: TestGateway;
  base: string;
  browser: OfflineBrowser;
  /** A new page with its console errors and page errors collected. */
  open(path?: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function startSite(
  options: { events?: number; gateway?: Parameters<typeof testGateway>[0] } = {},
): Promise<DashboardSite> {
  const gw = testGateway(options.gateway);
  await loadDemoHistory(gw.store, 'local', options.events ?? 1500, NOW, 'UTC');
  await gw.services.precomputer.schedule('local');
  await gw.queue.idle();
  const server = createHttpServer(gw);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchOffline(base);
  return {
    gw,
    base,
    browser,
    async open(path = '/') {
      const page = await browser.page();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}${path}`);
      await ready(page);
      return { page, errors };
    },
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
      await gw.close();
      await gw.store.close();
    },
  };
}

/** Waits until every panel has its data (no request running). */
export async function ready(page: Page): Promise<void> {
  await page.locator('.app[data-state="ready"]').waitFor({ timeout: 30_000 });
}

/** The raw numbers (`data-value`) of one panel, in document order; null for "no value". */
export async function panelNumbers(page: Page, field: string): Promise<(number | null)[]> {
  const panel = page.locator(`[data-panel="${field}"]`);
  await expect.poll(() => panel.getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
  return panel.evaluate((el) =>
    [...el.querySelectorAll('[data-value]')].map((n) => {
      const v = n.getAttribute('data-value');
      return v === '' || v === null ? null : Number(v);
    }),
  );
}

/** The API's answer to the page's own documents for the page's URL state (what the panels must show). */
export async function apiFor(gw: TestGateway, search: string, channel?: string) {
  const { filter, panels } = parseState(search);
  const variables = {
    filter: toWatchFilter(filter),
    interval: panels.interval,
    metric: panels.metric,
    channelOrder: panels.channelOrder,
    channelsAfter: null,
    sessionsAfter: null,
  };
  const dashboard = await gw.raw(DashboardDocument.toString(), variables);
  expect(dashboard.errors).toBeUndefined();
  const data = dashboard.data as {
    analytics: Record<string, { data: unknown }> & { topChannels: { data: { channel: { channelKey: string } }[] } };
  };
  const key = channel ?? panels.evolutionChannel ?? data.analytics.topChannels.data[0]?.channel.channelKey;
  const evolution = await gw.raw(ChannelEvolutionPanelQueryDocument.toString(), { filter: variables.filter, channel: key });
  expect(evolution.errors).toBeUndefined();
  return {
    ...data.analytics,
    channelEvolution: (evolution.data as { analytics: { channelEvolution: { data: unknown } } }).analytics.channelEvolution,
  } as Record<string, { data: unknown }>;
}
