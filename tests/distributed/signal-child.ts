/**
 * The real worker process (server/worker-process.ts) with an engine thread that spins
 * WG_SPIN_MS before every background batch, as a long computation would. Logs JSON lines on
 * stdout. Env: REDIS_URL, WG_DB, WG_PREFIX, WG_SPIN_MS, SHUTDOWN_GRACE_MS; WG_INLINE=1 runs the
 * engine on the process's own thread instead (the control case).
 */
import pino from 'pino';
import { createInlineEngineHost, createThreadedEngineHost } from '../../precompute/engine-host.js';
import { readConfig } from '../../server/config.js';
import { startWorkerProcess } from '../../server/worker-process.js';
import { createSqliteStore } from '../../store/sqlite.js';

const config = { ...readConfig(), dbPath: process.env.WG_DB as string };
const store = createSqliteStore({ path: config.dbPath });
const spin = { spinMsPerBatch: Number(process.env.WG_SPIN_MS), spinPriority: 'background' as const };
const engine =
  process.env.WG_INLINE === '1'
    ? createInlineEngineHost(store, spin)
    : createThreadedEngineHost({ spec: { kind: 'sqlite', path: config.dbPath }, threads: 1, ...spin });
const worker = startWorkerProcess({
  config,
  logger: pino({ level: config.logLevel }),
  store,
  engine,
  loopDelayLogMs: 0,
  queuePrefix: process.env.WG_PREFIX,
});
process.on('SIGTERM', () => void worker.stop('SIGTERM'));
