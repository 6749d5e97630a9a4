/** The HTTP front: health endpoints, then Yoga for everything else. */
import { createServer, type Server } from 'node:http';
import type { Gateway } from './gateway.js';
import { createStaticSite, type StaticSiteOptions } from './static.js';

export interface HttpServerOptions {
  /** The dashboard page at `/` (server/static.ts); its defaults serve `dist/web/`. */
  web?: StaticSiteOptions;
}

/**
 * `/healthz`: the process answers. `/readyz`: this gateway can answer correctly now (start-up
 * done, store reachable; 503 otherwise), with each component's state. `/metrics`: Prometheus.
 * `/`: the dashboard page (GraphiQL when it is not built). `/graphql`: the API.
 */
export function createHttpServer(gateway: Gateway, options: HttpServerOptions = {}): Server {
  const site = createStaticSite(options.web);
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: 'ok' }));
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
    gateway.yoga(req, res);
  });
}
