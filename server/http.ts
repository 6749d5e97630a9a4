/** The HTTP front: health endpoints, then Yoga for everything else. */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { requestContext, requestIdFrom } from './front-door.js';
import type { Gateway } from './gateway.js';
import { createStaticSite, type StaticSiteOptions } from './static.js';

export interface HttpLimits {
  /** Longest a client may take to send the request headers (slowloris), ms; default 10 s. */
  headersTimeoutMs: number;
  /** Longest a whole request may take to arrive, body included (uploads), ms; default 300 s. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive socket is kept, ms; default 5 s. */
  keepAliveTimeoutMs: number;
  /** Open sockets at most; more are refused by the OS accept path (node: `maxConnections`). Default 1024. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 5000,
  maxConnections: 1024,
};

export interface HttpServerOptions {
  /** The dashboard page at `/` (server/static.ts); its defaults serve `dist/web/`. */
  web?: StaticSiteOptions;
  /** `/metrics` from other machines needs `Authorization: Bearer <token>`; loopback needs nothing. Null: loopback only. */
  metricsToken?: string | null;
  http?: Partial<HttpLimits>;
}

const isLoopbackAddress = (address: string | undefined): boolean =>
  address === '::1' ||
  address === '127.0.0.1' ||
  (address?.startsWith('::ffff:127.') ?? false) ||
  (address?.startsWith('127.') ?? false);

/** `/metrics` is for the operator: from this machine, or with the configured bearer token. */
function metricsAllowed(req: IncomingMessage, token: string | null): boolean {
  const header = req.headers.authorization;
  if (token && typeof header === 'string' && header.startsWith('Bearer ')) {
    const given = Buffer.from(header.slice(7));
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  // Behind a proxy every request comes from loopback: a forwarded request is not local.
  return isLoopbackAddress(req.socket.remoteAddress) && req.headers['x-forwarded-for'] === undefined;
}

/**
 * `/healthz`: the process answers. `/readyz`: this gateway can answer correctly now (start-up
 * done, store reachable; 503 otherwise), with each component's state. `/metrics`: Prometheus.
 * `/`: the dashboard page (GraphiQL when it is not built). `/graphql`: the API.
 */
export function createHttpServer(target: Gateway | (() => Gateway | undefined), options: HttpServerOptions = {}): Server {
  // A function: the port is bound before the gateway exists (main.ts), and until then only
  // /healthz answers; everything else is 503 "starting".
  const current = typeof target === 'function' ? target : () => target;
  const site = createStaticSite(options.web);
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
  const metricsToken = options.metricsToken ?? null;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often those two are checked (node's default is 30 s, which would let a slow client
      // keep its socket up to 30 s past the timeout).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    (req, res) => {
      const requestId = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('x-request-id', requestId);
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ status: 'ok' }));
        return;
      }
      const gateway = current();
      if (!gateway) {
        res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store', 'retry-after': '1' });
        res.end(JSON.stringify({ status: 'starting' }));
        return;
      }
      if (path === '/readyz') {
        gateway.readiness().then(
          (r) => {
            res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
            res.end(JSON.stringify({ status: r.ready ? 'ready' : 'not-ready', components: r.components }));
          },
          () => {
            res.writeHead(503, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ status: 'not-ready' }));
          },
        );
        return;
      }
      if (path === '/metrics') {
        if (!metricsAllowed(req, metricsToken)) {
          res.writeHead(metricsToken ? 401 : 403, {
            'content-type': 'text/plain',
            'cache-control': 'no-store',
            ...(metricsToken ? { 'www-authenticate': 'Bearer' } : {}),
          });
          res.end(
            metricsToken
              ? 'metrics need the bearer token (METRICS_TOKEN)\n'
              : 'metrics answer on loopback only (set METRICS_TOKEN to allow others)\n',
          );
          return;
        }
        gateway.metrics.registry
          .metrics()
          .then((text) => {
            res.writeHead(200, { 'content-type': gateway.metrics.registry.contentType });
            res.end(text);
          })
          .catch(() => {
            res.writeHead(500);
            res.end();
          });
        return;
      }
      if (path !== '/graphql' && site.handle(req, res)) return;
      res.setHeader('vary', 'Origin');
      // Internal errors logged while Yoga handles the request carry its id (server/front-door.ts).
      requestContext.run({ requestId }, () => gateway.yoga(req, res));
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}
