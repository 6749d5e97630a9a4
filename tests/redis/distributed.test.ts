/**
 * Two gateways (as two processes would be: separate SQLite connections on one file, separate
 * memory tiers and engines) sharing one Redis.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite.js';
import { sampleEvents, type TestGateway, testGateway } from '../gateway/harness.js';
import { IngestDocument, KpisDocument } from '../generated/graphql.js';
import { adminRedis, cleanupViewers, redisUrl } from './helpers.js';

const admin = adminRedis();
const dir = mkdtempSync(join(tmpdir(), 'wg-dist-'));
const open: TestGateway[] = [];
let viewerSeq = 0;

afterEach(async () => {
  for (const gw of open.splice(0)) {
    await gw.close();
    await gw.store.close();
  }
});
afterAll(async () => {
  await cleanupViewers(
    admin,
    Array.from({ length: viewerSeq }, (_, i) => `dist${process.pid}-${i}`),
  );
  admin.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** Two gateways on one SQLite file and one Redis, serving the same (unique) viewer. */
function pair(over: Parameters<typeof testGateway>[0] = {}, url = redisUrl()) {
  const viewer = `dist${process.pid}-${viewerSeq++}`;
  const file = join(dir, `${viewer}.db`);
  const make = () =>
    testGateway({
      store: createSqliteStore({ path: file }),
      now: Date.now,
      redis: { url, timeoutMs: 200, cooldownMs: 300 },
      resolveViewerId: () => viewer,
      viewerMaxAgeMs: 60_000, // only pub/sub can make B notice A's ingest quickly
      xfetchBeta: 0,
      // These tests are about the entry tiers; whole responses would be answered above them.
      responseCacheBytes: 0,
      ...over,
    });
  const a = make();
  const b = make();
  open.push(a, b);
  return { a, b, viewer, connected: () => Promise.all([a.redisConnected(), b.redisConnected()]) };
}

const waitFor = async (what: string, cond: () => Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
};

const videos = async (gw: TestGateway, filter = {}) => {
  const r = await gw.run(KpisDocument, { filter });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.analytics!.kpis!;
};

describe('gateways sharing Redis', () => {
  it('an ingest on A is served by B within one second (pub/sub invalidation)', async () => {
    const { a, b, connected } = pair();
    await connected();
    await a.run(IngestDocument, { events: sampleEvents(5) });
    expect((await videos(b)).data.videos).toBe(5); // B caches the viewer (version 1) for 60 s
    const t0 = Date.now();
    await a.run(IngestDocument, { events: sampleEvents(3, Date.UTC(2024, 4, 9)) });
    // B trusts its cached viewer for 60 s: only the pub/sub message explains seeing the change
    // well before that (10 s leaves room for a loaded machine; the figure is printed below).
    await waitFor('B to serve the new data', async () => (await videos(b)).data.videos === 8, 10_000);
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(10_000);
    expect((await videos(b)).meta.dataVersion).toBe(2);
    console.log(`invalidation A→B: ${elapsed} ms`);
  });

  it('200 concurrent cold requests for one key across both gateways compute it once', async () => {
    const { a, b, connected } = pair();
    await connected();
    await a.run(IngestDocument, { events: sampleEvents(50) });
    await a.queue.idle();
    const before = a.services.aggregations.counters.computations + b.services.aggregations.counters.computations;
    const filter = { timeZone: 'Pacific/Chatham', topics: ['EDUCATION' as const] }; // never precomputed
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => videos(i % 2 ? a : b, filter)));
    expect(results.every((r) => r.data.videos === 50)).toBe(true);
    const after = a.services.aggregations.counters.computations + b.services.aggregations.counters.computations;
    expect(after - before).toBe(1);
    expect(
      a.services.aggregations.counters.waitedForPeer + b.services.aggregations.counters.waitedForPeer,
    ).toBeGreaterThanOrEqual(1);
  });

  it('serves a peer’s computation from Redis', async () => {
    const { a, b, connected } = pair();
    await connected();
    await a.run(IngestDocument, { events: sampleEvents(4) });
    const filter = { timeZone: 'Asia/Tokyo' };
    expect((await videos(a, filter)).meta.source).toBe('COMPUTED');
    // B's memory tier is empty; the store tier has it too, but Redis sits above it.
    expect((await videos(b, filter)).meta.source).toBe('REDIS');
  });

  it('Redis paused: every answer stays correct, the breaker opens, then closes when Redis is back', async () => {
    const { a, connected } = pair({ memoryTier: false });
    await connected();
    await a.run(IngestDocument, { events: sampleEvents(7) });
    await a.queue.idle();
    expect((await videos(a)).meta.source).toBe('REDIS');
    await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
    const during: number[] = [];
    for (let i = 0; i < 10; i++) during.push((await videos(a)).data.videos);
    expect(during.every((v) => v === 7)).toBe(true);
    expect(a.breaker?.state).not.toBe('closed');
    await waitFor(
      'Redis to come back and the breaker to close',
      async () => {
        await videos(a);
        return a.breaker?.state === 'closed';
      },
      8000,
    );
    expect((await videos(a)).meta.source).toBe('REDIS');
  });
});

describe('Redis that is not there yet, stops and comes back', () => {
  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const addr = s.address();
        s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
      });
    });
  let server: ChildProcess | null = null;
  const startRedis = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      server.once('error', reject);
      setTimeout(resolve, 300);
    });
  const stopRedis = async () => {
    const s = server;
    server = null;
    if (!s || s.exitCode !== null) return;
    s.kill('SIGKILL');
    await new Promise((r) => s.once('exit', r));
  };
  afterEach(stopRedis);

  it('starts without Redis, answers from store/compute, then uses Redis when it appears and survives a restart', async () => {
    const port = await freePort();
    const { a } = pair({ memoryTier: false }, `redis://127.0.0.1:${port}`);
    await a.run(IngestDocument, { events: sampleEvents(6) });
    for (let i = 0; i < 5; i++) {
      const k = await videos(a);
      expect(k.data.videos).toBe(6);
      expect(['STORE', 'COMPUTED']).toContain(k.meta.source);
    }
    await startRedis(port);
    await waitFor('the gateway to use Redis', async () => (await videos(a)).meta.source === 'REDIS', 10_000);
    await stopRedis();
    for (let i = 0; i < 5; i++) expect((await videos(a)).data.videos).toBe(6);
    await startRedis(port);
    await waitFor('the gateway to use Redis again', async () => (await videos(a)).meta.source === 'REDIS', 10_000);
  });
});
