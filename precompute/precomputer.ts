/**
 * The background precompute module: after an ingest commits (or on start-up), one job per
 * viewer and data version computes the base set, then the hottest combos within a time
 * budget. The computing runs in the engine host (threads), in background batches that a
 * waiting request overtakes; this module only plans and awaits.
 */
import type { Logger } from 'pino';
import type { Store, Viewer } from '../store/types.js';
import { BASE_SET_SHAPE, baseSet, rankHotCombos } from './planner.js';
import type { JobQueue, PrecomputeJob } from './queue.js';
import type { AggregationService } from './service.js';
import type { UsageTracker } from './usage.js';

export interface PrecomputeReport {
  viewerId: string;
  dataVersion: number;
  baseComputed: number;
  baseFresh: number;
  hotComputed: number;
  hotSkippedForBudget: number;
  /** Entries the engine could not compute (logged; retried by the next job or request). */
  failed: number;
  /** When the whole base set was fresh, ms after the job started (then come the hot combos). */
  baseMillis: number;
  /** Of the entries brought to this version while the job ran: computed by the engine, and carried (proved unchanged). */
  recomputed: number;
  carried: number;
  millis: number;
}

export interface Precomputer {
  /** Queues a job for the viewer's current data version; false when one is already queued. */
  schedule(viewerId: string): Promise<boolean>;
  /** Queues the refresh of a viewer for a new local day (after midnight). */
  scheduleRefresh(viewerId: string, day: number): Promise<boolean>;
  /** Jobs waiting or running in the queue. */
  queueDepth(): Promise<number>;
  /** Runs a job now (the queue calls this; tests may too). */
  run(viewerId: string): Promise<PrecomputeReport>;
  readonly lastReports: readonly PrecomputeReport[];
}

export interface PrecomputerOptions {
  store: Store;
  service: AggregationService;
  usage: UsageTracker;
  /** Where `schedule` sends jobs (its handler calls this precomputer's `run`; see makeGateway). */
  queue: JobQueue;
  logger: Logger;
  /** Time budget for hot combos after the base set; default 2000 ms. */
  hotBudgetMs?: number;
  /** Called with every finished job's report (metrics). */
  onJob?: (report: PrecomputeReport) => void;
  /** Most hot combos per job; default 200. */
  maxHotCombos?: number;
  now?: () => number;
}

/** The job of a viewer's current state: version, zone and base-set shape make its identity. */
const jobFor = (viewerId: string, viewer: Viewer | null): PrecomputeJob => ({
  viewerId,
  dataVersion: viewer?.dataVersion ?? 0,
  timeZone: viewer?.timeZone ?? 'UTC',
  shape: BASE_SET_SHAPE,
});

/** Hot combos per warmMany call (one engine batch). */
const HOT_SLICE = 24;

export function createPrecomputer(options: PrecomputerOptions): Precomputer {
  const { store, service, usage, queue, logger } = options;
  const hotBudgetMs = options.hotBudgetMs ?? 2000;
  const maxHot = options.maxHotCombos ?? 200;
  const now = options.now ?? Date.now;
  const reports: PrecomputeReport[] = [];

  const run = async (viewerId: string): Promise<PrecomputeReport> => {
    const t0 = Date.now();
    const viewer = (await store.getViewer(viewerId)) ?? (await store.ensureViewer(viewerId));
    const report: PrecomputeReport = {
      viewerId,
      dataVersion: viewer.dataVersion,
      baseComputed: 0,
      baseFresh: 0,
      hotComputed: 0,
      hotSkippedForBudget: 0,
      failed: 0,
      baseMillis: 0,
      recomputed: 0,
      carried: 0,
      millis: 0,
    };
    const before = { computations: service.counters.computations, carried: service.counters.carried };
    const base = await service.warmMany(viewer, baseSet(viewer));
    report.baseComputed = base.computed;
    report.baseFresh = base.fresh;
    report.failed = base.failed;
    report.baseMillis = Date.now() - t0;
    const hot = rankHotCombos(viewer, await usage.rows(viewerId, now())).slice(0, maxHot);
    const hotStart = Date.now();
    // In slices, best first, so the budget is checked between engine batches.
    for (let i = 0; i < hot.length; i += HOT_SLICE) {
      if (Date.now() - hotStart > hotBudgetMs) {
        report.hotSkippedForBudget = hot.length - i;
        break;
      }
      const r = await service.warmMany(
        viewer,
        hot.slice(i, i + HOT_SLICE).map((c) => c.request),
      );
      report.hotComputed += r.computed;
      report.failed += r.failed;
    }
    report.recomputed = service.counters.computations - before.computations;
    report.carried = service.counters.carried - before.carried;
    report.millis = Date.now() - t0;
    reports.push(report);
    if (reports.length > 20) reports.shift();
    logger.info({ event: 'precompute.job', ...report }, 'precompute job finished');
    options.onJob?.(report);
    return report;
  };

  return {
    lastReports: reports,
    run,
    queueDepth: () => queue.depth(),
    async scheduleRefresh(viewerId, day) {
      const viewer = await store.getViewer(viewerId);
      return queue.enqueue({ ...jobFor(viewerId, viewer), refreshDay: day });
    },
    async schedule(viewerId) {
      const viewer = await store.getViewer(viewerId);
      return queue.enqueue(jobFor(viewerId, viewer));
    },
  };
}
