/**
 * The precompute worker process (`npm run worker`): BullMQ jobs against the same store and
 * shared tiers as the gateways, no HTTP. The engine runs in engine threads, so this process's
 * event loop stays free for BullMQ's lock renewals and for signals: SIGTERM is handled at once
 * (the running job is allowed to finish within the grace), a second signal exits at once.
 */
import type { Logger } from 'pino';
import { createBullmqQueue } from '../precompute/bullmq.js';
import type { EngineHost } from '../precompute/engine-host.js';
import { monitorLoopDelay } from '../runtime/loop-delay.js';
import type { Store } from '../store/types.js';
import type { Config } from './config.js';
import { type Gateway, makeGateway } from './gateway.js';

export interface WorkerProcessOptions {
  config: Config;
  logger: Logger;
  store: Store;
  /** Overrides the engine host (tests). */
  engine?: EngineHost;
  /** How often the event-loop delay is logged (`worker.loop_delay`, info: a worker serves no /metrics), ms; default 10 000 (0 = never). */
  loopDelayLogMs?: number;
  /** Called to end the process; default process.exit. */
  exit?: (code: number) => void;
  /** BullMQ key prefix; default the gateways' (tests isolate themselves with their own). */
  queuePrefix?: string;
}

export interface WorkerProcess {
  gateway: Gateway;
  /** Graceful stop on a signal; a second call exits at once. */
  stop(signal: string): Promise<void>;
}

export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  const { config, logger, store } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const redisUrl = config.redisUrl as string;
  const gateway = makeGateway({
    store,
    logger,
    // Same Redis tier, locks and invalidation as the gateways; no memory tier: a worker serves
    // no reads, its entries go to the shared tiers the gateways read.
    redis: { url: redisUrl },
    memoryTier: false,
    usageHalfLifeMs: config.usageHalfLifeMs,
    hotBudgetMs: config.hotBudgetMs,
    usageFlushMs: 0,
    engine: options.engine,
    engineThreads: config.engineThreads ?? undefined,
    engineMemoryBytes: config.engineMemoryBytes,
    createQueue: (handler) => createBullmqQueue({ connection: redisUrl, handler, logger, prefix: options.queuePrefix }),
  });
  gateway.markReady();
  const loop = monitorLoopDelay();
  const every = options.loopDelayLogMs ?? config.workerLoopDelayLogMs;
  const loopTimer =
    every > 0
      ? setInterval(() => logger.info({ event: 'worker.loop_delay', ...loop.take() }, 'event-loop delay (ms)'), every)
      : null;
  loopTimer?.unref();
  logger.info({ event: 'worker.ready', pid: process.pid }, 'precompute worker is taking jobs');

  let stopping = false;
  return {
    gateway,
    async stop(signal) {
      if (stopping) {
        // A second signal: the operator does not want to wait; BullMQ re-runs the job elsewhere.
        logger.warn({ event: 'worker.forced', signal }, 'exiting without finishing the running job');
        exit(1);
        return;
      }
      stopping = true;
      // The loop's worst delay since the last log line: how long this signal could have waited.
      logger.info(
        { event: 'worker.stopping', signal, graceMs: config.shutdownGraceMs, loopDelayMaxMs: loop.take().max },
        'finishing the running job, then exiting',
      );
      const grace = setTimeout(() => {
        logger.warn(
          { event: 'worker.shutdown_timeout', graceMs: config.shutdownGraceMs },
          'grace over: exiting; the job will be retried',
        );
        exit(1);
      }, config.shutdownGraceMs);
      grace.unref();
      try {
        await gateway.close(); // the BullMQ worker finishes its running job, then Redis disconnects
        await store.close();
        if (loopTimer) clearInterval(loopTimer);
        loop.close();
        clearTimeout(grace);
        logger.info({ event: 'worker.stopped' }, 'worker stopped');
        exit(0);
      } catch (err) {
        logger.error({ event: 'worker.stop_failed', err: (err as Error).message }, 'unclean shutdown');
        exit(1);
      }
    },
  };
}
