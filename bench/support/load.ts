/** A small closed-loop HTTP load generator (keep-alive, fixed concurrency, bounded duration). */
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** POSTs `body` to 127.0.0.1:`port``path` from `concurrency` loops for `durationMs`; counts non-200 or GraphQL errors. */
export async function load(port: number, body: string, concurrency: number, durationMs: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let requests = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = request(
        { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json' } },
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
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  agent.destroy();
  return { requests, errors, seconds: (performance.now() - start) / 1000, latenciesMs };
}
