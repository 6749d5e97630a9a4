/** The warm fast path: whole responses cached per (viewer, version, operation, variables, local day). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDayOf } from '../../domain/calendar.js';
import { DASHBOARD_QUERY } from '../../server/dashboard.js';
import { responseKey } from '../../server/response-cache.js';
import { redisUrl } from '../redis/helpers.js';
import { NOW, sampleEvents, type TestGateway, testGateway } from './harness.js';

const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const g of gateways.splice(0)) await g.close();
});

const INGEST = 'mutation($e: [WatchEventInput!]!) { ingestWatchEvents(events: $e) { dataVersion } }';
const cacheState = (r: { extensions?: Record<string, unknown> }) => r.extensions?.responseCache;

async function warmGateway(over: Parameters<typeof testGateway>[0] = {}) {
  const clock = { t: NOW };
  const gw = testGateway({ now: () => clock.t, ...over });
  gateways.push(gw);
  await gw.redisConnected();
  await gw.raw(INGEST, { e: sampleEvents(20) });
  await gw.queue.idle();
  return { gw, clock };
}

describe('response cache', () => {
  it('answers a repeated warm request from the stored bytes, without resolving, and still records usage', async () => {
    const { gw } = await warmGateway();
    const first = await gw.raw(DASHBOARD_QUERY);
    expect(first.errors).toBeUndefined();
    expect(cacheState(first)).toBe('MISS');
    const resolve = vi.spyOn(gw.services.aggregations, 'resolveMany');
    const record = vi.spyOn(gw.services.usage, 'record');
    const second = await gw.raw(DASHBOARD_QUERY);
    expect(cacheState(second)).toBe('HIT');
    expect(second.data).toEqual(first.data);
    expect(resolve).not.toHaveBeenCalled();
    // One usage record per aggregation of the dashboard (kpis, monthlyTrend, topChannels, heatmap, topics).
    expect(record.mock.calls.map((c) => c[1].aggregation).sort()).toEqual([
      'heatmap',
      'kpis',
      'monthlyTrend',
      'topChannels',
      'topics',
    ]);
    // Other variables are another response.
    expect(cacheState(await gw.raw(DASHBOARD_QUERY, { filter: { product: 'YOUTUBE' } }))).toBe('MISS');
  });

  it('does not key requests with large variables (batches of events): never looked up nor stored', async () => {
    const { gw } = await warmGateway();
    const small = { filter: { channels: ['UC1'] } };
    await gw.raw(DASHBOARD_QUERY, small); // computed: not stored
    expect(cacheState(await gw.raw(DASHBOARD_QUERY, small))).toBe('MISS'); // fresh hits: stored
    expect(cacheState(await gw.raw(DASHBOARD_QUERY, small))).toBe('HIT');
    // Over MAX_KEYED_VARIABLES_CHARS: 100 long channel keys (unknown ones select nothing).
    const large = { filter: { channels: Array.from({ length: 100 }, (_, i) => `UC${'x'.repeat(190)}${i}`) } };
    expect(
      responseKey({
        viewerId: 'local',
        dataVersion: 1,
        timeZone: 'UTC',
        document: DASHBOARD_QUERY,
        variables: large,
        localDay: 0,
      }),
    ).toBeNull();
    const first = await gw.raw(DASHBOARD_QUERY, large);
    expect(first.errors).toBeUndefined();
    await gw.raw(DASHBOARD_QUERY, large);
    const third = await gw.raw(DASHBOARD_QUERY, large);
    expect(cacheState(third)).toBe('MISS'); // keyed, the third would be a HIT (as `small` above)
    const videos = (r: { data?: unknown }) =>
      (r.data as { analytics: { kpis: { data: { videos: number } } } }).analytics.kpis.data.videos;
    expect(videos(third)).toBe(videos(first));
  });

  it('a commit makes the stored responses unreachable: the next answer has the new data', async () => {
    const { gw } = await warmGateway();
    await gw.raw(DASHBOARD_QUERY);
    expect(cacheState(await gw.raw(DASHBOARD_QUERY))).toBe('HIT');
    await gw.raw(INGEST, { e: sampleEvents(3, Date.UTC(2024, 4, 9)) });
    const after = (await gw.raw(DASHBOARD_QUERY)) as {
      data: { analytics: { kpis: { data: { videos: number } } } };
      extensions?: Record<string, unknown>;
    };
    expect(cacheState(after)).toBe('MISS');
    expect(after.data.analytics.kpis.data.videos).toBe(23);
  });

  it('never stores a response with a computed, stale or failed field, nor mutations and admin fields', async () => {
    const { gw } = await warmGateway();
    const cold = '{ analytics(filter: { timeZone: "Asia/Tokyo" }) { kpis { data { videos } } } }';
    await gw.raw(cold); // computed: not stored
    await gw.raw(cold); // now a fresh hit: stored
    expect(cacheState(await gw.raw(cold))).toBe('HIT');
    const withError = '{ analytics { kpis { data { videos } } topChannels(limit: -1) { data { videos } } } }';
    await gw.raw(withError);
    expect(cacheState(await gw.raw(withError))).toBe('MISS');
    const admin = '{ analytics { kpis { data { videos } } } cacheStats { misses } }';
    await gw.raw(admin);
    expect(cacheState(await gw.raw(admin))).toBe('MISS');
    expect(gw.responseCache.counters.stored).toBe(1);
  });

  it('expires with the earliest of its entries', async () => {
    const { gw, clock } = await warmGateway();
    const r = (await gw.raw('{ analytics { kpis { meta { expiresAt } } monthlyTrend { meta { expiresAt } } } }')) as {
      data: { analytics: { kpis: { meta: { expiresAt: string } } } };
    };
    const q = '{ analytics { kpis { meta { expiresAt } } monthlyTrend { meta { expiresAt } } } }';
    expect(cacheState(await gw.raw(q))).toBe('HIT');
    clock.t = Date.parse(r.data.analytics.kpis.meta.expiresAt); // kpis expire at local midnight
    expect(cacheState(await gw.raw(q))).toBe('MISS');
  });

  it('with Redis, another gateway answers from the shared bytes', async () => {
    const { gw } = await warmGateway({ redis: { url: redisUrl() } });
    const query = `${DASHBOARD_QUERY}\n# shared-${Date.now()}`;
    await gw.raw(query);
    // The shared copy is written in the background: wait until it is in Redis.
    const admin = new (await import('ioredis')).Redis(redisUrl());
    const key = responseKey({
      viewerId: 'local',
      dataVersion: 1,
      timeZone: 'UTC',
      document: query,
      localDay: localDayOf('UTC', NOW),
    }) as string;
    await expect.poll(() => admin.exists(key), { timeout: 5000 }).toBe(1);
    admin.disconnect();
    const other = testGateway({ store: gw.store, redis: { url: redisUrl() }, now: () => NOW });
    gateways.push(other);
    await other.redisConnected();
    const resolve = vi.spyOn(other.services.aggregations, 'resolveMany');
    expect(cacheState(await other.raw(query))).toBe('HIT');
    expect(resolve).not.toHaveBeenCalled();
  });
});
