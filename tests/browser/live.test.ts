/**
 * The page keeps up with new data, in Debian's Chromium: a Takeout file dropped on one page is
 * uploaded (multipart, with progress), its report shown, and the numbers update on that page and
 * on a second page through the SSE subscription; with Redis away the page polls instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sampleEvents } from '../gateway/harness.js';
import { apiFor, type DashboardSite, ready, startSite } from './dashboard.js';

let site: DashboardSite | null = null;
afterEach(async () => {
  await site?.close();
  site = null;
});

/** A Takeout watch-history.json with `n` watches the demo history does not have. */
function takeout(n: number, offset = 0): string {
  return JSON.stringify(
    sampleEvents(n, Date.UTC(2024, 5, 1, 18) + offset * 60_000).map((e, i) => ({
      header: 'YouTube',
      title: `Watched ${e.videoTitle} live ${offset + i}`,
      titleUrl: `https://www.youtube.com/watch?v=live${offset + i}`,
      subtitles: [{ name: e.channelTitle, url: e.channelUrl }],
      time: e.watchedAt,
      products: ['YouTube'],
      activityControls: ['YouTube watch history'],
    })),
  );
}

const kpiVideos = (page: import('playwright-core').Page) =>
  page.locator('[data-panel="kpis"] .kpi-value [data-value]').first().getAttribute('data-value');

describe('live dashboard', () => {
  it('a dropped Takeout file is uploaded with progress and reported; the numbers update here and on a second page', async () => {
    site = await startSite();
    const first = await site.open('/');
    const second = await site.open('/');
    const before = Number(await kpiVideos(first.page));
    await expect.poll(() => second.page.locator('[data-live]').getAttribute('data-live')).toBe('live');

    // Drag and drop: a real DataTransfer with a File, dropped on the drop zone.
    await first.page.locator('.dropzone').evaluate((zone, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'watch-history.json', { type: 'application/json' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, takeout(7));
    const report = first.page.locator('[data-report="import"]');
    await report.waitFor({ timeout: 20_000 });
    expect(await report.locator('[data-value]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).toEqual([
      '7',
      '0',
      '0',
    ]);
    expect(await report.textContent()).toMatch(/7 added, 0 duplicates, 0 skipped/);

    // Both pages show the API's new numbers, the second one without any action.
    const after = (await apiFor(site.gw, '')).kpis?.data as { videos: number };
    expect(after.videos).toBe(before + 7);
    await expect.poll(() => kpiVideos(second.page), { timeout: 20_000 }).toBe(String(after.videos));
    await expect.poll(() => kpiVideos(first.page), { timeout: 20_000 }).toBe(String(after.videos));
    await ready(second.page);

    // The same file again: all duplicates, reported as such.
    await first.page.locator('input[type="file"]').setInputFiles({
      name: 'watch-history.json',
      mimeType: 'application/json',
      buffer: Buffer.from(takeout(7)),
    });
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toMatch(/0 added, 7 duplicates/);

    // A file that is not a Takeout export is rejected with its code.
    await first.page.locator('input[type="file"]').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": "world"}'),
    });
    await expect.poll(() => first.page.locator('[data-code]').getAttribute('data-code'), { timeout: 20_000 }).toBe('NOT_TAKEOUT');
    expect([...first.errors, ...second.errors]).toEqual([]);
  }, 120_000);

  it('with Redis away the page says so and polls the data version instead', async () => {
    site = await startSite({ gateway: { redis: { url: 'redis://127.0.0.1:1' } } });
    const watcher = await site.open('/');
    await expect.poll(() => watcher.page.locator('[data-live]').getAttribute('data-live'), { timeout: 20_000 }).toBe('polling');
    expect(await watcher.page.locator('[data-live]').textContent()).toContain('LIVE_UNAVAILABLE');
    const before = Number(await kpiVideos(watcher.page));
    // An import by another client (the API directly).
    const res = await site.gw.raw('mutation($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { added } }', {
      events: sampleEvents(3, Date.UTC(2024, 5, 2, 9)),
    });
    expect(res.errors).toBeUndefined();
    await expect.poll(() => kpiVideos(watcher.page), { timeout: 30_000 }).toBe(String(before + 3));
  }, 90_000);
});
