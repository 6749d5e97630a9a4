/**
 * The embedded precompute queue: jobs run one at a time in this process, deduplicated by
 * id while queued or running. (With Redis the same jobs go to BullMQ; see issue 5.)
 */
import type { Logger } from 'pino';

export interface Job {
  /** Deduplication id, e.g. `viewer:dataVersion`. */
  id: string;
  run: () => Promise<void>;
}

export interface JobQueue {
  /** False when a job with this id is already queued or running. */
  enqueue(job: Job): boolean;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /** Stops taking jobs, lets the running one finish, drops the rest. */
  close(): Promise<void>;
  readonly depth: number;
}

export function createInProcessQueue(logger: Logger): JobQueue {
  const queue: Job[] = [];
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
        await job.run();
        logger.info({ event: 'precompute.done', job: job.id, ms: Date.now() - t0 }, 'precompute job done');
      } catch (err) {
        logger.error({ event: 'precompute.failed', job: job.id, err: (err as Error).message }, 'precompute job failed');
      } finally {
        ids.delete(job.id);
        running = null;
        setImmediate(pump);
      }
    })();
  };

  return {
    get depth() {
      return queue.length + (running ? 1 : 0);
    },
    enqueue(job) {
      if (closed || ids.has(job.id)) return false;
      ids.add(job.id);
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
