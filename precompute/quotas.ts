/**
 * Per-viewer quotas that are counted, not derived from stored data: Takeout imports per hour.
 * Counted in this process, and in Redis (one INCR with an expiry per viewer and hour) when it
 * is configured, so several gateways share one count. Redis is an accelerator here too: when
 * it cannot answer, the process's own count applies (a viewer could then import up to the
 * quota once per gateway in that hour — the documented bound).
 */
import type { Redis } from 'ioredis';
import type { Breaker } from '../cache/breaker.js';

export interface ViewerQuotas {
  /** Counts one import for the viewer now; false (and nothing counted) when the hour's quota is used. */
  takeImport(viewerId: string): Promise<boolean>;
}

export interface ViewerQuotasOptions {
  importsPerHour: number;
  now?: () => number;
  redis?: { redis: Redis; breaker: Breaker };
}

const HOUR_MS = 3_600_000;

export function createViewerQuotas(options: ViewerQuotasOptions): ViewerQuotas {
  const now = options.now ?? Date.now;
  const limit = options.importsPerHour;
  // viewer → [hour bucket, count]; buckets of past hours are dropped as they are met.
  const local = new Map<string, { hour: number; count: number }>();
  return {
    async takeImport(viewerId) {
      const hour = Math.floor(now() / HOUR_MS);
      const mine = local.get(viewerId);
      const entry = mine && mine.hour === hour ? mine : { hour, count: 0 };
      if (local.size > 100_000) {
        for (const [k, v] of local) if (v.hour !== hour) local.delete(k);
      }
      let shared: number | null = null;
      if (options.redis) {
        const { redis, breaker } = options.redis;
        const key = `wg:{${viewerId}}:quota:imports:${hour}`;
        shared = await breaker
          .run(async () => {
            const [[, n]] = (await redis
              .multi()
              .incr(key)
              .pexpire(key, HOUR_MS * 2)
              .exec()) as [[null, number]];
            return n;
          })
          .catch(() => null);
        if (shared !== null && shared > limit) {
          void breaker.run(() => redis.decr(key)).catch(() => {});
          return false;
        }
      }
      if (shared === null && entry.count >= limit) return false;
      entry.count++;
      local.set(viewerId, entry);
      return true;
    },
  };
}
