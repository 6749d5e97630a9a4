/**
 * The ioredis client of the cache tier: commands fail fast instead of queueing while Redis is
 * away (no offline queue, no per-command retries, a command time-out), and it reconnects
 * forever in the background, so a gateway started without Redis begins using it when it appears.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export interface CacheRedisOptions {
  url: string;
  logger: Logger;
  /** ioredis command time-out; default 250 ms (the breaker's bound is usually tighter). */
  commandTimeoutMs?: number;
  extra?: RedisOptions;
}

export function createCacheRedis(options: CacheRedisOptions): Redis {
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    lazyConnect: false,
    ...options.extra,
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) options.logger.warn({ event: 'redis.error', err: err.message }, 'redis unavailable; serving without it');
    down = true;
  });
  redis.on('ready', () => {
    if (down) options.logger.info({ event: 'redis.ready' }, 'redis is back');
    down = false;
  });
  return redis;
}

/** Resolves when the client is ready, or rejects after `timeoutMs`. */
export function redisReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`[cache/redis-client] not ready after ${timeoutMs} ms`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Eviction policies that may delete keys without a TTL: BullMQ's jobs, usage counters, locks. */
const EVICTS_ANY_KEY = /^allkeys-/;

/**
 * Reads Redis's `maxmemory-policy` and logs `redis.eviction_policy` (warn) when it can evict
 * keys we need to keep (allkeys-*): jobs and usage counters would vanish under memory pressure.
 * A server that refuses CONFIG (managed Redis) is logged at debug. Never throws.
 */
export async function checkEvictionPolicy(redis: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as unknown as string[];
    const policy = reply[1] ?? null;
    if (policy && EVICTS_ANY_KEY.test(policy)) {
      logger.warn(
        { event: 'redis.eviction_policy', policy },
        `Redis maxmemory-policy is ${policy}: under memory pressure it may evict precompute jobs and usage counters; use noeviction or volatile-* (cache entries carry TTLs)`,
      );
    } else {
      logger.debug({ event: 'redis.eviction_policy', policy }, 'Redis eviction policy keeps keys without a TTL');
    }
    return policy;
  } catch (err) {
    logger.debug({ event: 'redis.eviction_policy_unknown', err: (err as Error).message }, 'cannot read maxmemory-policy');
    return null;
  }
}
