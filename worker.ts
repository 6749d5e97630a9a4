/**
 * `npm run worker`: a precompute worker for the distributed setup (server/worker-process.ts).
 * Reads the same environment as main.ts; REDIS_URL is required.
 */
import pino from 'pino';
import { ConfigError, readConfig } from './server/config.js';
import { startWorkerProcess } from './server/worker-process.js';
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
    'STORE=convex is not available for workers yet; use STORE=sqlite (the default)',
  );
  process.exit(1);
}

const worker = startWorkerProcess({ config, logger, store: createSqliteStore({ path: config.dbPath }) });
process.on('SIGINT', () => void worker.stop('SIGINT'));
process.on('SIGTERM', () => void worker.stop('SIGTERM'));
