/**
 * A gateway for the HTTP benchmark: in-memory SQLite, a demo history, the base set warm.
 * Prints `READY <port>` on stdout, then serves until killed. Over IPC (when spawned with one),
 * answers `'cpu'` with `process.cpuUsage()` so the parent can charge server CPU per request.
 */
import pino from 'pino';
import { LOCAL_VIEWER_ID } from '../../resolvers/context.js';
import { createAuthenticator } from '../../server/auth.js';
import { loadDemoHistory } from '../../server/demo.js';
import { makeGateway } from '../../server/gateway.js';
import { createHttpServer } from '../../server/http.js';
import { createSqliteStore } from '../../store/sqlite.js';

const events = Number(process.env.BENCH_EVENTS ?? 50_000);
const redisUrl = process.env.BENCH_REDIS_URL;
const store = createSqliteStore({ path: ':memory:' });
const gateway = makeGateway({
  store,
  logger: pino({ level: 'silent' }),
  redis: redisUrl ? { url: redisUrl } : undefined,
  memoryTier: process.env.BENCH_MEMORY_TIER !== '0',
  // BENCH_AUTH_SECRET: HS256 bearer tokens (issuer bench), the viewer is their `sub`.
  auth: process.env.BENCH_AUTH_SECRET
    ? createAuthenticator({
        jwksUrl: null,
        issuer: 'https://bench.invalid',
        audience: null,
        algorithms: ['HS256'],
        hs256Secret: process.env.BENCH_AUTH_SECRET,
        adminClaim: null,
        jwksTimeoutMs: 5000,
        jwksCooldownMs: 30_000,
        clockToleranceSec: 5,
      })
    : null,
});
await gateway.redisConnected();
await store.ensureViewer(LOCAL_VIEWER_ID, 'Europe/Paris');
await loadDemoHistory(store, LOCAL_VIEWER_ID, events, Date.now(), 'Europe/Paris');
await gateway.services.precomputer.schedule(LOCAL_VIEWER_ID);
await gateway.queue.idle();
const server = createHttpServer(gateway);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`READY ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
process.on('message', (m) => {
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  // After a full collection (the server runs with --expose-gc): what is really retained.
  if (m === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    const u = process.memoryUsage();
    process.send?.({ cpu: process.cpuUsage(), rss: u.rss, heapUsed: u.heapUsed });
  }
});
