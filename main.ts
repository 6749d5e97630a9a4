/** Entry point: read configuration, build the gateway, serve. Everything else is in makeGateway. */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createBullmqQueue } from './precompute/bullmq.js';
import { LOCAL_VIEWER_ID } from './resolvers/context.js';
import { readConfig } from './server/config.js';
import { loadDemoHistory } from './server/demo.js';
import { makeGateway } from './server/gateway.js';
import { createHttpServer } from './server/http.js';
import { createConvexStoreFromEnv } from './store/convex.js';
import { createSqliteStore } from './store/sqlite.js';

const config = readConfig();
const logger = pino({ level: config.logLevel });

const store = config.store === 'convex' ? createConvexStoreFromEnv(process.env) : createSqliteStore({ path: config.dbPath });
const gateway = makeGateway({
  store,
  logger,
  memoryCacheBytes: config.memoryCacheBytes,
  usageHalfLifeMs: config.usageHalfLifeMs,
  hotBudgetMs: config.hotBudgetMs,
  maxUploadBytes: config.maxUploadBytes,
  maxClockSkewMs: config.maxClockSkewMs,
  engineThreads: config.engineThreads ?? undefined,
  engineMemoryBytes: config.engineMemoryBytes,
  freshWaitMs: config.freshWaitMs,
  shadowRate: config.shadowRate,
  entries: {
    sweepMs: config.entrySweepMs,
    perViewerBytes: config.storeEntryBudgetBytes,
    retainStaleMs: config.entryRetainStaleMs,
  },
  redis: config.redisUrl ? { url: config.redisUrl } : undefined,
  // With Redis, jobs go to BullMQ; this process runs them too unless PRECOMPUTE=external.
  createQueue: config.redisUrl
    ? (handler) =>
        createBullmqQueue({
          connection: config.redisUrl as string,
          logger,
          ...(config.precompute === 'external' ? {} : { handler }),
        })
    : undefined,
  processMetrics: true,
});
logger.info(
  { event: 'server.mode', redis: Boolean(config.redisUrl), store: config.store, precompute: config.precompute },
  config.redisUrl ? 'shared cache and invalidation on Redis' : 'embedded: cache and precompute in this process',
);
const server = createHttpServer(gateway);

server.listen(config.port, config.host, () => {
  // The bound port: PORT=0 asks the OS for a free one.
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/graphql`;
  logger.info({ event: 'server.listening', url }, `watchgraph is listening on ${url} (GraphiQL)`);
});

const viewer = await store.ensureViewer(LOCAL_VIEWER_ID);
if (config.demoData && (await store.countEvents(LOCAL_VIEWER_ID)) === 0) {
  const t0 = Date.now();
  const result = await loadDemoHistory(store, LOCAL_VIEWER_ID, config.demoEvents, Date.now(), viewer.timeZone);
  logger.info(
    { event: 'demo.loaded', added: result.added, ms: Date.now() - t0 },
    `The store was empty: loaded a generated demo history of ${result.added} events (DEMO_DATA=0 turns this off).`,
  );
} else if ((await store.countEvents(viewer.id)) === 0) {
  logger.info({ event: 'demo.skipped' }, 'The store is empty and DEMO_DATA is off: ingest a Takeout export to see data.');
}
// Ready means "can answer correctly now" (store open, start-up done), not "every entry
// precomputed": what the job has not written yet is computed on demand, off this thread.
gateway.markReady();
logger.info({ event: 'server.ready' }, 'ready');
await gateway.services.precomputer.schedule(LOCAL_VIEWER_ID);
gateway.queue.idle().then(() => logger.info({ event: 'precompute.idle' }, 'base set precomputed'));

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ event: 'server.stopping', signal }, 'shutting down');
  server.close();
  await gateway.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
