/** A small closed-loop HTTP load generator (keep-alive, fixed concurrency, bounded duration). */
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** POSTs `body` to 127.0.0.1:`port``path` from `concurrency` loops for `durationMs`; counts non-200 or GraphQL errors. */
export async function load(
  port: number,
  body: string | (() => string),
  concurrency: number,
  durationMs: number,
  headers: Record<string, string> = {},
  /** Stop after this many requests have been started (then `durationMs` 0 means no time bound). */
  maxRequests = Number.POSITIVE_INFINITY,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let requests = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = durationMs > 0 ? start + durationMs : Number.POSITIVE_INFINITY;
  let started = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latenciesMs.push(performance.now() - t0);
            requests++;
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200 || text.includes('"errors"')) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(typeof body === 'function' ? body() : body);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && started < maxRequests) {
        started++;
        await one();
      }
    }),
  );
  agent.destroy();
  return { requests, errors, seconds: (performance.now() - start) / 1000, latenciesMs };
}
