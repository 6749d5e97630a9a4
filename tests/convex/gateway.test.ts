// @vitest-environment edge-runtime
/**
 * End to end on the Convex store (ConvexHttpClient → convex-test): ingest, precompute and query
 * give the same data as the same gateway on SQLite; only the metadata may differ.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createConvexStoreFromEnv } from '../../store/convex.js';
import { sampleEvents, type TestGateway, testGateway } from '../gateway/harness.js';
import { DashboardDocument, IngestDocument, KpisDocument, TopChannelsDocument } from '../generated/graphql.js';
import { ADMIN_KEY, DEPLOYMENT_URL, fakeConvexFetch, newBackend } from './backend.js';

const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const gw of gateways.splice(0)) {
    await gw.close();
    await gw.store.close();
  }
});

function pair() {
  const f = fakeConvexFetch(newBackend());
  const convex = createConvexStoreFromEnv({ CONVEX_URL: DEPLOYMENT_URL, CONVEX_DEPLOY_KEY: ADMIN_KEY }, { fetch: f.fetch });
  const sqlite = testGateway();
  const onConvex = testGateway({ store: convex });
  gateways.push(sqlite, onConvex);
  return { sqlite, onConvex, calls: f.calls };
}

/** The analytics fields' data, without their meta (source, timings differ by store). */
const dataOf = (analytics: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(analytics).map(([k, v]) => [k, (v as { data: unknown }).data]));

describe('gateway on the Convex store', () => {
  it('ingest, precompute and query give the same results as on SQLite', async () => {
    const { sqlite, onConvex, calls } = pair();
    const batches = [sampleEvents(30), sampleEvents(25, Date.UTC(2024, 3, 20, 7), 5), sampleEvents(10)];
    for (const events of batches) {
      const [a, b] = await Promise.all([sqlite.run(IngestDocument, { events }), onConvex.run(IngestDocument, { events })]);
      expect(b.errors).toBeUndefined();
      expect(b.data).toEqual(a.data);
    }
    await Promise.all([sqlite.queue.idle(), onConvex.queue.idle()]);
    expect(calls.some((c) => c.path === 'entries:put')).toBe(true); // precompute wrote durable entries to Convex
    expect(calls.some((c) => c.path === 'events:list')).toBe(true);

    const [ds, dc] = await Promise.all([sqlite.run(DashboardDocument, {}), onConvex.run(DashboardDocument, {})]);
    expect(dc.errors).toBeUndefined();
    expect(dataOf(dc.data!.analytics!)).toEqual(dataOf(ds.data!.analytics!));
    expect((dc.data!.analytics!.kpis!.data as { videos: number }).videos).toBe(55); // 30 + 25 new, the last batch all duplicates

    const filter = { topics: ['EDUCATION' as const], timeZone: 'Asia/Tokyo' };
    const [ks, kc] = await Promise.all([sqlite.run(KpisDocument, { filter }), onConvex.run(KpisDocument, { filter })]);
    expect(kc.errors).toBeUndefined();
    expect(kc.data!.analytics!.kpis!.data).toEqual(ks.data!.analytics!.kpis!.data);
    const [ts, tc] = await Promise.all([
      sqlite.run(TopChannelsDocument, { filter }),
      onConvex.run(TopChannelsDocument, { filter }),
    ]);
    expect(tc.errors).toBeUndefined();
    expect(tc.data!.analytics!.topChannels!.data).toEqual(ts.data!.analytics!.topChannels!.data);
  });

  it('a second gateway on the same deployment serves the precomputed entries from Convex', async () => {
    const { onConvex } = pair();
    await onConvex.run(IngestDocument, { events: sampleEvents(12) });
    await onConvex.queue.idle();
    const again = testGateway({ store: onConvex.store });
    const r = await again.run(KpisDocument, {});
    await again.close();
    expect(r.data!.analytics!.kpis!.meta.source).toBe('STORE');
    expect(r.data!.analytics!.kpis!.data.videos).toBe(12);
  });
});
