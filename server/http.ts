/** The HTTP front: health endpoints, then Yoga for everything else. */
import { createServer, type Server } from 'node:http';
import type { Gateway } from './gateway.js';

/** `/healthz`: the process answers. `/readyz`: start-up work is done (503 before). `/metrics`: Prometheus. */
export function createHttpServer(gateway: Gateway): Server {
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
    if (path === '/') {
      res.writeHead(302, { location: '/graphql' });
      res.end();
      return;
    }
    gateway.yoga(req, res);
  });
}
