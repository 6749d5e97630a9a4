/**
 * Redis is an accelerator: with Redis hung (a socket that accepts and never answers, as under
 * CLIENT PAUSE or SIGSTOP) every path of a gateway is bounded — ingest, setTimeZone, the
 * dashboard, readiness, enqueueing precompute (run here, PRECOMPUTE=inline) and shutdown; and
 * with a working BullMQ, a time-zone change is a new job (its id carries the zone), so the next
 * dashboard is precomputed rather than computed on demand.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../../precompute/bullmq.js';
import { within } from '../../runtime/deadline.js';
import { createSqliteStore } from '../../store/sqlite.js';
import { sampleEvents, testGateway } from '../gateway/harness.js';
import { IngestDocument, KpisDocument } from '../generated/graphql.js';
import { hungRedis, redisUrl } from './helpers.js';

const silent = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'wg-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `p` within `ms` (runtime/deadline.ts): each is a bound on liveness, not a speed claim. */
const bounded = <T>(what: string, p: Promise<T>, ms: number): Promise<T> => within(p, ms, what);

describe('a gateway whose Redis hangs', () => {
  it('ingests, changes zone, answers, is ready (Redis degraded), runs precompute itself, and closes, each within a bound', async () => {
    const hung = await hungRedis();
    const gw = testGateway({
      store: createSqliteStore({ path: join(dir, 'hung.db') }),
      now: Date.now,
      redis: { url: hung.url, timeoutMs: 100, failureThreshold: 2, cooldownMs: 500 },
      createQueue: (handler) =>
        createBullmqQueue({ connection: hung.url, handler, logger: silent, enqueueTimeoutMs: 300, closeTimeoutMs: 1000 }),
    });
    try {
      gw.markReady();
      const ingest = await bounded('ingest', gw.run(IngestDocument, { events: sampleEvents(5) }), 10_000);
      expect(ingest.errors).toBeUndefined();
      expect(ingest.data?.ingestWatchEvents).toMatchObject({ added: 5, dataVersion: 1 });
      const tz = await bounded('setTimeZone', gw.raw('mutation { setTimeZone(timeZone: "Europe/Paris") { timeZone } }'), 10_000);
      expect(tz.errors).toBeUndefined();
      await bounded('the precompute job run here', gw.queue.idle(), 20_000);
      const k = await bounded('the dashboard', gw.run(KpisDocument, {}), 10_000);
      expect(k.data?.analytics?.kpis).toMatchObject({ data: { videos: 5 }, meta: { stale: false } });
      const readiness = await bounded('readiness', gw.readiness(), 5000);
      expect(readiness).toMatchObject({ ready: true, components: { store: 'ok', redis: 'degraded' } });
    } finally {
      await bounded('close', gw.close(), 10_000);
      await gw.store.close();
      await hung.close();
    }
  });
});

describe('setTimeZone with BullMQ', () => {
  it('is a new job (the id carries the zone), so the next dashboard comes precomputed, not computed', async () => {
    const prefix = `wgtz-${process.pid}-${Date.now().toString(36)}`;
    const gw = testGateway({
      store: createSqliteStore({ path: join(dir, 'tz.db') }),
      now: Date.now,
      redis: { url: redisUrl() },
      createQueue: (handler) => createBullmqQueue({ connection: redisUrl(), handler, logger: silent, prefix }),
    });
    try {
      await gw.redisConnected();
      await gw.run(IngestDocument, { events: sampleEvents(6) });
      await bounded('the first job', gw.queue.idle(), 30_000);
      const tz = await gw.raw('mutation { setTimeZone(timeZone: "Asia/Tokyo") { timeZone } }');
      expect(tz.errors).toBeUndefined();
      await bounded('the zone job', gw.queue.idle(), 30_000);
      const k = await gw.run(KpisDocument, {});
      expect(k.data?.analytics?.filter.timeZone).toBe('Asia/Tokyo');
      expect(k.data?.analytics?.kpis?.meta.source).not.toBe('COMPUTED');
    } finally {
      await gw.close();
      await gw.store.close();
    }
  });
});

describe('main.ts shutdown', () => {
  it('exits within SHUTDOWN_GRACE_MS on SIGTERM although its Redis hangs', async () => {
    const hung = await hungRedis();
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        WATCHGRAPH_DB: join(dir, 'main.db'),
        DEMO_EVENTS: '200',
        REDIS_URL: hung.url,
        SHUTDOWN_GRACE_MS: '2000',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await bounded(
        'server.ready',
        new Promise<void>((resolve, reject) => {
          let log = '';
          child.stdout?.on('data', (d: Buffer) => {
            log += d.toString();
            if (log.includes('"event":"server.ready"')) resolve();
          });
          child.once('exit', (code) => reject(new Error(`exited ${code} before ready:\n${log}`)));
        }),
        60_000,
      );
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      // The grace (2 s) plus start-up slack of a loaded machine: not a speed claim, a bound.
      const code = await bounded('exit after SIGTERM', exited, 8000);
      expect([0, 1]).toContain(code);
    } finally {
      child.kill('SIGKILL');
      await hung.close();
    }
  });
});
