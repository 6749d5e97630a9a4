/**
 * `makeGateway` builds the whole gateway from its parts (store, tiers, clock, logger, Redis)
 * and returns a Yoga instance plus the services. `main.ts` and `worker.ts` only read
 * configuration and call it; tests call it with other parts and use `yoga.fetch` without
 * opening a port.
 */
import { type DocumentNode, GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, isAsyncIterable, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
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
import { localDayOf } from '../domain/calendar.js';
import { createImportRunner } from '../ingest/import-host.js';
import { DEFAULT_MAX_CLOCK_SKEW_MS } from '../ingest/validate.js';
import { createInlineEngineHost, createThreadedEngineHost, type EngineHost } from '../precompute/engine-host.js';
import { createMidnightScheduler } from '../precompute/midnight.js';
import { createPrecomputer, type Precomputer } from '../precompute/precomputer.js';
import { createInProcessQueue, type JobHandler, type JobQueue } from '../precompute/queue.js';
import { createViewerQuotas } from '../precompute/quotas.js';
import { createAggregationService } from '../precompute/service.js';
import { createUsageTracker } from '../precompute/usage.js';
import { createRedisUsageMirror } from '../precompute/usage-redis.js';
import { createContextFactory, type GatewayContext, LOCAL_VIEWER_ID, type Services } from '../resolvers/context.js';
import { createLiveHub } from '../resolvers/live.js';
import { settleWithin, valueWithin } from '../runtime/deadline.js';
import { schema } from '../schema/index.js';
import { observeViewerChanges } from '../store/observe.js';
import type { Store, SweepReport } from '../store/types.js';
import { useCompiledExecution } from './compiled.js';
import { DASHBOARD_QUERY } from './dashboard.js';
import { corsFor, principalOf, type RequestAuthenticator, requestContext, useFrontDoor } from './front-door.js';
import { useInputErrors } from './input-errors.js';
import { type DocumentLimits, documentLimitPlugins } from './limits.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { createResponseCache, type ResponseCache, responseKey } from './response-cache.js';
import {
  httpCachingPlugin,
  loadTrustedDocuments,
  schemaHash,
  type TrustedDocuments,
  trustedDocumentsPlugin,
} from './trusted-documents.js';
import { useStreamedUploads } from './uploads.js';

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
  /** Bearer-token authentication (server/auth.ts); omitted: local mode, every request is `local` and admin. */
  auth?: RequestAuthenticator | null;
  /** Production mode (README "Deploying"): generic limit and auth messages; the defaults below flip. */
  production?: boolean;
  /** Serve GraphiQL at /graphql; default true (main.ts: not in production unless ENABLE_GRAPHIQL). */
  graphiql?: boolean;
  /** Answer introspection; default true (main.ts: not in production unless ENABLE_INTROSPECTION). */
  introspection?: boolean;
  /** Origins allowed to call from a browser (CORS); default none: same-origin only. */
  corsOrigins?: readonly string[];
  /** Largest body that is not an upload (and largest `operations`/`map` field of one), bytes; default 8 MiB. */
  maxBodyBytes?: number;
  /** Bytes of parsed documents kept (Yoga's parse cache, compiled queries); default 32 MiB. */
  documentCacheBytes?: number;
  /** The documents the project ships (server/trusted-documents.ts); default the committed manifests. */
  trustedDocuments?: TrustedDocuments;
  /** Accept raw documents too; default true (main.ts: not in production unless ALLOW_ARBITRARY_OPERATIONS). */
  allowArbitraryOperations?: boolean;
  /** Document limits (server/limits.ts); default DEFAULT_LIMITS. */
  documentLimits?: Partial<DocumentLimits>;
  /** Cost units of cold work one request may cause (registry coldCostOf); default 500. */
  coldCostBudget?: number;
  /** Cold computations one viewer may have running at once per process; default 4. */
  maxColdPerViewer?: number;
  /** Per-viewer quotas: events stored (default 5 000 000), Takeout imports per hour (default 30). */
  quotas?: { maxEventsPerViewer?: number; importsPerHour?: number };
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

/** Longest one Redis-touching step of `close()` may take (unsubscribe, a last usage flush). */
const CLOSE_STEP_MS = 1000;

/** Longest a readiness probe waits for the store. */
const STORE_PROBE_MS = 1000;

/** An LRU bounded by the bytes `size` estimates for each entry (at least one entry fits). */
function boundedCache<T extends {}>(
  maxBytes: number,
  size: (key: string) => number,
): { get(k: string): T | undefined; set(k: string, v: T): void } {
  const max = Math.max(1024, Math.floor(maxBytes));
  const lru = new LRUCache<string, T>({ maxSize: max, sizeCalculation: (_v, key) => Math.min(max, Math.max(1, size(key))) });
  return { get: (k) => lru.get(k), set: (k, v) => void lru.set(k, v) };
}

/** Yoga's log arguments with errors as message and stack (pino would print `{}`). */
const loggable = (args: unknown[]) =>
  args.map((a) => (a instanceof Error ? { name: a.name, message: a.message, stack: a.stack } : a));

/**
 * A rejection found while executing (the cold-work budget, checked before anything is
 * computed) answers the whole request: its error alone, no partial data.
 */
const useWholeRequestRejection: Plugin<GatewayContext> = {
  onExecute() {
    return {
      onExecuteDone({ args, result, setResult }) {
        const rejection = (args.contextValue as GatewayContext).rejection;
        if (rejection && !isAsyncIterable(result)) setResult({ errors: [rejection] });
      },
    };
  },
};

/** Introspection off (production): `__schema` and `__type` fail validation; `__typename` stays. */
const noIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

export function makeGateway(options: GatewayOptions): Gateway {
  const logger = options.logger ?? pino({ level: 'silent' });
  const documentCacheBytes = options.documentCacheBytes ?? 32 * 1024 * 1024;
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
    maxColdPerViewer: options.maxColdPerViewer,
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
      coldCostBudget: options.coldCostBudget ?? 500,
      maxEventsPerViewer: options.quotas?.maxEventsPerViewer ?? 5_000_000,
      importsPerHour: options.quotas?.importsPerHour ?? 30,
    },
    production: options.production ?? false,
    quotas: createViewerQuotas({
      importsPerHour: options.quotas?.importsPerHour ?? 30,
      now,
      redis: redis && breaker ? { redis, breaker } : undefined,
    }),
  };
  // Who is asking: the verified token's subject with auth, else the test hook, else `local`.
  const auth = options.auth ?? null;
  const principal = (request: Request) => {
    const p = principalOf(request);
    if (!p) throw new Error('[server/gateway] a request reached GraphQL without passing authentication');
    return p;
  };
  const resolveViewerId = auth ? (request: Request) => principal(request).viewerId : options.resolveViewerId;
  const trusted = options.trustedDocuments ?? loadTrustedDocuments();
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  // The shipped documents' texts, and the GraphiQL dashboard as it is typed (compiled at once).
  const trustedTexts = new Set([...trusted.ids().map((id) => trusted.get(id) as string), DASHBOARD_QUERY]);
  const responseCache = createResponseCache({
    viewers,
    usage,
    resolveViewerId: resolveViewerId ?? (() => LOCAL_VIEWER_ID),
    logger,
    now,
    maxBytes: options.responseCacheBytes,
    redis: redis && breaker ? { redis, breaker } : undefined,
  });
  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    context: createContextFactory({
      services,
      resolveViewerId,
      resolveTokenExpiry: auth ? (request) => principal(request).expiresAt : options.resolveTokenExpiry,
      resolveAdmin: auth ? (request) => principal(request).isAdmin : undefined,
    }),
    graphqlEndpoint: '/graphql',
    graphiql: (options.graphiql ?? true) ? { title: 'watchgraph', defaultQuery: DASHBOARD_QUERY } : false,
    // GraphiQL from our own node_modules (scripts, styles and editor workers inlined), never a
    // CDN, so it works offline. 9 MB of JavaScript: loaded on the first visit, not at start-up.
    renderGraphiQL: renderOfflineGraphiQL,
    // CORS only for listed origins; CSRF and auth in the front door, before anything is parsed.
    cors: corsFor(options.corsOrigins ?? []),
    // Parsed documents bounded by bytes, not only by count (1 024 large distinct documents
    // filled gigabytes); validation results hang off the documents (WeakMaps), so they follow.
    parserAndValidationCache: {
      documentCache: boundedCache<DocumentNode>(documentCacheBytes / 2, (key) => key.length * 40),
      errorCache: boundedCache<object>(documentCacheBytes / 8, (key) => key.length * 2 + 512),
    },
    // Body sizes are the front door's (per kind: uploads vs everything else), not one limit for all.
    maxRequestBodySize: false,
    maskedErrors: {
      // Internal errors: message and stack in the log with the request id, "Unexpected error." to the client.
      maskError: (error, message, isDev) => {
        const original = (error as { originalError?: unknown }).originalError ?? error;
        if (!(original instanceof GraphQLError)) {
          const err = original instanceof Error ? original : new Error(String(original));
          logger.error(
            {
              event: 'graphql.internal_error',
              requestId: requestContext.getStore()?.requestId,
              path: (error as GraphQLError).path?.join('.'),
              err: { message: err.message, stack: err.stack, name: err.name },
            },
            err.message,
          );
        }
        return maskError(error, message, isDev);
      },
    },
    plugins: [
      ...documentLimitPlugins({ limits: options.documentLimits, production: options.production ?? false }),
      useFrontDoor({
        auth,
        production: options.production ?? false,
        maxBodyBytes,
        maxUploadBytes: services.limits.maxUploadBytes + maxBodyBytes,
      }),
      // Before the response cache, so that it keys on the trusted text of a documentId.
      trustedDocumentsPlugin({ documents: trusted, allowArbitraryOperations: options.allowArbitraryOperations ?? true }),
      httpCachingPlugin({
        documents: trusted,
        schemaHash: schemaHash(schema),
        keyOf: async (request, p) => {
          const viewerId = await (resolveViewerId ?? (() => LOCAL_VIEWER_ID))(request);
          const viewer = await viewers.get(viewerId);
          return responseKey({
            viewerId,
            dataVersion: viewer.dataVersion,
            timeZone: viewer.timeZone,
            document: p.document,
            operationName: p.operationName,
            variables: p.variables,
            localDay: localDayOf(viewer.timeZone, now()),
          });
        },
      }),
      useWholeRequestRejection,
      useStreamedUploads({ maxFileBytes: services.limits.maxUploadBytes, maxFieldBytes: maxBodyBytes }),
      ...((options.introspection ?? true) ? [] : [noIntrospection]),
      responseCache.plugin,
      useCompiledExecution({ maxBytes: documentCacheBytes / 2, isTrusted: (source) => trustedTexts.has(source) }),
      useInputErrors(),
    ],
    logging: {
      debug: (...args) => logger.debug({ event: 'yoga', args: loggable(args) }),
      info: (...args) => logger.info({ event: 'yoga', args: loggable(args) }),
      warn: (...args) => logger.warn({ event: 'yoga', args: loggable(args), requestId: requestContext.getStore()?.requestId }),
      error: (...args) => logger.error({ event: 'yoga', args: loggable(args), requestId: requestContext.getStore()?.requestId }),
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
      const probe = store.getViewer('').then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      );
      const store_ = (await valueWithin(probe, STORE_PROBE_MS)) ?? 'unreachable';
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
      // Every step that may talk to Redis is bounded: a hung Redis must not hold a shutdown.
      await settleWithin(live.close(), CLOSE_STEP_MS);
      await queue.close();
      await settleWithin(aggregations.settle(), CLOSE_STEP_MS * 4);
      await settleWithin(
        usage.flush().catch((err: Error) => logger.warn({ event: 'usage.flush_failed', err: err.message })),
        CLOSE_STEP_MS,
      );
      await settleWithin(viewers.close(), CLOSE_STEP_MS);
      await services.imports.close();
      if (!options.engine) await engine.close();
      metrics.close();
      redis?.disconnect();
      subscriber?.disconnect();
    },
  };
}
