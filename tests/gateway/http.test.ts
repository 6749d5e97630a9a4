/** The HTTP front over a real socket: health, readiness, Prometheus metrics, GraphQL. */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DASHBOARD_QUERY } from '../../server/dashboard.js';
import { createHttpServer } from '../../server/http.js';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
let close: () => Promise<void>;
afterEach(async () => {
  await close();
  await gw.close();
  await gw.store.close();
});

async function serve() {
  gw = testGateway();
  // No dashboard page here (tests/gateway/static.test.ts serves one): `/` falls back to GraphiQL.
  const server = createHttpServer(gw, { web: { root: '/nonexistent/web' } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => new Promise((r) => server.close(() => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      })
    ).json();
  return { base, gql };
}

describe('HTTP endpoints', () => {
  it('healthz answers at once; readyz is 503 until start-up work is done', async () => {
    const { base } = await serve();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const before = await fetch(`${base}/readyz`);
    expect([before.status, await before.json()]).toEqual([
      503,
      { status: 'not-ready', components: { startup: 'pending', store: 'ok', redis: 'not-configured' } },
    ]);
    gw.markReady();
    const after = await fetch(`${base}/readyz`);
    expect([after.status, await after.json()]).toEqual([
      200,
      { status: 'ready', components: { startup: 'done', store: 'ok', redis: 'not-configured' } },
    ]);
    // A store that cannot answer makes the gateway unready (it could not answer correctly).
    const spy = vi.spyOn(gw.store, 'getViewer').mockRejectedValue(new Error('disk gone'));
    const down = await fetch(`${base}/readyz`);
    expect([down.status, (await down.json()).components.store]).toEqual([503, 'unreachable']);
    spy.mockRestore();
  });

  it('/metrics reports results by aggregation and source, compute times and queue depth', async () => {
    const { base, gql } = await serve();
    const events = sampleEvents(5).map(
      (e) => `{ watchedAt: "${e.watchedAt}", videoTitle: "${e.videoTitle}", videoUrl: "${e.videoUrl}" }`,
    );
    await gql(`mutation { ingestWatchEvents(events: [${events.join(',')}]) { added } }`);
    await gw.queue.idle();
    const r = (await gql(DASHBOARD_QUERY)) as { errors?: unknown };
    expect(r.errors).toBeUndefined();
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/watchgraph_aggregation_requests_total\{aggregation="kpis",source="MEMORY"\} 1/);
    expect(text).toMatch(/watchgraph_compute_seconds_count\{aggregation="heatmap"\} [1-9]/);
    expect(text).toMatch(/watchgraph_precompute_job_seconds_count [1-9]/);
    expect(text).toMatch(/watchgraph_precompute_queue_depth 0/);
    expect(text).toMatch(/watchgraph_event_loop_delay_seconds\{stat="p99"\} \d/);
  });

  it('GraphiQL is served to browsers at /graphql, and / redirects there while the page is not built', async () => {
    const { base } = await serve();
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('watchgraph');
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/graphql']);
  });
});
