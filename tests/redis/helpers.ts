/** Redis for tests: the private server of the global setup, a unique key prefix, cleanup by SCAN. */
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
