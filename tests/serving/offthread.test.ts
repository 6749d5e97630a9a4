/**
 * Serving never waits on computing: with the engine in a thread, a warm request and /healthz
 * are answered while a long computation runs. The same scenario with the engine on the
 * serving thread (inline) answers them only after it, which shows the test can fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInlineEngineHost, createThreadedEngineHost, type EngineHost } from '../../precompute/engine-host.js';
import { createHttpServer } from '../../server/http.js';
import { createSqliteStore } from '../../store/sqlite.js';
import type { Store } from '../../store/types.js';
import { sampleEvents, testGateway } from '../gateway/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'wg-offthread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPIN_MS = 1500;
const WARM = '{ analytics { kpis { data { videos } meta { source } } } }';
const COLD = '{ analytics(filter: { timeZone: "Asia/Tokyo" }) { heatmap { data { videos } meta { source } } } }';

/** Order in which a cold request, a warm request and /healthz (sent after the cold one started) finish. */
async function race(store: Store, engine: EngineHost): Promise<string[]> {
  const gw = testGateway({ store, engine, now: Date.now });
  const server = createHttpServer(gw);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (query: string) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    }).then((r) => r.json() as Promise<{ data?: unknown; errors?: unknown }>);
  try {
    const events = sampleEvents(20, Date.now() - 86_400_000);
    await gw.raw('mutation($e: [WatchEventInput!]!) { ingestWatchEvents(events: $e) { added } }', { e: events });
    await gw.queue.idle(); // the base set (kpis included) is warm now
    const order: string[] = [];
    const cold = post(COLD).then((r) => {
      order.push('cold');
      return r;
    });
    await new Promise((r) => setTimeout(r, 100)); // the cold batch is in the engine now
    const warm = post(WARM).then((r) => {
      order.push('warm');
      return r;
    });
    const health = fetch(`${base}/healthz`).then((r) => {
      order.push('healthz');
      return r.status;
    });
    const [c, w, h] = await Promise.all([cold, warm, health]);
    expect(c.errors).toBeUndefined();
    expect(w).toMatchObject({ data: { analytics: { kpis: { data: { videos: 20 }, meta: { source: 'MEMORY' } } } } });
    expect(w.errors).toBeUndefined();
    expect(h).toBe(200);
    return order;
  } finally {
    await new Promise((r) => server.close(r));
    await gw.close();
    await engine.close();
  }
}

describe('serving never waits on computing', () => {
  it('answers a warm request and /healthz while an engine thread is busy with a long computation', async () => {
    const path = join(dir, 'threads.db');
    const store = createSqliteStore({ path });
    const engine = createThreadedEngineHost({ spec: { kind: 'sqlite', path }, threads: 1, spinMsPerBatch: SPIN_MS });
    try {
      const order = await race(store, engine);
      expect(order.indexOf('warm')).toBeLessThan(order.indexOf('cold'));
      expect(order.indexOf('healthz')).toBeLessThan(order.indexOf('cold'));
    } finally {
      await store.close();
    }
  }, 60_000);

  it('control: with the engine on the serving thread, the same requests wait for the computation', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const engine = createInlineEngineHost(store, { spinMsPerBatch: SPIN_MS });
    try {
      expect((await race(store, engine))[0]).toBe('cold');
    } finally {
      await store.close();
    }
  }, 60_000);
});
