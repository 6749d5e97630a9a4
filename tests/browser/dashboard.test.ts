/**
 * The dashboard page in Debian's Chromium, offline: it loads with no console errors; every
 * panel's table view shows exactly the numbers the API returns for the same filter; a filter
 * change updates the panels and the URL, and back restores them; the filter controls work by
 * keyboard; axe-core (run in the page) finds no violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, type DashboardSite, panelNumbers, ready, startSite } from './dashboard.js';

let site: DashboardSite;
beforeAll(async () => {
  site = await startSite();
}, 120_000);
afterAll(async () => {
  await site?.close();
});

type N = number | null;
// biome-ignore lint/suspicious/noExplicitAny: API JSON read by field name, checked against the page
type J = any;

/**
 * What each panel shows, in document order, from the API's JSON (independent of the page's code):
 * its statistics first, then its table(s).
 */
const EXPECTED: Record<string, (d: J) => N[]> = {
  kpis: (d) => [
    d.videos,
    d.uniqueChannels,
    d.estimatedWatchSeconds,
    ...['mtd', 'qtd', 'ytd'].flatMap((p) => [d.periods[p].videos, d.periods[p].previousYearVideos, d.periods[p].deltaPercent]),
  ],
  overview: (d) => [d.videos, d.uniqueChannels, d.activeDays, d.spanDays, d.videosPerDay, d.videosPerActiveDay],
  monthlyTrend: (d) => d.flatMap((m: J) => [m.videos, m.uniqueChannels, m.estimatedWatchSeconds]),
  topChannels: (d) => d.flatMap((c: J) => [c.videos, c.shareOfVideos, c.estimatedWatchSeconds]),
  topics: (d) => d.flatMap((t: J) => [t.videos, t.shareOfTopicAssignments, t.recentVideos, t.previousVideos]),
  heatmap: (d) => [...d].sort((a: J, b: J) => a.weekday - b.weekday || a.hour - b.hour).map((c: J) => c.videos),
  timeSeries: (d) => d.map((t: J) => t.value),
  sessions: (d) => [
    d.count,
    d.binge,
    d.short,
    d.videosPerSession,
    d.medianVideosPerSession,
    d.meanDurationMinutes,
    d.maxVideos,
    d.perActiveDay,
    ...d.list.edges.map((e: J) => e.node.videos),
    ...d.startsByHour,
  ],
  viewingPatterns: (d) =>
    [d.byHour, d.byWeekday, d.byWeekOfMonth, d.byMonth].flatMap((b: J) => b.flatMap((x: J) => [x.videos, x.shareOfVideos])),
  advancedKpis: (d) => [
    d.consistencyScore,
    d.growth30d,
    d.growth90d,
    d.newChannelsPerMonth,
    d.peakHour,
    ...(d.peakWindow ? [d.peakWindow.startHour, d.peakWindow.endHour] : []),
    d.repeatChannelShareOfChannels,
    d.top10ChannelShareOfVideos,
    d.weekendIntensity,
    d.weekendShareOfVideos,
  ],
  habits: (d) => d.map((h: J) => h.confidence),
  dailyStats: (d) => [d.days, d.mean, d.median, d.mode, d.standardDeviation, d.p10, d.p25, d.p50, d.p75, d.p90, d.p95, d.p99],
  channelMetrics: (d) => [
    ...d.edges.flatMap(({ node: n }: J) => [
      n.videos,
      n.shareOfVideos,
      n.shareOfSessions,
      n.activeMonths,
      n.videosPerActiveMonth,
      n.loyaltyScore,
      n.peakHour,
      n.peakWeekday,
    ]),
    d.totalCount,
  ],
  channelRelationships: (d) => d.flatMap((r: J) => [r.score, r.sharedSessions]),
  channelEvolution: (d) => d.points.flatMap((p: J) => [p.videos, p.distinctTopics]),
  topicEvolution: (d) => [
    ...d.flatMap((t: J) => [t.videos, t.growthPercent, t.peakMonthOfYear, t.lowMonthOfYear]),
    ...(d[0]?.timeline ?? []).flatMap((_m: J, i: number) => d.map((t: J) => t.timeline[i].videos)),
  ],
  topicDiversity: (d) => [
    d.distinctTopics,
    d.shannonBits,
    d.evenness,
    d.top3TopicShareOfAssignments,
    d.spread.learning,
    d.spread.leisure,
    d.spread.other,
  ],
  topicSignals: (d) => d.flatMap((t: J) => [t.videos, t.learning, t.longForm, t.intentional, t.algorithmic]),
  dataQuality: (d) => [
    d.records,
    d.watched,
    d.viewedPosts,
    d.visitedAds,
    d.ads,
    d.undated,
    d.withChannel,
    d.duplicatesSkipped,
    d.ambiguousTimeZones,
    ...d.timestampFormats.map((f: J) => f.count),
    ...d.timeZoneAbbreviations.flatMap((z: J) => [z.count, z.assumedOffsetMinutes]),
  ],
};

/** Every panel's numbers with its table view on. */
async function tableNumbers(page: Page): Promise<Record<string, N[]>> {
  const out: Record<string, N[]> = {};
  for (const field of Object.keys(EXPECTED)) {
    const panel = page.locator(`[data-panel="${field}"]`);
    const toggle = panel.getByRole('button', { name: 'Show table' });
    if ((await toggle.count()) > 0) {
      await toggle.click();
      await expect.poll(() => panel.getByRole('button', { name: 'Show chart' }).count()).toBe(1);
    }
    out[field] = await panelNumbers(page, field);
  }
  return out;
}

describe('the dashboard page', () => {
  it('loads with every panel painted, no console errors and nothing fetched from outside', async () => {
    const { page, errors } = await site.open('/');
    for (const field of Object.keys(EXPECTED)) {
      await expect.poll(() => page.locator(`[data-panel="${field}"]`).getAttribute('data-state')).toBe('ready');
    }
    // Every panel carries a quiet freshness badge from `meta`.
    expect(await page.locator('[data-panel] .freshness').count()).toBe(Object.keys(EXPECTED).length);
    expect(await page.evaluate(() => performance.getEntriesByName('wg:painted').length)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(site.browser.blocked).toEqual([]);
    await page.close();
  }, 60_000);

  for (const search of ['', '?tf=LAST_12_MONTHS&product=YOUTUBE&tz=Europe%2FParis']) {
    it(`every panel's table view shows exactly the API's numbers (${search || 'default filter'})`, async () => {
      const { page, errors } = await site.open(`/${search}`);
      const shown = await tableNumbers(page);
      const api = await apiFor(site.gw, search);
      for (const [field, expected] of Object.entries(EXPECTED)) {
        const result = api[field] as { data: unknown };
        expect(result, field).toBeTruthy();
        const want = expected(result.data);
        expect(want.length, `${field} has numbers to compare`).toBeGreaterThan(0);
        expect({ field, numbers: shown[field] }).toEqual({ field, numbers: want });
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it('a filter change updates the panels and the URL; back restores them', async () => {
    const { page } = await site.open('/');
    const videos = () => page.locator('[data-panel="kpis"] .kpi-value [data-value]').first().getAttribute('data-value');
    const all = (await apiFor(site.gw, '')).kpis?.data as { videos: number };
    const music = (await apiFor(site.gw, '?product=YOUTUBE_MUSIC')).kpis?.data as { videos: number };
    expect(music.videos).not.toBe(all.videos);
    expect(await videos()).toBe(String(all.videos));

    await page.getByRole('combobox', { name: 'Product' }).selectOption('YOUTUBE_MUSIC');
    await expect.poll(() => new URL(page.url()).search).toBe('?product=YOUTUBE_MUSIC');
    await expect.poll(videos).toBe(String(music.videos));
    await ready(page);
    // The other panels follow the same filter.
    const musicApi = await apiFor(site.gw, '?product=YOUTUBE_MUSIC');
    expect(await panelNumbers(page, 'overview')).toEqual(EXPECTED.overview?.(musicApi.overview?.data));

    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(videos).toBe(String(all.videos));
    await expect.poll(() => page.getByRole('combobox', { name: 'Product' }).inputValue()).toBe('ALL');
    await page.goForward();
    await expect.poll(videos).toBe(String(music.videos));
    await page.close();
  }, 60_000);

  it('the filter controls work by keyboard', async () => {
    const { page } = await site.open('/');
    const search = () => new URL(page.url()).searchParams;
    // Channels: type a title, Tab to the match, Enter adds it.
    const top = (await apiFor(site.gw, '')).topChannels?.data as { channel: { channelKey: string; channelTitle: string } }[];
    const wanted = top[0]?.channel as { channelKey: string; channelTitle: string };
    await page.getByRole('searchbox', { name: 'Channels' }).focus();
    await page.keyboard.type(wanted.channelTitle);
    await page.getByRole('list', { name: 'Matching channels' }).getByRole('button').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(`Add ${wanted.channelTitle}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => search().get('channels')).toBe(wanted.channelKey);

    // A fresh load (the state is in the URL): Tab from the top of the page reaches the filter bar.
    await page.reload();
    await ready(page);
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'f-timeframe'; i++) {
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-timeframe');
    await page.keyboard.press('ArrowDown'); // ALL → MTD
    await expect.poll(() => search().get('tf')).toBe('MTD');
    await ready(page);

    await page.getByRole('combobox', { name: 'Product' }).focus();
    await page.keyboard.press('ArrowDown'); // ALL → YOUTUBE
    await expect.poll(() => search().get('product')).toBe('YOUTUBE');

    // Topics: a disclosure with checkboxes.
    await page.locator('.topics summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect.poll(() => search().get('topics')).toBe('COOKING');

    await page.getByRole('checkbox', { name: 'Include ads' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => search().get('ads')).toBe('1');

    await page.getByRole('combobox', { name: 'Time zone' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => search().get('tz')).not.toBeNull();
    await ready(page);
    await page.close();
  }, 90_000);

  it('has no axe-core violations (default view and table views)', async () => {
    const { page } = await site.open('/?tf=YTD');
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axe);
    type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const run = () =>
      page.evaluate(async () => {
        const r = (await (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run()) as AxeResult;
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        }));
      });
    expect(await run()).toEqual([]);
    await tableNumbers(page);
    await page.locator('.topics summary').click();
    expect(await run()).toEqual([]);
    await page.close();
  }, 90_000);
});
