/**
 * Entry point: read configuration, build the gateway, serve. Everything else is in makeGateway.
 *
 * Start-up order matters: the configuration is checked and the port bound before anything is
 * written, so a bad variable or a port in use ends with one line naming the cause (exit 2 and
 * 1) and an untouched store. Shutdown is bounded by SHUTDOWN_GRACE_MS whatever is running.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createBullmqQueue } from './precompute/bullmq.js';
import { LOCAL_VIEWER_ID } from './resolvers/context.js';
import { createAuthenticator, readAuthConfig } from './server/auth.js';
import { ConfigError, isLoopbackHost, readConfig } from './server/config.js';
import { loadDemoHistory } from './server/demo.js';
import { type Gateway, makeGateway } from './server/gateway.js';
import { createHttpServer } from './server/http.js';
import { loadTrustedDocuments } from './server/trusted-documents.js';
import { createConvexStoreFromEnv } from './store/convex.js';
import { createSqliteStore } from './store/sqlite.js';

/** Ends start-up with one line on stderr (no stack: these are the operator's to fix). */
function fail(message: string, code: number): never {
  process.stderr.write(`watchgraph: ${message}\n`);
  process.exit(code);
}

let config: ReturnType<typeof readConfig>;
let authConfig: ReturnType<typeof readAuthConfig>;
try {
  config = readConfig();
  authConfig = readAuthConfig(process.env);
  if (!authConfig && !config.allowAnonymous && !isLoopbackHost(config.host)) {
    throw new ConfigError(
      'HOST',
      `${config.host} is reachable from other machines, and without authentication every caller would be the one local viewer. ` +
        'Set AUTH_ISSUER with AUTH_JWKS_URL (or AUTH_HS256_SECRET) — README "Deploying" — or ALLOW_ANONYMOUS=true to serve anyway.',
    );
  }
} catch (err) {
  if (err instanceof ConfigError) fail(err.message, 2);
  throw err;
}
const logger = pino({ level: config.logLevel });
const trusted = loadTrustedDocuments();

// The port first: nothing is opened or written until it is ours.
let built: Gateway | undefined;
const server = createHttpServer(() => built, {
  metricsToken: config.metricsToken,
  http: config.http,
  // The page sends documentIds when only trusted documents are accepted.
  web: { documents: config.allowArbitraryOperations ? 'text' : 'persisted' },
});
await new Promise<void>((resolve) => {
  server.once('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') fail(`port ${config.port} on ${config.host} is already in use (set PORT)`, 1);
    if (err.code === 'EACCES') fail(`no permission to listen on ${config.host}:${config.port} (set PORT above 1023)`, 1);
    if (err.code === 'EADDRNOTAVAIL') fail(`${config.host} is not an address of this machine (set HOST)`, 1);
    fail(`cannot listen on ${config.host}:${config.port}: ${err.message}`, 1);
  });
  // Until start-up is done the gateway answers /healthz and /readyz (503) only.
  server.listen(config.port, config.host, resolve);
});

const store = config.store === 'convex' ? createConvexStoreFromEnv(process.env) : createSqliteStore({ path: config.dbPath });
const gateway = makeGateway({
  store,
  logger,
  auth: authConfig ? createAuthenticator(authConfig, { logger }) : null,
  production: config.production,
  graphiql: config.graphiql,
  introspection: config.introspection,
  corsOrigins: config.corsOrigins,
  maxBodyBytes: config.maxBodyBytes,
  trustedDocuments: trusted,
  allowArbitraryOperations: config.allowArbitraryOperations,
  coldCostBudget: config.coldCostBudget,
  maxColdPerViewer: config.maxColdPerViewer,
  quotas: { maxEventsPerViewer: config.maxEventsPerViewer, importsPerHour: config.importsPerHour },
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
          closeTimeoutMs: Math.max(0, config.shutdownGraceMs - 1000),
          ...(config.precompute === 'external' ? {} : { handler }),
        })
    : undefined,
  processMetrics: true,
});
built = gateway;
logger.info(
  {
    event: 'server.mode',
    redis: Boolean(config.redisUrl),
    store: config.store,
    precompute: config.precompute,
    auth: authConfig ? 'jwt' : 'local',
    production: config.production,
  },
  config.redisUrl ? 'shared cache and invalidation on Redis' : 'embedded: cache and precompute in this process',
);
{
  const port = (server.address() as AddressInfo).port; // PORT=0 asks the OS for a free one
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`;
  logger.info({ event: 'server.listening', url }, `watchgraph is listening on ${url} (dashboard; GraphiQL at /graphql)`);
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) {
    logger.warn({ event: 'server.forced', signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = true;
  logger.info({ event: 'server.stopping', signal, graceMs: config.shutdownGraceMs }, 'shutting down');
  // Whatever is still running when the grace is over (a job, an upload, a hung Redis) is left.
  const grace = setTimeout(() => {
    logger.warn({ event: 'server.shutdown_timeout', graceMs: config.shutdownGraceMs }, 'grace over: exiting');
    process.exit(1);
  }, config.shutdownGraceMs);
  grace.unref();
  server.close();
  server.closeIdleConnections();
  void (async () => {
    try {
      await gateway.close();
      await store.close();
    } catch (err) {
      logger.error({ event: 'server.stop_failed', err: (err as Error).message }, 'error while shutting down');
    }
    server.closeAllConnections(); // streams and keep-alive sockets still open
    process.exit(0);
  })();
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

if (!authConfig) {
  // Local mode: the one local viewer, with a demo history when the store is empty.
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
}
// Ready means "can answer correctly now" (store open, start-up done), not "every entry
// precomputed": what the job has not written yet is computed on demand, off this thread.
gateway.markReady();
logger.info({ event: 'server.ready' }, 'ready');
if (!authConfig) {
  await gateway.services.precomputer.schedule(LOCAL_VIEWER_ID);
  gateway.queue.idle().then(() => logger.info({ event: 'precompute.idle' }, 'base set precomputed'));
}
