/**
 * The aggregation service: answers requests from the cache tiers, computes misses with the
 * engine (single-flight per key and data version), writes results back, and records usage.
 * Used by the resolvers (through a per-request DataLoader) and by precompute jobs.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { measureEnvelope } from '../cache/codec.js';
import type { LayeredCache, Verdict } from '../cache/layered.js';
import type { ComputeLocks } from '../cache/locks.js';
import { type Envelope, entryKey, type TierName } from '../cache/tier.js';
import type { ViewerDirectory } from '../cache/viewers.js';
import { MS_PER_DAY, startOfLocalDay } from '../domain/calendar.js';
import { type CanonicalFilter, filterKey, isRelativeTimeframe, todayOf } from '../domain/filter.js';
import type { Store, Viewer } from '../store/types.js';
import type { EngineProvider } from './engines.js';
import { aggregationDef, paramsKey } from './registry.js';
import type { UsageTracker } from './usage.js';

export interface AggregationRequest {
  viewerId: string;
  aggregation: string;
  filter: CanonicalFilter;
  /** Canonical params (already parsed by the registry). */
  params: Record<string, unknown>;
}

export type ResultSource = TierName | 'COMPUTED';

export interface ResultMeta {
  computedAt: number;
  expiresAt: number;
  source: ResultSource;
  stale: boolean;
  dataVersion: number;
  computeMillis: number;
  filterKey: string;
}

export interface Resolved<T = unknown> {
  data: T;
  meta: ResultMeta;
  /** Encoded size of the entry (internal: usage ranking). */
  bytes: number;
}

export interface ServiceCounters {
  computations: number;
  backgroundRefreshes: number;
  /** Misses answered by another process's computation (cross-process single-flight). */
  waitedForPeer: number;
}

/** What the service reports per answered request and per computation (metrics hook). */
export interface ServiceObserver {
  served(aggregation: string, source: ResultSource, stale: boolean): void;
  computed(aggregation: string, millis: number, bytes: number): void;
}

export interface AggregationService {
  readonly counters: ServiceCounters;
  /** Results in request order; an `Error` in the slot of a request that failed. */
  resolveMany(requests: readonly AggregationRequest[], options?: { trackUsage?: boolean }): Promise<(Resolved | Error)[]>;
  /**
   * Makes sure a fresh entry exists for the viewer's current data version (precompute);
   * returns true when it computed one.
   */
  warm(viewer: Viewer, request: AggregationRequest): Promise<boolean>;
  /** Cache key of a request. */
  keyOf(request: AggregationRequest): string;
  /** Background refreshes still running (tests and graceful shutdown wait on it). */
  settle(): Promise<void>;
}

export interface AggregationServiceOptions {
  store: Store;
  /** Where data versions are read (cached per process, invalidated across processes). */
  viewers: ViewerDirectory;
  cache: LayeredCache;
  /** Cross-process single-flight (Redis); without it, single-flight is per process. */
  locks?: ComputeLocks;
  /** How long a miss waits for another process's computation before computing itself; default 3000 ms. */
  lockWaitMs?: number;
  /**
   * Probabilistic early refresh (XFetch): an entry is refreshed early when
   * now − computeMillis × beta × ln(random()) ≥ expiresAt. Default beta 1; 0 turns it off.
   */
  xfetchBeta?: number;
  random?: () => number;
  observer?: ServiceObserver;
  engines: EngineProvider;
  usage: UsageTracker;
  logger: Logger;
  now?: () => number;
  /** Lifetime of entries that do not depend on "today"; data changes invalidate them anyway. Default 7 days. */
  maxAgeMs?: number;
}

export function createAggregationService(options: AggregationServiceOptions): AggregationService {
  const { store, viewers, cache, engines, usage, logger, locks } = options;
  const now = options.now ?? Date.now;
  const lockWaitMs = options.lockWaitMs ?? 3000;
  const beta = options.xfetchBeta ?? 1;
  const random = options.random ?? Math.random;
  const observer = options.observer;
  const maxAgeMs = options.maxAgeMs ?? 7 * MS_PER_DAY;
  const inflight = new Map<string, Promise<Envelope>>();
  const background = new Set<Promise<unknown>>();
  const counters: ServiceCounters = { computations: 0, backgroundRefreshes: 0, waitedForPeer: 0 };

  const keyOf = (r: AggregationRequest) =>
    entryKey(r.viewerId, r.aggregation, aggregationDef(r.aggregation).version, filterKey(r.filter), paramsKey(r.params));

  const expiryOf = (r: AggregationRequest, computedAt: number): number => {
    const def = aggregationDef(r.aggregation);
    if (def.dependsOnToday || isRelativeTimeframe(r.filter)) {
      return startOfLocalDay(r.filter.timeZone, todayOf(r.filter, computedAt) + 1);
    }
    return computedAt + maxAgeMs;
  };

  /** Computes and stores one entry; concurrent calls for the same key and version share one computation. */
  const compute = (viewer: Viewer, r: AggregationRequest, key: string): Promise<Envelope> => {
    const flightKey = `${key}@${viewer.dataVersion}`;
    const existing = inflight.get(flightKey);
    if (existing) return existing;
    const p = (async () => {
      if (!locks) return computeHere(viewer, r, key);
      const lock = await locks.acquire(`${key}@${viewer.dataVersion}`, Math.max(1000, lockWaitMs));
      if (lock === 'unavailable') return computeHere(viewer, r, key);
      if (lock === null) {
        const peer = await waitForPeer(viewer, r, key);
        if (peer) return peer;
        return computeHere(viewer, r, key);
      }
      try {
        return await computeHere(viewer, r, key);
      } finally {
        await locks.release(`${key}@${viewer.dataVersion}`, lock.token);
      }
    })();
    inflight.set(flightKey, p);
    const clear = () => inflight.delete(flightKey);
    p.then(clear, clear);
    return p;
  };

  /** Polls the tiers for the entry another process is computing; null after `lockWaitMs`. */
  const waitForPeer = async (viewer: Viewer, r: AggregationRequest, key: string): Promise<Envelope | null> => {
    const deadline = now() + lockWaitMs;
    const judge = judgeFor(viewer, aggregationDef(r.aggregation).version);
    for (let delay = 10; now() < deadline; delay = Math.min(delay * 2, 100)) {
      await new Promise((res) => setTimeout(res, delay));
      const [hit] = await cache.read([{ viewerId: r.viewerId, key, judge }]);
      if (hit && hit.envelope.dataVersion === viewer.dataVersion && now() < hit.envelope.expiresAt) {
        counters.waitedForPeer++;
        return hit.envelope;
      }
    }
    return null;
  };

  /** Computes and writes one entry in this process. */
  const computeHere = async (viewer: Viewer, r: AggregationRequest, key: string): Promise<Envelope> => {
    const def = aggregationDef(r.aggregation);
    const computedAt = now();
    const ctx = await engines.context(r.viewerId, viewer.dataVersion, r.filter, computedAt);
    const t0 = performance.now();
    const data = def.kernel(ctx, r.params);
    const computeMillis = performance.now() - t0;
    counters.computations++;
    const base = {
      data,
      computedAt,
      expiresAt: expiryOf(r, computedAt),
      dataVersion: viewer.dataVersion,
      definitionVersion: def.version,
      computeMillis,
      filterKey: filterKey(r.filter),
    };
    const envelope: Envelope = { ...base, bytes: measureEnvelope(base) };
    observer?.computed(r.aggregation, computeMillis, envelope.bytes);
    // Never write an entry computed from a version that is no longer current.
    const current = await store.getViewer(r.viewerId);
    if (current?.dataVersion === viewer.dataVersion) await cache.write(r.viewerId, key, envelope);
    logger.debug({ event: 'precompute.computed', key, computeMillis, bytes: envelope.bytes });
    return envelope;
  };

  /** 'stale' means "refresh it": past expiry, or chosen for early refresh by XFetch. */
  const judgeFor =
    (viewer: Viewer, definitionVersion: number) =>
    (e: Envelope): Verdict => {
      if (e.dataVersion !== viewer.dataVersion || e.definitionVersion !== definitionVersion) return 'reject';
      const t = now();
      if (t >= e.expiresAt) return 'stale';
      if (beta > 0 && t - e.computeMillis * beta * Math.log(random()) >= e.expiresAt) return 'stale';
      return 'fresh';
    };

  const toResolved = (e: Envelope, source: ResultSource, stale: boolean): Resolved => ({
    data: e.data,
    meta: {
      computedAt: e.computedAt,
      expiresAt: e.expiresAt,
      source,
      stale,
      dataVersion: e.dataVersion,
      computeMillis: e.computeMillis,
      filterKey: e.filterKey,
    },
    bytes: e.bytes,
  });

  const viewersOf = async (requests: readonly AggregationRequest[]) => {
    const ids = [...new Set(requests.map((r) => r.viewerId))];
    const list = await Promise.all(ids.map((id) => viewers.get(id)));
    return new Map(list.map((v) => [v.id, v]));
  };

  return {
    counters,
    keyOf,
    async resolveMany(requests, opts = {}) {
      const trackUsage = opts.trackUsage ?? true;
      const byId = await viewersOf(requests);
      const keys = requests.map(keyOf);
      const hits = await cache.read(
        requests.map((r, i) => ({
          viewerId: r.viewerId,
          key: keys[i] as string,
          judge: judgeFor(byId.get(r.viewerId) as Viewer, aggregationDef(r.aggregation).version),
        })),
      );
      return Promise.all(
        requests.map(async (r, i): Promise<Resolved | Error> => {
          const viewer = byId.get(r.viewerId) as Viewer;
          const key = keys[i] as string;
          const hit = hits[i];
          try {
            let result: Resolved;
            if (hit && !hit.stale) {
              result = toResolved(hit.envelope, hit.source, false);
            } else if (hit) {
              // Stale-while-revalidate: answer now, refresh once in the background.
              counters.backgroundRefreshes++;
              const refresh = compute(viewer, r, key).catch((err: Error) =>
                logger.warn({ event: 'precompute.refresh_failed', key, err: err.message }, 'background refresh failed'),
              );
              background.add(refresh);
              refresh.finally(() => background.delete(refresh));
              result = toResolved(hit.envelope, hit.source, now() >= hit.envelope.expiresAt);
            } else {
              result = toResolved(await compute(viewer, r, key), 'COMPUTED', false);
            }
            observer?.served(r.aggregation, result.meta.source, result.meta.stale);
            if (trackUsage) {
              const { filter, params, aggregation } = r;
              const combo = `${result.meta.filterKey}${paramsKey(params) ? `#${paramsKey(params)}` : ''}`;
              usage.record(r.viewerId, { aggregation, filter, params }, combo, result.meta.computeMillis, result.bytes);
            }
            return result;
          } catch (err) {
            logger.error({ event: 'aggregation.failed', key, err: (err as Error).message }, 'aggregation failed');
            return err instanceof Error ? err : new Error(String(err));
          }
        }),
      );
    },
    async warm(viewer, r) {
      const key = keyOf(r);
      const def = aggregationDef(r.aggregation);
      const [hit] = await cache.read([{ viewerId: r.viewerId, key, judge: judgeFor(viewer, def.version) }]);
      if (hit && !hit.stale && now() < hit.envelope.expiresAt) return false;
      await compute(viewer, r, key);
      return true;
    },
    async settle() {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
  };
}
