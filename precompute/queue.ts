/**
 * Precompute jobs: one per (viewer, data version), deduplicated while queued or running.
 * The embedded queue runs them in this process; with Redis, the same jobs go to BullMQ and
 * `npm run worker` processes run them (precompute/bullmq.ts).
 */
import type { Logger } from 'pino';

export interface PrecomputeJob {
  viewerId: string;
  dataVersion: number;
  /** The viewer's zone: the base set is computed in it, so a zone change is new work. */
  timeZone: string;
  /** What the base set is made of (planner BASE_SET_SHAPE: definitions, their versions, the combos). */
  shape: string;
  /** Set on the job that refreshes a viewer after local midnight: the new local day number. */
  refreshDay?: number;
}

/** Runs one job; throws to mark it failed (the distributed queue retries with backoff). */
export type JobHandler = (job: PrecomputeJob) => Promise<void>;

/**
 * Deduplication id: everything that changes the work — viewer, data version, time zone, the
 * base set's shape — and the local day, for midnight refreshes. The same change makes the same
 * id in every process, so in-process and BullMQ queues precompute exactly the same jobs.
 */
export const jobIdOf = (job: PrecomputeJob): string =>
  `${job.viewerId}:${job.dataVersion}:${job.timeZone}:${job.shape}${job.refreshDay === undefined ? '' : `:d${job.refreshDay}`}`;

export interface JobQueue {
  /** False when a job with this id is already queued or running. */
  enqueue(job: PrecomputeJob): Promise<boolean>;
  /** Resolves when nothing is queued or running (in-process; the distributed queue: nothing waiting or active). */
  idle(): Promise<void>;
  /** Stops taking jobs, lets the running one finish, drops the rest (in-process). */
  close(): Promise<void>;
  /** Jobs waiting or running. */
  depth(): Promise<number>;
}

export function createInProcessQueue(handler: JobHandler, logger: Logger): JobQueue {
  const queue: PrecomputeJob[] = [];
  const ids = new Set<string>();
  let running: Promise<void> | null = null;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const pump = () => {
    if (running || closed) return;
    const job = queue.shift();
    if (!job) {
      for (const w of idleWaiters) w();
      idleWaiters = [];
      return;
    }
    running = (async () => {
      const t0 = Date.now();
      try {
        await handler(job);
        logger.info({ event: 'precompute.done', job: jobIdOf(job), ms: Date.now() - t0 }, 'precompute job done');
      } catch (err) {
        logger.error({ event: 'precompute.failed', job: jobIdOf(job), err: (err as Error).message }, 'precompute job failed');
      } finally {
        ids.delete(jobIdOf(job));
        running = null;
        setImmediate(pump);
      }
    })();
  };

  return {
    async depth() {
      return queue.length + (running ? 1 : 0);
    },
    async enqueue(job) {
      const id = jobIdOf(job);
      if (closed || ids.has(id)) return false;
      ids.add(id);
      queue.push(job);
      setImmediate(pump);
      return true;
    },
    idle() {
      if (!running && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      queue.length = 0;
      await running;
      for (const w of idleWaiters) w();
      idleWaiters = [];
    },
  };
}
