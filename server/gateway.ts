/**
 * `makeGateway` builds the whole gateway from its parts (store, tiers, clock, logger, Redis)
 * and returns a Yoga instance plus the services. `main.ts` and `worker.ts` only read
 * configuration and call it; tests call it with other parts and use `yoga.fetch` without
 * opening a port.
 */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { type Breaker, createBreaker } from '../cache/breaker.js';
import { createLayeredCache } from '../cache/layered.js';
import { type ComputeLocks, createRedisLocks } from '../cache/locks.js';
import { createMemoryTier } from '../cache/memory.js';
import { createRedisTier } from '../cache/redis.js';
import { checkEvictionPolicy, createCacheRedis, redisReady } from '../cache/redis-client.js';
import { createStoreTier } from '../cache/store-tier.js';
import type { Tier } from '../cache/tier.js';
import { createViewerDirectory } from '../cache/viewers.js';
import { createImportRunner } from '../ingest/import-host.js';
import { DEFAULT_MAX_CLOCK_SKEW_MS } from '../ingest/validate.js';
import { createInlineEngineHost, createThreadedEngineHost, type EngineHost } from '../precompute/engine-host.js';
import { createMidnightScheduler } from '../precompute/midnight.js';
import { createPrecomputer, type Precomputer } from '../precompute/precomputer.js';
import { createInProcessQueue, type JobHandler, type JobQueue } from '../precompute/queue.js';
import { createAggregationService } from '../precompute/service.js';
import { createUsageTracker } from '../precompute/usage.js';
import { createRedisUsageMirror } from '../precompute/usage-redis.js';
import { createContextFactory, type GatewayContext, LOCAL_VIEWER_ID, type Services } from '../resolvers/context.js';
import { createLiveHub } from '../resolvers/live.js';
import { schema } from '../schema/index.js';
import { observeViewerChanges } from '../store/observe.js';
import type { Store, SweepReport } from '../store/types.js';
import { useCompiledExecution } from './compiled.js';
import { DASHBOARD_QUERY } from './dashboard.js';
import { useInputErrors } from './input-errors.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { createResponseCache, type ResponseCache } from './response-cache.js';

export interface RedisSettings {
  url: string;
  /** Bound on each Redis call before it counts as a failure; default 100 ms. */
  timeoutMs?: number;
  /** Consecutive failures that open the breaker; default 3. */
  failureThreshold?: number;
  /** How long the breaker stays open before a trial call; default 1000 ms. */
  cooldownMs?: number;
}

export interface GatewayOptions {
  store: Store;
  logger?: Logger;
  /** Shared cache, cross-process single-flight and invalidation; omit to run in-process. */
  redis?: RedisSettings;
  /** Keep the in-process memory tier in front of Redis; default true. */
  memoryTier?: boolean;
  /** Cache tiers, fastest first; overrides the defaults (memory → Redis → store). */
  tiers?: Tier[];
  /** Clock, epoch ms; default Date.now. */
  now?: () => number;
  /** Memory tier bound; default 128 MiB. */
  memoryCacheBytes?: number;
  /** Longest a viewer's data version is trusted without asking the store; default 1000 ms. */
  viewerMaxAgeMs?: number;
  /** Half-life of usage counts; default 7 days. */
  usageHalfLifeMs?: number;
  /** Hot-combo time budget per precompute job; default 2000 ms. */
  hotBudgetMs?: number;
  /** How often buffered usage is written to the store; default 5000 ms (0 = only on close). */
  usageFlushMs?: number;
  /** XFetch early-refresh factor; default 1 (0 turns early refresh off). */
  xfetchBeta?: number;
  random?: () => number;
  maxIngestBatch?: number;
  maxUploadBytes?: number;
  /** How far past `now` an ingested event may be dated; default 24 h (ingest/validate.ts). */
  maxClockSkewMs?: number;
  /** Maps a request to a viewer id; default the single local viewer (admin fields visible). */
  resolveViewerId?: (request: Request) => string | Promise<string>;
  /** When the request's token expires, epoch ms (`ctx.tokenExpiresAt`; live streams end then); default never. */
  resolveTokenExpiry?: (request: Request) => number | undefined | Promise<number | undefined>;
  /** Live streams (Subscription.viewerChanged) one viewer may hold open per process; default 8. */
  maxLiveStreamsPerViewer?: number;
  /** Builds the job queue around the handler; default the in-process queue (BullMQ: precompute/bullmq.ts). */
  createQueue?: (handler: JobHandler) => JobQueue;
  /** Collect Node's default process metrics too; default false. */
  processMetrics?: boolean;
  /**
   * Where the engine runs; default engine threads when the store can be opened from another
   * thread (`store.spec`: a SQLite file, a Convex deployment), else this thread (`:memory:`).
   */
  engine?: EngineHost;
  /** Engine threads of the default host; default the cores minus one, at least one. */
  engineThreads?: number;
  /** Bound of engine state per engine thread, bytes; default 1 GiB. */
  engineMemoryBytes?: number;
  /** Share of incremental results recomputed from scratch and compared (shadow checks); default 0.01. */
  shadowRate?: number;
  /** FRESH's longest wait for a fresh entry before answering stale; default 1000 ms. */
  freshWaitMs?: number;
  /** Bound of the in-process response cache (whole responses of warm requests), bytes; default 32 MiB. */
  responseCacheBytes?: number;
  /** Retention of the store tier (README "Cached entries"): sweep period (default 60 s, 0 = never), per-viewer budget, stale retention. */
  entries?: { sweepMs?: number; perViewerBytes?: number; retainStaleMs?: number };
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  services: Services;
  queue: JobQueue;
  metrics: GatewayMetrics;
  /** The Redis breaker, when Redis is configured. */
  breaker: Breaker | null;
  /** Whole responses of warm requests (server/response-cache.ts). */
  responseCache: ResponseCache;
  /** False until `markReady` (start-up work such as demo loading is done). */
  readonly ready: boolean;
  markReady(): void;
  /**
   * Can this gateway answer correctly now: start-up done and the store reachable (not "every
   * entry precomputed": entries missing are computed on demand). Redis away degrades, it does
   * not make the gateway unready.
   */
  readiness(): Promise<Readiness>;
  /** Runs one retention sweep of the store tier now (also periodic); undefined when it failed (logged). */
  sweepEntries(): Promise<SweepReport | undefined>;
  /** Resolves when Redis answers and the invalidation subscription is active (at once without Redis). */
  redisConnected(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

let graphiqlPage: Promise<string> | null = null;
const renderOfflineGraphiQL = (opts: Parameters<typeof import('@graphql-yoga/render-graphiql').renderGraphiQL>[0]) => {
  // The options are the same on every request (title, endpoint, default query): render once.
  graphiqlPage ??= import('@graphql-yoga/render-graphiql').then((m) => m.renderGraphiQL(opts));
  return graphiqlPage;
};

export interface Readiness {
  ready: boolean;
  components: {
    startup: 'done' | 'pending';
    store: 'ok' | 'unreachable';
    redis: 'ok' | 'degraded' | 'not-configured';
  };
}

/** Longest a readiness probe waits for the store. */
const STORE_PROBE_MS = 1000;

export function makeGateway(options: GatewayOptions): Gateway {
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const metrics = createMetrics({ defaultMetrics: options.processMetrics });

  let redis: Redis | null = null;
  let subscriber: Redis | null = null;
  let breaker: Breaker | null = null;
  let locks: ComputeLocks | undefined;
  if (options.redis) {
    const r = options.redis;
    redis = createCacheRedis({ url: r.url, logger });
    // A subscriber connection cannot run other commands; it keeps its offline queue so the
    // subscription is (re)established whenever Redis is reachable.
    subscriber = createCacheRedis({ url: r.url, logger, extra: { enableOfflineQueue: true, commandTimeout: undefined } });
    breaker = createBreaker({
      name: 'redis',
      timeoutMs: r.timeoutMs,
      failureThreshold: r.failureThreshold,
      cooldownMs: r.cooldownMs,
      onStateChange: (state) => {
        metrics.breakerState('redis', state);
        logger.warn({ event: 'redis.breaker', state }, `redis circuit ${state}`);
      },
    });
    metrics.breakerState('redis', 'closed');
    locks = createRedisLocks(redis, breaker);
    // Once per connection: warn (our own log event) when Redis may evict keys we need.
    const client = redis;
    client.on('ready', () => void checkEvictionPolicy(client, logger));
  }

  // Every change to a viewer drops the cached version here and, with Redis, in every process.
  let onViewerChanged = (_viewerId: string) => {};
  const store = observeViewerChanges(options.store, (viewerId) => onViewerChanged(viewerId));
  const viewers = createViewerDirectory({
    store,
    logger,
    maxAgeMs: options.viewerMaxAgeMs,
    pubsub: redis && subscriber ? { publisher: redis, subscriber } : undefined,
    now,
  });
  // Live streams hear this process's commits here, other processes' through the same pub/sub.
  const live = createLiveHub({
    store,
    logger,
    maxStreamsPerViewer: options.maxLiveStreamsPerViewer,
    pubsub: redis && subscriber ? { publisher: redis, subscriber } : undefined,
    now,
  });
  onViewerChanged = (viewerId) => {
    viewers.changed(viewerId);
    live.committed(viewerId);
  };

  // Retention of the store tier: expired entries, then each viewer's least valuable entries
  // beyond its budget, run on the store's writer (never this thread).
  const retention = {
    sweepMs: options.entries?.sweepMs ?? 60_000,
    perViewerBytes: options.entries?.perViewerBytes ?? 64 * 1024 * 1024,
    retainStaleMs: options.entries?.retainStaleMs ?? 7 * 86_400_000,
  };
  const tiers = options.tiers ?? [
    ...(options.memoryTier === false
      ? []
      : [createMemoryTier({ maxBytes: options.memoryCacheBytes, now, retainStaleMs: retention.retainStaleMs })]),
    ...(redis && breaker ? [createRedisTier({ redis, breaker, now, retainStaleMs: retention.retainStaleMs })] : []),
    createStoreTier({ store, now, retainStaleMs: retention.retainStaleMs }),
  ];
  const cache = createLayeredCache({ tiers, logger });
  const usage = createUsageTracker({
    store,
    halfLifeMs: options.usageHalfLifeMs,
    now,
    mirror: redis && breaker ? createRedisUsageMirror({ redis, breaker }) : undefined,
    onMirrorError: (err) =>
      logger.warn({ event: 'usage.redis_failed', err: err.message }, 'usage counters: using the store snapshot'),
    onMirrorRebuilt: (viewerId, rows) =>
      logger.warn(
        { event: 'usage.redis_rebuilt', viewerId, rows },
        'usage counters were missing in Redis; rebuilt from the store',
      ),
  });
  const engine =
    options.engine ??
    (store.spec
      ? createThreadedEngineHost({
          spec: store.spec,
          threads: options.engineThreads,
          maxBytes: options.engineMemoryBytes,
          shadowRate: options.shadowRate,
          onExit: (thread, code, error) =>
            logger.error(
              { event: 'engine.thread_exit', thread, code, err: error?.message },
              'an engine thread died; restarting it',
            ),
        })
      : createInlineEngineHost(store, { maxBytes: options.engineMemoryBytes, shadowRate: options.shadowRate }));
  const aggregations = createAggregationService({
    store,
    viewers,
    cache,
    engine,
    freshWaitMs: options.freshWaitMs,
    usage,
    logger,
    now,
    locks,
    xfetchBeta: options.xfetchBeta,
    random: options.random,
    observer: metrics,
  });
  // The handler runs jobs with the precomputer, which is created right below.
  let precomputer: Precomputer | undefined;
  const handler: JobHandler = async (job) => {
    await precomputer?.run(job.viewerId);
  };
  const queue = options.createQueue ? options.createQueue(handler) : createInProcessQueue(handler, logger);
  metrics.queueDepth(() => queue.depth());
  precomputer = createPrecomputer({
    store,
    service: aggregations,
    usage,
    queue,
    logger,
    hotBudgetMs: options.hotBudgetMs,
    now,
    onJob: (report) => {
      metrics.jobDone(report);
      live.precomputed(report.viewerId, report.dataVersion);
    },
  });
  const midnight = createMidnightScheduler({
    refresh: (viewerId, day) => (precomputer as Precomputer).scheduleRefresh(viewerId, day),
    getViewer: (viewerId) => viewers.get(viewerId),
    logger,
    now,
  });
  const services: Services = {
    store,
    viewers,
    cache,
    aggregations,
    precomputer,
    usage,
    logger,
    now,
    breaker,
    midnight,
    engine,
    // An import committed by the import thread is announced as this process's own commits are.
    imports: createImportRunner(store, { onCommitted: (viewerId) => onViewerChanged(viewerId) }),
    live,
    limits: {
      maxIngestBatch: options.maxIngestBatch ?? 10_000,
      maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024 * 1024,
      maxClockSkewMs: options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS,
    },
  };
  const responseCache = createResponseCache({
    viewers,
    usage,
    resolveViewerId: options.resolveViewerId ?? (() => LOCAL_VIEWER_ID),
    logger,
    now,
    maxBytes: options.responseCacheBytes,
    redis: redis && breaker ? { redis, breaker } : undefined,
  });
  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    context: createContextFactory({
      services,
      resolveViewerId: options.resolveViewerId,
      resolveTokenExpiry: options.resolveTokenExpiry,
    }),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'watchgraph', defaultQuery: DASHBOARD_QUERY },
    // GraphiQL from our own node_modules (scripts, styles and editor workers inlined), never a
    // CDN, so it works offline. 9 MB of JavaScript: loaded on the first visit, not at start-up.
    renderGraphiQL: renderOfflineGraphiQL,
    maskedErrors: true,
    plugins: [responseCache.plugin, useCompiledExecution(), useInputErrors()],
    logging: {
      debug: (...args) => logger.debug({ event: 'yoga', args }),
      info: (...args) => logger.info({ event: 'yoga', args }),
      warn: (...args) => logger.warn({ event: 'yoga', args }),
      error: (...args) => logger.error({ event: 'yoga', args }),
    },
  });
  const flushMs = options.usageFlushMs ?? 5000;
  const flushTimer =
    flushMs > 0
      ? setInterval(() => {
          usage.flush().catch((err: Error) => logger.warn({ event: 'usage.flush_failed', err: err.message }));
        }, flushMs)
      : null;
  flushTimer?.unref();
  let sweeping: Promise<unknown> | null = null;
  const sweep = () => {
    sweeping ??= store
      .sweepEntries({ now: now(), retainStaleMs: retention.retainStaleMs, perViewerBytes: retention.perViewerBytes })
      .then((report) => {
        metrics.storeEntries(report);
        if (report.expired + report.evicted > 0) logger.info({ event: 'entries.swept', ...report }, 'cached entries swept');
        return report;
      })
      .catch((err: Error) => logger.warn({ event: 'entries.sweep_failed', err: err.message }, 'cannot sweep cached entries'))
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  };
  const sweepTimer = retention.sweepMs > 0 ? setInterval(sweep, retention.sweepMs) : null;
  sweepTimer?.unref();
  let ready = false;
  return {
    yoga,
    services,
    queue,
    metrics,
    breaker,
    responseCache,
    sweepEntries: () => sweep() as Promise<SweepReport | undefined>,
    get ready() {
      return ready;
    },
    markReady() {
      ready = true;
    },
    async readiness() {
      let timer: NodeJS.Timeout | undefined;
      const store_ = await Promise.race([
        store.getViewer('').then(
          () => 'ok' as const,
          () => 'unreachable' as const,
        ),
        new Promise<'unreachable'>((r) => {
          timer = setTimeout(() => r('unreachable'), STORE_PROBE_MS);
        }),
      ]);
      clearTimeout(timer);
      const redisState = !breaker ? 'not-configured' : breaker.state === 'closed' ? 'ok' : 'degraded';
      return {
        ready: ready && store_ === 'ok',
        components: { startup: ready ? 'done' : 'pending', store: store_, redis: redisState },
      };
    },
    async redisConnected(timeoutMs = 5000) {
      if (redis) await redisReady(redis, timeoutMs);
      await viewers.subscribed();
      await live.subscribed();
    },
    async close() {
      if (flushTimer) clearInterval(flushTimer);
      if (sweepTimer) clearInterval(sweepTimer);
      await sweeping;
      midnight.close();
      await live.close();
      await queue.close();
      await aggregations.settle();
      await usage.flush().catch((err: Error) => logger.warn({ event: 'usage.flush_failed', err: err.message }));
      await viewers.close();
      await services.imports.close();
      if (!options.engine) await engine.close();
      metrics.close();
      redis?.disconnect();
      subscriber?.disconnect();
    },
  };
}
