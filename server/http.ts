/** The HTTP front: health endpoints, then Yoga for everything else. */
import { createServer, type Server } from 'node:http';
import type { Gateway } from './gateway.js';
import { createStaticSite, type StaticSiteOptions } from './static.js';

export interface HttpServerOptions {
  /** The dashboard page at `/` (server/static.ts); its defaults serve `dist/web/`. */
  web?: StaticSiteOptions;
}

/**
 * `/healthz`: the process answers. `/readyz`: start-up work is done (503 before). `/metrics`:
 * Prometheus. `/`: the dashboard page (GraphiQL when it is not built). `/graphql`: the API.
 */
export function createHttpServer(gateway: Gateway, options: HttpServerOptions = {}): Server {
  const site = createStaticSite(options.web);
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/readyz') {
      const ok = path === '/healthz' || gateway.ready;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'starting' }));
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
