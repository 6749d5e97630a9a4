/**
 * A precompute worker in its own process, for the kill test: BullMQ worker on a SQLite file
 * store; after `WG_HANG_AFTER` store-tier writes it announces `{"hanging":n}` on stdout and
 * never finishes the job, so the test can SIGKILL it mid-job. Protocol: one JSON line per event.
 * Env: REDIS_URL, WG_PREFIX, WG_DB, WG_HANG_AFTER, WG_LOCK_MS, WG_STALLED_MS.
 */
import pino from 'pino';
import { createStoreTier } from '../../cache/store-tier.js';
import type { Tier } from '../../cache/tier.js';
import { createBullmqQueue } from '../../precompute/bullmq.js';
import { makeGateway } from '../../server/gateway.js';
import { createSqliteStore } from '../../store/sqlite.js';
import { NOW } from '../gateway/harness.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`[tests/distributed/worker-child] ${name} is required`);
  return v;
};
const say = (msg: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(msg)}\n`);

const hangAfter = Number(env('WG_HANG_AFTER'));
const store = createSqliteStore({ path: env('WG_DB') });
const now = () => NOW;
const storeTier = createStoreTier({ store, now });
let written = 0;
let durable = 0;
let announced = false;
let releaseFirst = () => {};
const firstWrites = new Promise<void>((r) => {
  releaseFirst = r;
});
const hangingTier: Tier = {
  ...storeTier,
  async set(viewerId, key, envelope) {
    // Counted on entry (a batch's writes start together); the first `hangAfter` are written,
    // then — once they are durable — the child announces itself hanging and never returns.
    if (written++ >= hangAfter) {
      await firstWrites;
      if (!announced) say({ hanging: hangAfter });
      announced = true;
      await new Promise<never>(() => {});
    }
    await storeTier.set(viewerId, key, envelope);
    if (++durable === hangAfter) releaseFirst();
  },
};
makeGateway({
  store,
  now,
  tiers: [hangingTier],
  usageFlushMs: 0,
  createQueue: (handler) =>
    createBullmqQueue({
      connection: env('REDIS_URL'),
      prefix: env('WG_PREFIX'),
      handler,
      logger: pino({ level: 'silent' }),
      lockDuration: Number(env('WG_LOCK_MS')),
      // Also short here: a stalled check takes a Redis-wide pause of its own interval.
      stalledInterval: Number(env('WG_STALLED_MS')),
    }),
});
say({ ready: process.pid });
