/**
 * `npm run worker`: a precompute worker for the distributed setup. Reads the same environment
 * as main.ts (REDIS_URL required), runs BullMQ precompute jobs against the same store and
 * cache tiers as the gateways, serves no HTTP. SIGTERM/SIGINT: finish the running job, exit.
 */
import pino from 'pino';
import { createBullmqQueue } from './precompute/bullmq.js';
import { ConfigError, readConfig } from './server/config.js';
import { makeGateway } from './server/gateway.js';
import { createSqliteStore } from './store/sqlite.js';

const config = (() => {
  try {
    return readConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
})();
const logger = pino({ level: config.logLevel });

if (!config.redisUrl) {
  logger.fatal(
    { event: 'config.missing', variable: 'REDIS_URL' },
    '[worker] REDIS_URL is required: workers take precompute jobs from BullMQ on Redis (e.g. REDIS_URL=redis://127.0.0.1:6379)',
  );
  process.exit(1);
}
if (config.store === 'convex') {
  logger.fatal(
    { event: 'config.unsupported', STORE: 'convex' },
    'STORE=convex is not available yet; use STORE=sqlite (the default)',
  );
  process.exit(1);
}

const store = createSqliteStore({ path: config.dbPath });
const redisUrl = config.redisUrl;
const gateway = makeGateway({
  store,
  logger,
  // Same Redis tier, locks and invalidation as the gateways; no memory tier: a worker serves
  // no reads, its entries go to the shared tiers the gateways read.
  redis: { url: redisUrl },
  memoryTier: false,
  usageHalfLifeMs: config.usageHalfLifeMs,
  hotBudgetMs: config.hotBudgetMs,
  usageFlushMs: 0,
  createQueue: (handler) => createBullmqQueue({ connection: redisUrl, handler, logger }),
});
gateway.markReady();
logger.info({ event: 'worker.ready', pid: process.pid }, 'precompute worker is taking jobs');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) {
    // A second signal: the operator does not want to wait; BullMQ re-runs the job elsewhere.
    logger.warn({ event: 'worker.forced', signal }, 'exiting without finishing the running job');
    process.exit(1);
  }
  stopping = true;
  logger.info({ event: 'worker.stopping', signal }, 'finishing the running job, then exiting');
  try {
    await gateway.close(); // the BullMQ worker finishes its running job, then Redis disconnects
    await store.close();
    logger.info({ event: 'worker.stopped' }, 'worker stopped');
    process.exit(0);
  } catch (err) {
    logger.error({ event: 'worker.stop_failed', err: (err as Error).message }, 'unclean shutdown');
    process.exit(1);
  }
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
