/** Redis for tests: the private server of the global setup, a unique key prefix, cleanup by SCAN. */
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { Redis } from 'ioredis';

export const redisUrl = (): string => {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('[tests/redis] REDIS_URL is not set (the vitest global setup starts redis-server)');
  return url;
};

/** A plain client for test assertions and cleanup. */
export const adminRedis = (): Redis => new Redis(redisUrl(), { maxRetriesPerRequest: 1 });

let counter = 0;
/** A viewer id unique to this run, so parallel test files never share keys. */
export const uniqueViewer = (label: string): string => `t${process.pid}-${Date.now().toString(36)}-${counter++}-${label}`;

/** Deletes every key of the given viewers (SCAN with the hash-tagged prefix; never KEYS). */
export async function cleanupViewers(redis: Redis, viewers: readonly string[]): Promise<void> {
  for (const v of viewers) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `wg:{${v}}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  }
}

/** A TCP server that accepts connections and never answers: a Redis under CLIENT PAUSE or SIGSTOP. */
export async function hungRedis(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
