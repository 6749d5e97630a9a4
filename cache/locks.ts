/**
 * Short Redis locks for single-flight across processes: the first gateway to miss a key
 * computes it; the others wait for its result. A lock expires by itself (a crashed holder
 * blocks nobody for longer than `ttlMs`) and is released only by its holder.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Breaker } from './breaker.js';

/** `null`: someone else holds it; `'unavailable'`: Redis cannot be asked (compute locally). */
export type LockResult = { token: string } | null | 'unavailable';

export interface ComputeLocks {
  acquire(key: string, ttlMs: number): Promise<LockResult>;
  release(key: string, token: string): Promise<void>;
}

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export function createRedisLocks(redis: Redis, breaker: Breaker): ComputeLocks {
  return {
    async acquire(key, ttlMs) {
      const token = randomUUID();
      try {
        const ok = await breaker.run(() => redis.set(`${key}:lock`, token, 'PX', ttlMs, 'NX'));
        return ok === 'OK' ? { token } : null;
      } catch {
        return 'unavailable';
      }
    },
    async release(key, token) {
      try {
        await breaker.run(() => redis.eval(RELEASE, 1, `${key}:lock`, token));
      } catch {
        // It expires by itself.
      }
    },
  };
}
