/**
 * Entries that depend on "today" (relative timeframes, kpis periods, recent-topic windows)
 * expire at the viewer's local midnight. This scheduler arms one timer per active viewer for
 * the next local midnight of the viewer's zone and then queues a refresh job, so the
 * dashboard is recomputed for the new day without waiting for a request. Until that job has
 * run, requests get the old entries marked stale while one background refresh runs.
 */
import type { Logger } from 'pino';
import { localDayOf, startOfLocalDay } from '../domain/calendar.js';
import type { Viewer } from '../store/types.js';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface MidnightScheduler {
  /** Arms the viewer's timer if it is not armed (cheap: call it on every request or job). */
  watch(viewer: Viewer): void;
  close(): void;
  /** Armed viewers and when their timer fires (tests, admin). */
  readonly armed: ReadonlyMap<string, { timeZone: string; firesAt: number }>;
}

export interface MidnightSchedulerOptions {
  /** Queues the refresh; `day` is the new local day number. */
  refresh: (viewerId: string, day: number) => Promise<unknown>;
  /** Reads the viewer again when the timer fires (its zone may have changed). */
  getViewer: (viewerId: string) => Promise<Viewer>;
  logger: Logger;
  /** Delay after midnight before refreshing; default 1000 ms. */
  afterMidnightMs?: number;
  now?: () => number;
  timers?: Timers;
}

export function createMidnightScheduler(options: MidnightSchedulerOptions): MidnightScheduler {
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  const after = options.afterMidnightMs ?? 1000;
  const armed = new Map<string, { timeZone: string; firesAt: number; handle: unknown }>();
  let closed = false;

  const arm = (viewer: Viewer) => {
    if (closed) return;
    const t = now();
    const nextDay = localDayOf(viewer.timeZone, t) + 1;
    const firesAt = startOfLocalDay(viewer.timeZone, nextDay) + after;
    const handle = timers.set(() => {
      armed.delete(viewer.id);
      options
        .getViewer(viewer.id)
        .then(async (current) => {
          await options.refresh(current.id, localDayOf(current.timeZone, now()));
          arm(current);
        })
        .catch((err: Error) =>
          options.logger.warn({ event: 'precompute.midnight_failed', viewerId: viewer.id, err: err.message }),
        );
    }, firesAt - t);
    armed.set(viewer.id, { timeZone: viewer.timeZone, firesAt, handle });
  };

  return {
    armed,
    watch(viewer) {
      const current = armed.get(viewer.id);
      if (current && current.timeZone === viewer.timeZone) return;
      if (current) timers.clear(current.handle);
      arm(viewer);
    },
    close() {
      closed = true;
      for (const a of armed.values()) timers.clear(a.handle);
      armed.clear();
    },
  };
}
