/**
 * Read-through over ordered tiers (fastest first). One `getMany` per tier for the keys still
 * missing, so a whole dashboard costs one round trip per tier. A fresh hit in a lower tier
 * fills the tiers above it. Tier failures degrade to misses: a broken cache never fails a
 * request.
 */
import type { Logger } from 'pino';
import type { EntryHints, Envelope, Tier, TierName } from './tier.js';

/**
 * How a caller judges an envelope it found: `fresh` serve it; `refresh` serve it and refresh
 * it early in the background; `stale` serve it only when nothing fresher is found (and say
 * so); `reject` never serve it.
 */
export type Verdict = 'fresh' | 'refresh' | 'stale' | 'reject';

export interface CacheRead {
  viewerId: string;
  key: string;
  judge: (envelope: Envelope) => Verdict;
}

export interface CacheHit {
  envelope: Envelope;
  source: TierName;
  stale: boolean;
  /** A fresh hit chosen for early refresh (XFetch). */
  refresh: boolean;
}

export interface CacheCounters {
  hits: Record<TierName, number>;
  staleHits: number;
  misses: number;
  tierErrors: number;
}

export interface LayeredCache {
  readonly tiers: readonly Tier[];
  readonly counters: CacheCounters;
  /**
   * Results in request order: the first fresh hit, else the first stale one, else null.
   * `fill: false` leaves the faster tiers alone (a precompute job checking what is fresh does
   * not copy megabytes of store entries into Redis and memory); default true.
   */
  read(requests: readonly CacheRead[], options?: { fill?: boolean }): Promise<(CacheHit | null)[]>;
  /** Writes to every tier; a failing tier is logged and skipped. */
  write(viewerId: string, key: string, envelope: Envelope, hints?: EntryHints): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

export interface LayeredCacheOptions {
  tiers: readonly Tier[];
  logger: Logger;
}

export function createLayeredCache({ tiers, logger }: LayeredCacheOptions): LayeredCache {
  const counters: CacheCounters = { hits: { MEMORY: 0, REDIS: 0, STORE: 0 }, staleHits: 0, misses: 0, tierErrors: 0 };

  const safely = async <T>(tier: Tier, op: string, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      counters.tierErrors++;
      logger.warn({ event: 'cache.tier_error', tier: tier.name, op, err: (err as Error).message }, 'cache tier failed');
      return fallback;
    }
  };

  return {
    tiers,
    counters,
    async read(requests, options = {}) {
      const fill = options.fill ?? true;
      const out: (CacheHit | null)[] = requests.map(() => null);
      let pending = requests.map((_, i) => i);
      const filled: { tierIndex: number; index: number }[] = [];
      for (let t = 0; t < tiers.length && pending.length > 0; t++) {
        const tier = tiers[t] as Tier;
        const found = await safely(
          tier,
          'getMany',
          () => tier.getMany(pending.map((i) => (requests[i] as CacheRead).key)),
          pending.map(() => null),
        );
        const next: number[] = [];
        pending.forEach((i, j) => {
          const env = found[j] ?? null;
          const req = requests[i] as CacheRead;
          const verdict = env ? req.judge(env) : 'reject';
          if (env && (verdict === 'fresh' || verdict === 'refresh')) {
            out[i] = { envelope: env, source: tier.name, stale: false, refresh: verdict === 'refresh' };
            if (t > 0 && fill) filled.push({ tierIndex: t, index: i });
          } else {
            // The newest stale copy wins (an upper tier may hold an older version than a lower one).
            const prev = out[i];
            if (env && verdict === 'stale' && (!prev || env.dataVersion > prev.envelope.dataVersion)) {
              out[i] = { envelope: env, source: tier.name, stale: true, refresh: false };
            }
            next.push(i);
          }
        });
        pending = next;
      }
      for (const [i, hit] of out.entries()) {
        if (!hit) counters.misses++;
        else if (hit.stale) counters.staleHits++;
        else counters.hits[hit.source]++;
        if (logger.isLevelEnabled('debug')) {
          logger.debug({
            event: hit ? 'cache.hit' : 'cache.miss',
            key: requests[i]?.key,
            source: hit?.source,
            stale: hit?.stale,
          });
        }
      }
      // Fill faster tiers with fresh entries found lower down (not awaited by the caller's result).
      await Promise.all(
        filled.map(({ tierIndex, index }) => {
          const req = requests[index] as CacheRead;
          const env = (out[index] as CacheHit).envelope;
          return Promise.all(
            tiers.slice(0, tierIndex).map((tier) => safely(tier, 'set', () => tier.set(req.viewerId, req.key, env), undefined)),
          );
        }),
      );
      return out;
    },
    async write(viewerId, key, envelope, hints) {
      await Promise.all(tiers.map((tier) => safely(tier, 'set', () => tier.set(viewerId, key, envelope, hints), undefined)));
    },
    async delete(keys) {
      await Promise.all(tiers.map((tier) => safely(tier, 'delete', () => tier.delete(keys), undefined)));
    },
  };
}
