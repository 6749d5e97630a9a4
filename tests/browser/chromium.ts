/**
 * Headless Chromium for browser tests: Debian's `chromium` package driven by playwright-core
 * (never a downloaded browser). Every request that is not to the test's own server is
 * aborted and recorded, so a page that needs the network fails its test.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** CHROMIUM_PATH, else Debian's binary. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface OfflineBrowser {
  context: BrowserContext;
  /** A new page whose requests outside `allowedOrigin` are aborted and listed in `blocked`. */
  page(): Promise<Page>;
  /** URLs the pages tried to fetch from anywhere but the allowed origin. */
  readonly blocked: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile; only `allowedOrigin` (e.g. http://127.0.0.1:1234) is reachable. */
export async function launchOffline(allowedOrigin: string): Promise<OfflineBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`[tests/browser] no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'wg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
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
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${allowedOrigin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('internetdisconnected');
  });
  return {
    context,
    blocked,
    page: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
