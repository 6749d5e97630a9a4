/**
 * `makeGateway` builds the whole gateway from its parts (store, tiers, clock, logger) and
 * returns a Yoga instance plus the services. `main.ts` only reads configuration and calls it;
 * tests call it with other parts and use `yoga.fetch` without opening a port.
 */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import pino, { type Logger } from 'pino';
import { createLayeredCache } from '../cache/layered.js';
import { createMemoryTier } from '../cache/memory.js';
import { createStoreTier } from '../cache/store-tier.js';
import type { Tier } from '../cache/tier.js';
import { createEngineProvider } from '../precompute/engines.js';
import type { Precomputer } from '../precompute/precomputer.js';
import { createPrecomputer } from '../precompute/precomputer.js';
import { createInProcessQueue, type JobHandler, type JobQueue } from '../precompute/queue.js';
import { createAggregationService } from '../precompute/service.js';
import { createUsageTracker } from '../precompute/usage.js';
import { createContextFactory, type GatewayContext, type Services } from '../resolvers/context.js';
import { schema } from '../schema/index.js';
import type { Store } from '../store/types.js';
import { useCompiledExecution } from './compiled.js';
import { DASHBOARD_QUERY } from './dashboard.js';

export interface GatewayOptions {
  store: Store;
  logger?: Logger;
  /** Cache tiers, fastest first; default memory → store. */
  tiers?: Tier[];
  /** Clock, epoch ms; default Date.now. */
  now?: () => number;
  /** Memory tier bound when `tiers` is not given; default 128 MiB. */
  memoryCacheBytes?: number;
  /** Half-life of usage counts; default 7 days. */
  usageHalfLifeMs?: number;
  /** Hot-combo time budget per precompute job; default 2000 ms. */
  hotBudgetMs?: number;
  /** How often buffered usage is written to the store; default 5000 ms (0 = only on close). */
  usageFlushMs?: number;
  maxIngestBatch?: number;
  maxUploadBytes?: number;
  /** Maps a request to a viewer id; default the single local viewer. */
  resolveViewerId?: (request: Request) => string | Promise<string>;
  /** Builds the job queue around the handler; default the in-process queue (BullMQ: precompute/bullmq.ts). */
  createQueue?: (handler: JobHandler) => JobQueue;
}

export interface Gateway {
  yoga: YogaServerInstance<Record<string, never>, GatewayContext>;
  services: Services;
  queue: JobQueue;
  /** False until `markReady` (start-up work such as demo loading is done). */
  readonly ready: boolean;
  markReady(): void;
  close(): Promise<void>;
}

export function makeGateway(options: GatewayOptions): Gateway {
  const { store } = options;
  const logger = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? Date.now;
  const tiers = options.tiers ?? [createMemoryTier({ maxBytes: options.memoryCacheBytes, now }), createStoreTier({ store, now })];
  const cache = createLayeredCache({ tiers, logger });
  const usage = createUsageTracker({ store, halfLifeMs: options.usageHalfLifeMs, now });
  const engines = createEngineProvider({ store });
  const aggregations = createAggregationService({ store, cache, engines, usage, logger, now });
  // The handler runs jobs with the precomputer, which is created right below.
  let precomputer: Precomputer | undefined;
  const handler: JobHandler = async (job) => {
    await precomputer?.run(job.viewerId);
  };
  const queue = options.createQueue ? options.createQueue(handler) : createInProcessQueue(handler, logger);
  precomputer = createPrecomputer({
    store,
    service: aggregations,
    usage,
    queue,
    logger,
    hotBudgetMs: options.hotBudgetMs,
    now,
  });
  const services: Services = {
    store,
    cache,
    aggregations,
    precomputer: precomputer as Precomputer,
    usage,
    logger,
    limits: {
      maxIngestBatch: options.maxIngestBatch ?? 10_000,
      maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024 * 1024,
    },
  };
  const yoga = createYoga<Record<string, never>, GatewayContext>({
    schema,
    context: createContextFactory({ services, resolveViewerId: options.resolveViewerId }),
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'watchgraph', defaultQuery: DASHBOARD_QUERY },
    maskedErrors: true,
    plugins: [useCompiledExecution()],
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
  let ready = false;
  return {
    yoga,
    services,
    queue,
    get ready() {
      return ready;
    },
    markReady() {
      ready = true;
    },
    async close() {
      if (flushTimer) clearInterval(flushTimer);
      await queue.close();
      await aggregations.settle();
      await usage.flush();
    },
  };
}
