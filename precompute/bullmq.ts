/**
 * The distributed job queue: precompute jobs on BullMQ, in the same Redis as the shared cache.
 * Gateways enqueue (with or without a worker inside); `npm run worker` processes run them.
 * One job per (viewer, data version): the BullMQ job id is derived from `jobIdOf(job)`, so a
 * duplicate enqueue from any process is ignored by Redis itself. A failed job is retried with
 * exponential backoff; a job whose worker died (its lock expired) is moved back to waiting by
 * another worker's stalled check and run again — handlers must be idempotent (warming is).
 */
import { randomUUID } from 'node:crypto';
import { type Job, Queue, type RedisOptions, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { within } from '../runtime/deadline.js';
import { createInProcessQueue, type JobHandler, type JobQueue, jobIdOf, type PrecomputeJob } from './queue.js';

export interface BullmqQueueOptions {
  /** A `redis://` URL or ioredis options; this module opens its own connections (never the cache's client). */
  connection: RedisOptions | string;
  /** Prefix of every BullMQ key; default `{wg:bull}` (a hash tag: one Cluster slot per queue). */
  prefix?: string;
  /** Default `precompute`. */
  queueName?: string;
  /** Runs jobs in this process when given (a BullMQ Worker); without it the queue only enqueues. */
  handler?: JobHandler;
  /** Jobs this process runs at once; default 1 (a job already yields between entries). */
  concurrency?: number;
  logger: Logger;
  /** Tries per job, first included; default 5. */
  attempts?: number;
  /** Delay before the first retry, doubled for each next one; default 1000 ms. */
  backoffDelayMs?: number;
  /** Worker lock; a job whose worker stops renewing it for this long is stalled; default 30000 ms. */
  lockDuration?: number;
  /**
   * How often this worker looks for stalled jobs; default 30000 ms. Give every worker of a queue
   * the same value: a check holds a queue-wide guard for its own interval, blocking the others'.
   */
  stalledInterval?: number;
  /** How often `idle()` polls the job counts; default 100 ms. */
  pollMs?: number;
  /**
   * Longest an enqueue waits for Redis; default 500 ms. Past it (or on an error) the job runs in
   * this process when it has a handler (PRECOMPUTE=inline), else it waits in an outbox that is
   * retried every second until Redis takes it (PRECOMPUTE=external) — the job id dedupes both.
   */
  enqueueTimeoutMs?: number;
  /** Longest `close()` waits for the running job and Redis; past it connections are dropped. Default 8 s. */
  closeTimeoutMs?: number;
}

/** The stored payload: the job plus a token that tells this enqueue's add from an earlier one. */
interface QueuedJob extends PrecomputeJob {
  token: string;
}

export type BullmqJobQueue = JobQueue & {
  /** The BullMQ queue (admin pages, tests: counts, obliterate). */
  readonly bullQueue: Queue<QueuedJob, void, 'precompute'>;
  /** Present when a handler was given. */
  readonly worker?: Worker<QueuedJob, void, 'precompute'>;
};

const JOB_NAME = 'precompute';
/** What `depth()` and `idle()` count: everything not yet finished. */
const PENDING = ['waiting', 'active', 'delayed', 'prioritized'] as const;

/**
 * The BullMQ job id of a job: `jobIdOf` URI-encoded, because BullMQ rejects custom ids with a
 * `:` (reserved for its repeatable jobs) and ids that parse as integers; one-to-one.
 */
export const bullJobIdOf = (job: PrecomputeJob): string => encodeURIComponent(jobIdOf(job));

/** `jobIdOf` back from a BullMQ id, for logs. */
const readableId = (id: string | undefined): string | undefined => {
  try {
    return id === undefined ? undefined : decodeURIComponent(id);
  } catch {
    return id;
  }
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The job a worker received, checked: data written by another version of the code is not trusted. */
function jobOf(data: unknown): PrecomputeJob {
  const d = data as Partial<PrecomputeJob> | null;
  if (
    !d ||
    typeof d.viewerId !== 'string' ||
    d.viewerId === '' ||
    !Number.isInteger(d.dataVersion) ||
    typeof d.timeZone !== 'string' ||
    typeof d.shape !== 'string'
  ) {
    throw new UnrecoverableError(
      `[precompute/bullmq] expected { viewerId, dataVersion, timeZone, shape }, got ${JSON.stringify(data)}`,
    );
  }
  return {
    viewerId: d.viewerId,
    dataVersion: d.dataVersion as number,
    timeZone: d.timeZone,
    shape: d.shape,
    ...(Number.isInteger(d.refreshDay) ? { refreshDay: d.refreshDay as number } : {}),
  };
}

/**
 * A JobQueue on BullMQ. `enqueue` is false for a job id already known to Redis (waiting,
 * running, or completed within the last hour) and on a Redis error (logged: the ingest has
 * committed, the entries compute on demand); a job that failed for good is retried instead.
 * `idle()` waits until nothing is waiting, active or delayed (for retry) in Redis — with no
 * worker anywhere it waits for one. `close()` lets the running job finish, then disconnects.
 */
export function createBullmqQueue(options: BullmqQueueOptions): BullmqJobQueue {
  const { logger, handler } = options;
  const queueName = options.queueName ?? 'precompute';
  const prefix = options.prefix ?? '{wg:bull}';
  const attempts = options.attempts ?? 5;
  const backoffDelayMs = options.backoffDelayMs ?? 1000;
  const pollMs = options.pollMs ?? 100;
  const enqueueTimeoutMs = options.enqueueTimeoutMs ?? 500;
  const closeTimeoutMs = options.closeTimeoutMs ?? 8000;
  // Where a job goes when Redis cannot take it: this process, or an outbox retried every second.
  const local = handler ? createInProcessQueue(handler, logger) : null;
  const outbox = new Map<string, PrecomputeJob>();
  let flushing = false;
  const outboxTimer = setInterval(() => {
    if (flushing || outbox.size === 0) return;
    flushing = true;
    void (async () => {
      for (const [id, job] of outbox) {
        try {
          await within(add(job, id), enqueueTimeoutMs, '[precompute/bullmq] an outbox enqueue');
          outbox.delete(id);
          logger.info({ event: 'precompute.enqueued_late', job: jobIdOf(job) }, 'deferred precompute job enqueued');
        } catch {
          break; // still away: next second
        }
      }
    })().finally(() => {
      flushing = false;
    });
  }, 1000);
  outboxTimer.unref();
  if (!(attempts >= 1)) throw new Error(`[precompute/bullmq] expected attempts >= 1, got ${attempts}`);
  if (!(pollMs > 0)) throw new Error(`[precompute/bullmq] expected pollMs > 0, got ${pollMs}`);
  const connection: RedisOptions =
    typeof options.connection === 'string' ? { url: options.connection } : { ...options.connection };

  // BullMQ makes its own clients from these options: blocking ones (the worker) get
  // maxRetriesPerRequest: null; the producer keeps a bound so an enqueue fails instead of hanging.
  const queue = new Queue<QueuedJob, void, 'precompute'>(queueName, {
    connection: { maxRetriesPerRequest: 2, ...connection },
    prefix,
  });
  queue.on('error', (err) => logger.error({ event: 'precompute.queue_error', err: err.message }, 'BullMQ queue error'));

  let worker: Worker<QueuedJob, void, 'precompute'> | undefined;
  if (handler) {
    worker = new Worker<QueuedJob, void, 'precompute'>(queueName, async (job) => handler(jobOf(job.data)), {
      connection: { ...connection, maxRetriesPerRequest: null },
      prefix,
      concurrency: options.concurrency ?? 1,
      ...(options.lockDuration !== undefined ? { lockDuration: options.lockDuration } : {}),
      ...(options.stalledInterval !== undefined ? { stalledInterval: options.stalledInterval } : {}),
    });
    worker.on('active', (job) =>
      logger.debug(
        { event: 'precompute.started', job: readableId(job.id), attempt: job.attemptsStarted },
        'precompute job started',
      ),
    );
    worker.on('completed', (job) =>
      logger.info(
        {
          event: 'precompute.done',
          job: readableId(job.id),
          attempts: job.attemptsMade,
          ms: (job.finishedOn ?? 0) - (job.processedOn ?? 0),
        },
        'precompute job done',
      ),
    );
    worker.on('failed', (job: Job<QueuedJob, void, 'precompute'> | undefined, err: Error) => {
      const willRetry = !!job && !(err instanceof UnrecoverableError) && job.attemptsMade < (job.opts.attempts ?? 1);
      const fields = { job: readableId(job?.id), attemptsMade: job?.attemptsMade, err: err.message };
      if (willRetry) logger.warn({ event: 'precompute.retry', ...fields }, 'precompute job failed; retrying with backoff');
      else logger.error({ event: 'precompute.failed', ...fields }, 'precompute job failed for good');
    });
    worker.on('stalled', (jobId) =>
      logger.warn({ event: 'precompute.stalled', job: readableId(jobId) }, 'a worker lost a precompute job; it runs again'),
    );
    worker.on('error', (err) => logger.error({ event: 'precompute.worker_error', err: err.message }, 'BullMQ worker error'));
  }

  let closing: Promise<void> | null = null;

  /** Jobs waiting or running: in Redis, in this process's fallback, and in the outbox. */
  // While Redis cannot answer, what it holds is unknown and cannot run anyway: count what this
  // process holds (its fallback queue and outbox), so `idle()` still settles.
  const depth = async (): Promise<number> => {
    let inRedis = 0;
    try {
      const counts = await within(queue.getJobCounts(...PENDING), enqueueTimeoutMs, '[precompute/bullmq] reading job counts');
      inRedis = PENDING.reduce((sum, state) => sum + (counts[state] ?? 0), 0);
    } catch (err) {
      logger.debug({ event: 'precompute.depth_unknown', err: (err as Error).message }, 'cannot read job counts');
    }
    return inRedis + (local ? await local.depth() : 0) + outbox.size;
  };

  /** True when this call's add created the job (the stored token is ours). */
  const add = async (job: PrecomputeJob, jobId: string): Promise<boolean> => {
    const token = randomUUID();
    await queue.add(
      JOB_NAME,
      { ...job, token },
      {
        jobId,
        attempts,
        backoff: { type: 'exponential', delay: backoffDelayMs },
        removeOnComplete: { age: 3600 },
        removeOnFail: { age: 86_400 },
      },
    );
    // BullMQ returns the id either way (it only emits `duplicated` on the events stream),
    // so ask Redis whose payload is stored. Gone already means ours ran and was removed.
    const stored = await queue.getJob(jobId);
    if (!stored || stored.data.token === token) return true;
    // A job that failed for good would block this id for a day; a new enqueue means try again.
    if (await stored.isFailed()) {
      try {
        await stored.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return true;
      } catch {
        return false; // another process retried it first
      }
    }
    return false;
  };

  return {
    bullQueue: queue,
    ...(worker ? { worker } : {}),
    depth,
    async enqueue(job) {
      if (closing) return false;
      const id = bullJobIdOf(job);
      try {
        const added = await within(add(job, id), enqueueTimeoutMs, '[precompute/bullmq] an enqueue');
        logger.debug({ event: added ? 'precompute.enqueued' : 'precompute.duplicate', job: jobIdOf(job) }, 'precompute enqueue');
        return added;
      } catch (err) {
        const why = (err as Error).message;
        if (local) {
          logger.warn(
            { event: 'precompute.inline_fallback', job: jobIdOf(job), err: why },
            'queue unreachable: running the job here',
          );
          return local.enqueue(job);
        }
        if (outbox.has(id)) return false;
        outbox.set(id, job);
        logger.warn(
          { event: 'precompute.enqueue_deferred', job: jobIdOf(job), err: why },
          'queue unreachable: enqueued when it returns',
        );
        return true;
      }
    },
    async idle() {
      while (!closing) {
        try {
          if ((await depth()) === 0) return;
        } catch (err) {
          if (closing) return;
          logger.warn({ event: 'precompute.idle_poll_failed', err: (err as Error).message }, 'cannot read job counts');
        }
        await sleep(pollMs);
      }
    },
    close() {
      closing ??= (async () => {
        clearInterval(outboxTimer);
        await local?.close();
        try {
          // Waits for the running job; bounded, since a Redis that is gone or hung never answers.
          await within(
            (async () => {
              await worker?.close();
              await queue.close();
            })(),
            closeTimeoutMs,
            '[precompute/bullmq] close',
          );
        } catch (err) {
          logger.warn({ event: 'precompute.close_forced', err: (err as Error).message }, 'dropping queue connections');
          void worker?.close(true).catch(() => {});
          void queue.disconnect().catch(() => {});
        }
      })();
      return closing;
    },
  };
}
