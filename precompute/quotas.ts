/**
 * Per-viewer quotas: Takeout imports per hour, and the stored-events count the event quota reads.
 * Counted in this process, and in Redis (one INCR with an expiry per viewer and hour) when it
 * is configured, so several gateways share one count. Redis is an accelerator here too: when
 * it cannot answer, the process's own count applies (a viewer could then import up to the
 * quota once per gateway in that hour — the documented bound).
 */
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Breaker } from '../cache/breaker.js';

export interface ViewerQuotas {
  /** Counts one import for the viewer now; false (and nothing counted) when the hour's quota is used. */
  takeImport(viewerId: string): Promise<boolean>;
  /**
   * The viewer's stored events for the MAX_EVENTS_PER_VIEWER check, without asking the store on
   * every ingest (the stores keep the count with the viewer, but Convex is a round trip): asked
   * once, then kept up to date by `addStored` for this process's commits, and asked again after
   * STORED_RECOUNT_MS (other gateways' commits) or when it comes within 10 % of the limit.
   */
  storedEvents(viewerId: string, incoming: number, max: number, count: () => Promise<number>): Promise<number>;
  /** This process committed `added` events for the viewer. */
  addStored(viewerId: string, added: number): void;
}

/** How long a counted number of stored events is trusted (other processes may commit meanwhile). */
const STORED_RECOUNT_MS = 60_000;

export interface ViewerQuotasOptions {
  importsPerHour: number;
  now?: () => number;
  redis?: { redis: Redis; breaker: Breaker };
}

const HOUR_MS = 3_600_000;

export function createViewerQuotas(options: ViewerQuotasOptions): ViewerQuotas {
  const now = options.now ?? Date.now;
  const limit = options.importsPerHour;
  // viewer → [hour bucket, count]; a bucket of a past hour counts as empty.
  const local = new LRUCache<string, { hour: number; count: number }>({ max: 100_000 });
  const stored = new LRUCache<string, { count: number; at: number }>({ max: 100_000 });
  return {
    async takeImport(viewerId) {
      const hour = Math.floor(now() / HOUR_MS);
      const mine = local.get(viewerId);
      const entry = mine && mine.hour === hour ? mine : { hour, count: 0 };
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
    async storedEvents(viewerId, incoming, max, count) {
      const known = stored.get(viewerId);
      if (known && now() - known.at < STORED_RECOUNT_MS && known.count + incoming <= max * 0.9) return known.count;
      const n = await count();
      stored.set(viewerId, { count: n, at: now() });
      return n;
    },
    addStored(viewerId, added) {
      const known = stored.get(viewerId);
      if (known) known.count += added;
    },
  };
}
