/**
 * The distributed queue on a real Redis (the vitest global setup's private server): dedup by
 * (viewer, data version), retries with backoff, graceful close, recovery of a job whose worker
 * was SIGKILLed, and a gateway that only enqueues while a separate worker computes.
 * Each test uses its own BullMQ prefix and obliterates its queue afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import pino, { type Logger } from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createStoreTier } from '../../cache/store-tier.js';
import { type BullmqJobQueue, type BullmqQueueOptions, bullJobIdOf, createBullmqQueue } from '../../precompute/bullmq.js';
import { BASE_SET_SHAPE, baseSet } from '../../precompute/planner.js';
import type { PrecomputeJob } from '../../precompute/queue.js';
import { makeGateway } from '../../server/gateway.js';
import { createSqliteStore } from '../../store/sqlite.js';
import type { Store } from '../../store/types.js';
import { NOW, sampleEvents, type TestGateway, testGateway } from '../gateway/harness.js';
import { DashboardDocument, IngestDocument } from '../generated/graphql.js';
import { adminRedis, hungRedis, redisUrl } from '../redis/helpers.js';

const QUEUE_NAME = 'precompute';
/** A job of the viewer at a data version in UTC, with today's base-set shape. */
const jobOf = (viewerId: string, dataVersion: number): PrecomputeJob => ({
  viewerId,
  dataVersion,
  timeZone: 'UTC',
  shape: BASE_SET_SHAPE,
});
const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; fails with `what` after `ms` (a generous bound, not a timing claim). */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Rejects with `what` if `p` has not settled within `ms`. */
async function within<T>(what: string, p: Promise<T>, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A logger whose records the test can read (fixed event names, see precompute/bullmq.ts). */
function recordingLogger(): { logger: Logger; events: () => string[] } {
  const records: { event?: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => records.push(JSON.parse(line)) });
  return { logger, events: () => records.map((r) => r.event ?? '') };
}

// Every queue a test opens, closed and its keys removed afterwards.
const prefixes: string[] = [];
let opened: BullmqJobQueue[] = [];
let counter = 0;
const newPrefix = () => {
  const p = `wgtest-${process.pid}-${Date.now().toString(36)}-${counter++}`;
  prefixes.push(p);
  return p;
};
const open = (prefix: string, over: Partial<BullmqQueueOptions> = {}): BullmqJobQueue => {
  const q = createBullmqQueue({ connection: redisUrl(), prefix, logger: silent, ...over });
  opened.push(q);
  return q;
};
/** A plain BullMQ queue on the same prefix, for inspection after ours is closed. */
const inspect = (prefix: string) => new Queue<PrecomputeJob>(QUEUE_NAME, { connection: { url: redisUrl() }, prefix });

afterEach(async () => {
  await Promise.all(opened.map((q) => q.close()));
  opened = [];
});

afterAll(async () => {
  const redis = adminRedis();
  try {
    for (const prefix of prefixes) {
      const q = inspect(prefix);
      await q.obliterate({ force: true });
      await q.close();
      // obliterate leaves nothing behind in current BullMQ; sweep anyway so a failed test cannot leak keys.
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
});

describe('createBullmqQueue', () => {
  it('a duplicate enqueue makes one job, from this process or another; another data version is another job', async () => {
    const prefix = newPrefix();
    const a = open(prefix);
    const b = open(prefix); // a second gateway on the same Redis
    const j = jobOf('viewer:with:colons', 3);
    expect(await a.enqueue(j)).toBe(true);
    expect(await a.enqueue(j)).toBe(false);
    expect(await b.enqueue({ ...j })).toBe(false);
    expect(await a.depth()).toBe(1);
    expect(await b.enqueue({ ...j, dataVersion: 4 })).toBe(true);
    // A time-zone change, or another base-set shape, is other work: another job.
    expect(await b.enqueue({ ...j, timeZone: 'Europe/Paris' })).toBe(true);
    expect(await b.enqueue({ ...j, shape: 'another' })).toBe(true);
    expect(await a.depth()).toBe(4);
    // Racing enqueues of a new id: exactly one wins.
    const race = await Promise.all([a.enqueue(jobOf('r', 1)), b.enqueue(jobOf('r', 1))]);
    expect(race.filter(Boolean)).toHaveLength(1);
    expect(await a.depth()).toBe(5);
    const stored = await a.bullQueue.getJob(bullJobIdOf(j));
    expect(stored?.data).toMatchObject(j);
    expect(stored?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
  });

  it('a job whose handler fails is retried after a backoff delay, then succeeds', async () => {
    const prefix = newPrefix();
    const rec = recordingLogger();
    let calls = 0;
    const q = open(prefix, {
      logger: rec.logger,
      handler: async () => {
        calls++;
        if (calls <= 2) throw new Error(`transient failure ${calls}`);
      },
    });
    const job = jobOf('v', 1);
    expect(await q.enqueue(job)).toBe(true);
    const id = bullJobIdOf(job);
    // After the first failure the job waits out its backoff in `delayed`, and still counts as pending.
    await waitFor('the first failure', async () => calls >= 1 && (await q.bullQueue.getJob(id))?.attemptsMade === 1);
    expect(await q.bullQueue.getJobState(id)).toBe('delayed');
    expect(calls).toBe(1);
    expect(await q.depth()).toBe(1);
    await within('idle after retries', q.idle());
    expect(calls).toBe(3);
    const done = await q.bullQueue.getJob(id);
    expect(await done?.getState()).toBe('completed');
    expect(done?.attemptsMade).toBe(3);
    expect(rec.events().filter((e) => e === 'precompute.retry')).toHaveLength(2);
    expect(rec.events()).toContain('precompute.done');
    expect(rec.events()).not.toContain('precompute.failed');
  });

  it('a job that failed for good runs again when enqueued again (its id would otherwise be blocked for a day)', async () => {
    const prefix = newPrefix();
    let calls = 0;
    let fail = true;
    const q = open(prefix, {
      attempts: 1,
      handler: async () => {
        calls++;
        if (fail) throw new Error('permanent failure');
      },
    });
    const job = jobOf('v', 7);
    expect(await q.enqueue(job)).toBe(true);
    await within('idle after the failure', q.idle());
    expect(await q.bullQueue.getJobState(bullJobIdOf(job))).toBe('failed');
    fail = false;
    expect(await q.enqueue(job)).toBe(true);
    await within('idle after the retry', q.idle());
    expect(calls).toBe(2);
    expect(await q.bullQueue.getJobState(bullJobIdOf(job))).toBe('completed');
    // Completed recently: a further enqueue is a duplicate.
    expect(await q.enqueue(job)).toBe(false);
  });

  it('close() waits for the running job to finish', async () => {
    const prefix = newPrefix();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const q = open(prefix, {
      handler: async () => {
        order.push('start');
        await gate;
        order.push('end');
      },
    });
    const job = jobOf('v', 1);
    await q.enqueue(job);
    await waitFor('the job to start', () => order.includes('start'));
    const closed = q.close().then(() => order.push('closed'));
    await sleep(300); // give close() every chance to return early
    expect(order).toEqual(['start']);
    expect(await q.enqueue(jobOf('v', 2))).toBe(false); // closing: no new jobs
    release();
    await within('close', closed);
    expect(order).toEqual(['start', 'end', 'closed']);
    const admin = inspect(prefix);
    try {
      expect(await admin.getJobState(bullJobIdOf(job))).toBe('completed');
      expect(await admin.getJob(bullJobIdOf(jobOf('v', 2)))).toBeUndefined();
    } finally {
      await admin.close();
    }
  });
});

/** A port nothing listens on yet; `up()` starts a proxy there to the test Redis ("Redis came back"). */
async function laterRedis(): Promise<{ url: string; up: () => Promise<void>; close: () => Promise<void> }> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  const target = new URL(redisUrl());
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    up: () => new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r)),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        if (!proxy.listening) return r();
        proxy.close(() => r());
      }),
  };
}

describe('createBullmqQueue when Redis cannot take a job', () => {
  it('PRECOMPUTE=inline: a hung Redis makes the enqueue run the job in this process, within the enqueue bound; close is bounded too', async () => {
    const hung = await hungRedis();
    const ran: string[] = [];
    const { logger, events } = recordingLogger();
    const q = createBullmqQueue({
      connection: hung.url,
      prefix: newPrefix(),
      logger,
      handler: async (job) => {
        ran.push(`${job.viewerId}@${job.dataVersion}`);
      },
      enqueueTimeoutMs: 300,
      closeTimeoutMs: 500,
    });
    try {
      expect(await within('enqueue', q.enqueue(jobOf('v', 1)), 5000)).toBe(true);
      await waitFor('the job to run here', () => ran.length === 1, 5000);
      expect(ran).toEqual(['v@1']);
      expect(events()).toContain('precompute.inline_fallback');
    } finally {
      await within('close with Redis hung', q.close(), 5000);
      await hung.close();
    }
  });

  it('PRECOMPUTE=external: the job waits in an outbox and reaches BullMQ once Redis is back, exactly once', async () => {
    const later = await laterRedis();
    const prefix = newPrefix();
    const { logger, events } = recordingLogger();
    const q = createBullmqQueue({ connection: later.url, prefix, logger, enqueueTimeoutMs: 300, closeTimeoutMs: 1000 });
    const admin = inspect(prefix);
    try {
      const job = jobOf('v', 7);
      expect(await within('enqueue with Redis away', q.enqueue(job), 5000)).toBe(true);
      expect(await within('a repeat', q.enqueue(job), 5000)).toBe(false); // already waiting: no duplicate
      expect(events()).toContain('precompute.enqueue_deferred');
      await later.up();
      await waitFor('the deferred job in Redis', async () => (await admin.getJob(bullJobIdOf(job))) !== undefined);
      await waitFor('the outbox to empty', () => events().includes('precompute.enqueued_late'));
      expect(await q.enqueue(job)).toBe(false); // Redis has it now: BullMQ's id dedupes
      expect(await admin.getJobCounts('waiting')).toEqual({ waiting: 1 });
    } finally {
      await admin.close();
      await within('close', q.close(), 5000);
      await later.close();
    }
  });
});

/** Every base-set entry of the viewer's current data version that the store holds. */
async function storedBaseSet(gw: TestGateway, store: Store, viewerId: string): Promise<{ present: number; total: number }> {
  const viewer = await store.getViewer(viewerId);
  if (!viewer) throw new Error(`no viewer ${viewerId}`);
  const keys = baseSet(viewer).map((r) => gw.services.aggregations.keyOf(r));
  const envelopes = await createStoreTier({ store, now: () => NOW }).getMany(keys);
  return { present: envelopes.filter((e) => e?.dataVersion === viewer.dataVersion).length, total: keys.length };
}

const ingest = async (gw: TestGateway, n: number) => {
  const r = await gw.run(IngestDocument, { events: sampleEvents(n) });
  expect(r.errors).toBeUndefined();
  return r.data!.ingestWatchEvents!;
};

describe('distributed precompute', () => {
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it('a gateway that only enqueues serves what a separate worker computed from the shared store', async () => {
    const prefix = newPrefix();
    // Gateway A: PRECOMPUTE=external — its queue has no handler.
    const a = testGateway({ createQueue: () => open(prefix) });
    cleanup.push(async () => {
      await a.close();
      await a.store.close();
    });
    const worker = makeGateway({
      store: a.store,
      now: () => NOW,
      tiers: [createStoreTier({ store: a.store, now: () => NOW })],
      usageFlushMs: 0,
      createQueue: (handler) => open(prefix, { handler }),
    });
    cleanup.push(() => worker.close());

    expect(await ingest(a, 30)).toMatchObject({ added: 30, dataVersion: 1, precomputeScheduled: true });
    await within('the worker to drain the queue', a.queue.idle());
    expect(worker.services.precomputer.lastReports.at(-1)).toMatchObject({ viewerId: 'local', dataVersion: 1 });
    const { present, total } = await storedBaseSet(a, a.store, 'local');
    expect(present).toBe(total);

    const r = await a.run(DashboardDocument, {});
    expect(r.errors).toBeUndefined();
    const d = r.data!.analytics!;
    expect(d.kpis!.data.videos).toBe(30);
    const sources = [d.kpis!.meta, d.monthlyTrend!.meta, d.topChannels!.meta, d.heatmap!.meta, d.topics!.meta].map(
      (m) => m.source,
    );
    expect(sources).toEqual(['STORE', 'STORE', 'STORE', 'STORE', 'STORE']);
    expect(a.services.aggregations.counters.computations).toBe(0); // gateway A never ran the engine
    // Made entirely of fresh hits, the answer is now served whole by the response cache.
    const hits = a.responseCache.counters.hits;
    const again = (await a.run(DashboardDocument, {})).data!.analytics!;
    expect(again.kpis!.data.videos).toBe(30);
    expect(a.responseCache.counters.hits).toBe(hits + 1);
    expect(a.services.aggregations.counters.computations).toBe(0);
  });

  it('a job whose worker is SIGKILLed mid-job is run again by another worker, and the entries end up complete', async () => {
    const prefix = newPrefix();
    const dir = mkdtempSync(join(tmpdir(), 'wg-distributed-'));
    const dbPath = join(dir, 'watchgraph.db');
    const store = createSqliteStore({ path: dbPath });
    cleanup.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    // Short lock and stall check so the death is noticed in seconds. Every worker of a queue
    // needs the short interval: a stalled check blocks the others' for its own interval.
    const lockMs = 1500;
    const stalledMs = 500;

    // A worker in another process that stops for good after a few writes.
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/distributed/worker-child.ts'], {
      cwd: root,
      env: {
        ...process.env,
        WG_PREFIX: prefix,
        WG_DB: dbPath,
        WG_HANG_AFTER: '5',
        WG_LOCK_MS: String(lockMs),
        WG_STALLED_MS: String(stalledMs),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const messages: Record<string, unknown>[] = [];
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) messages.push(JSON.parse(line));
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await waitFor('the child worker to start', () => messages.some((m) => 'ready' in m) || child.exitCode !== null, 30_000);
    expect(child.exitCode).toBeNull();

    const a = testGateway({ store, createQueue: () => open(prefix) });
    cleanup.push(() => a.close());
    expect(await ingest(a, 40)).toMatchObject({ added: 40, dataVersion: 1, precomputeScheduled: true });
    await waitFor('the child to be mid-job', () => messages.some((m) => 'hanging' in m));
    child.kill('SIGKILL');
    expect(await within('the child to die', exited)).toBe('SIGKILL');

    const partial = await storedBaseSet(a, store, 'local');
    expect(partial.present).toBe(5); // the child wrote 5 entries and then died holding the job
    expect(partial.total).toBeGreaterThan(5);
    expect(await a.queue.depth()).toBe(1); // still active in Redis: nobody knows it died yet

    // Another worker (this process): its stalled check finds the lock expired and runs the job again.
    const rec = recordingLogger();
    const worker = makeGateway({
      store,
      now: () => NOW,
      tiers: [createStoreTier({ store, now: () => NOW })],
      usageFlushMs: 0,
      createQueue: (handler) => open(prefix, { handler, logger: rec.logger, lockDuration: lockMs, stalledInterval: stalledMs }),
    });
    cleanup.push(() => worker.close());
    await within('the job to be recovered and finished', a.queue.idle(), 30_000);

    expect(rec.events()).toContain('precompute.stalled');
    expect(rec.events()).toContain('precompute.done');
    const report = worker.services.precomputer.lastReports.at(-1);
    expect(report).toMatchObject({ viewerId: 'local', dataVersion: 1, baseFresh: 5 });
    const final = await storedBaseSet(a, store, 'local');
    expect(final.present).toBe(final.total);
    const job = await (a.queue as BullmqJobQueue).bullQueue.getJob(bullJobIdOf(jobOf('local', 1)));
    expect(await job?.getState()).toBe('completed');
    expect(job?.stalledCounter).toBe(1);
  }, 90_000);

  /** Runs the worker child, starts a long job, sends SIGTERM mid-batch; returns what it logged and its exit code. */
  async function sigtermDuringJob(inline: boolean, spinMs: number) {
    const prefix = newPrefix();
    const dir = mkdtempSync(join(tmpdir(), 'wg-signal-'));
    const dbPath = join(dir, 'watchgraph.db');
    const store = createSqliteStore({ path: dbPath });
    cleanup.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'tests/distributed/signal-child.ts'], {
      cwd: root,
      env: {
        ...process.env,
        WG_PREFIX: prefix,
        WG_DB: dbPath,
        WG_SPIN_MS: String(spinMs),
        WG_INLINE: inline ? '1' : '0',
        SHUTDOWN_GRACE_MS: '1500',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const lines: { event?: string; loopDelayMaxMs?: number }[] = [];
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) if (line.trim()) lines.push(JSON.parse(line));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const events = () => lines.map((l) => l.event);
    await waitFor('the worker to start', () => events().includes('worker.ready'), 30_000);
    const a = testGateway({ store, createQueue: () => open(prefix) });
    cleanup.push(() => a.close());
    expect(await ingest(a, 10)).toMatchObject({ added: 10, precomputeScheduled: true });
    await waitFor('the job to start', () => events().includes('precompute.started'));
    await sleep(500); // inside the first engine batch's spin
    child.kill('SIGTERM');
    await waitFor('the signal to be handled', () => events().includes('worker.stopping'), 30_000);
    const doneBeforeStop = events().indexOf('precompute.done') !== -1;
    const stopping = lines.find((l) => l.event === 'worker.stopping');
    const code = await within('the worker to exit', exited, 30_000);
    return { doneBeforeStop, loopDelayMaxMs: stopping?.loopDelayMaxMs ?? Number.NaN, code, events: events() };
  }

  it('a worker busy with a long job handles SIGTERM at once and exits within the grace', async () => {
    const spinMs = 4000; // each engine batch keeps the engine thread busy this long
    const r = await sigtermDuringJob(false, spinMs);
    // Handled while the job runs: it has not finished, and the loop never waited for a batch.
    expect(r.doneBeforeStop).toBe(false);
    expect(r.loopDelayMaxMs).toBeLessThan(spinMs / 4);
    // The job needs far longer than the grace: the worker exits when the grace is over; BullMQ
    // gives the job to another worker once its lock expires.
    expect(r.code).toBe(1);
    expect(r.events).toContain('worker.shutdown_timeout');
  }, 90_000);

  it("control: with the engine on the worker's own thread, the signal waits for the batch", async () => {
    const spinMs = 3000;
    const r = await sigtermDuringJob(true, spinMs);
    expect(r.loopDelayMaxMs).toBeGreaterThan(spinMs / 2);
  }, 90_000);
});

describe('worker.ts', () => {
  it('refuses to start without REDIS_URL, naming the variable', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const env: NodeJS.ProcessEnv = { ...process.env, WATCHGRAPH_DB: ':memory:' };
    delete env.REDIS_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'worker.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const code = await within('worker.ts to exit', new Promise<number | null>((r) => child.once('exit', (c) => r(c))), 30_000);
    expect(code).toBe(1);
    expect(output).toContain('REDIS_URL is required');
    expect(output).not.toContain('worker.ready');
  });
});
