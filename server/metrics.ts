/**
 * Prometheus metrics (prom-client), one registry per gateway so several gateways can live in
 * one process (tests). Exposed at `/metrics`.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState } from '../cache/breaker.js';
import type { PrecomputeReport } from '../precompute/precomputer.js';
import type { ResultSource, ServiceObserver } from '../precompute/service.js';
import { monitorLoopDelay } from '../runtime/loop-delay.js';
import type { SweepReport } from '../store/types.js';

export interface GatewayMetrics extends ServiceObserver {
  readonly registry: Registry;
  jobDone(report: PrecomputeReport): void;
  breakerState(name: string, state: BreakerState): void;
  /** Sets the callback the queue-depth gauge reads at scrape time. */
  queueDepth(read: () => Promise<number>): void;
  /** Sizes of the store tier after a sweep. */
  storeEntries(report: SweepReport): void;
  /** Stops the event-loop sampler. */
  close(): void;
}

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export function createMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'watchgraph_' });
  const loop = monitorLoopDelay();
  const shadow = new Counter({
    name: 'watchgraph_shadow_checks_total',
    help: 'Incrementally produced entries recomputed from scratch and compared, by result (agree; mismatch: logged as shadow.mismatch and replaced).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const storeBytes = new Gauge({
    name: 'watchgraph_store_bytes',
    help: 'Store tier after the last sweep: bytes of cached entries (what="entries") and of the database file (what="file").',
    labelNames: ['what'] as const,
    registers: [registry],
  });
  const storeCount = new Gauge({
    name: 'watchgraph_store_entries',
    help: 'Cached entries in the store tier after the last sweep.',
    registers: [registry],
  });
  const swept = new Counter({
    name: 'watchgraph_store_entries_swept_total',
    help: 'Cached entries deleted from the store tier, by reason (expired past retention; over a viewer budget).',
    labelNames: ['why'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'watchgraph_event_loop_delay_seconds',
    help: 'Event-loop delay of the serving thread since the previous scrape (perf_hooks.monitorEventLoopDelay, 10 ms resolution), by statistic.',
    labelNames: ['stat'] as const,
    registers: [registry],
    collect() {
      const s = loop.take();
      for (const stat of ['p50', 'p99', 'max', 'mean'] as const) this.set({ stat }, s[stat] / 1000);
    },
  });
  const served = new Counter({
    name: 'watchgraph_aggregation_requests_total',
    help: 'Aggregation results served, by aggregation and source (MEMORY, REDIS, STORE = cache hit in that tier; COMPUTED = miss).',
    labelNames: ['aggregation', 'source'] as const,
    registers: [registry],
  });
  const stale = new Counter({
    name: 'watchgraph_stale_served_total',
    help: 'Results served stale (from an older data version or past their expiry) while a refresh ran.',
    labelNames: ['aggregation'] as const,
    registers: [registry],
  });
  const compute = new Histogram({
    name: 'watchgraph_compute_seconds',
    help: 'Engine time per computed aggregation.',
    labelNames: ['aggregation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const entryBytes = new Histogram({
    name: 'watchgraph_entry_bytes',
    help: 'Encoded size of computed entries.',
    labelNames: ['aggregation'] as const,
    buckets: [256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304],
    registers: [registry],
  });
  const jobs = new Histogram({
    name: 'watchgraph_precompute_job_seconds',
    help: 'Duration of precompute jobs (base set + hot combos).',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const jobEntries = new Counter({
    name: 'watchgraph_precompute_entries_total',
    help: 'Entries computed by precompute jobs, by kind (base, hot).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const breaker = new Gauge({
    name: 'watchgraph_breaker_state',
    help: 'Circuit breaker state: 0 closed, 1 half-open, 2 open.',
    labelNames: ['name'] as const,
    registers: [registry],
  });
  let readDepth: () => Promise<number> = async () => 0;
  new Gauge({
    name: 'watchgraph_precompute_queue_depth',
    help: 'Precompute jobs waiting or running.',
    registers: [registry],
    async collect() {
      this.set(await readDepth().catch(() => Number.NaN));
    },
  });
  return {
    registry,
    served(aggregation: string, source: ResultSource, isStale: boolean) {
      served.inc({ aggregation, source });
      if (isStale) stale.inc({ aggregation });
    },
    shadow(_aggregation, agreed) {
      shadow.inc({ result: agreed ? 'agree' : 'mismatch' });
    },
    computed(aggregation, millis, bytes) {
      compute.observe({ aggregation }, millis / 1000);
      entryBytes.observe({ aggregation }, bytes);
    },
    jobDone(report) {
      jobs.observe(report.millis / 1000);
      jobEntries.inc({ kind: 'base' }, report.baseComputed);
      jobEntries.inc({ kind: 'hot' }, report.hotComputed);
    },
    breakerState(name, state) {
      breaker.set({ name }, BREAKER_VALUE[state]);
    },
    queueDepth(read) {
      readDepth = read;
    },
    storeEntries(report) {
      if (report.bytes >= 0) storeBytes.set({ what: 'entries' }, report.bytes);
      if (report.fileBytes !== undefined) storeBytes.set({ what: 'file' }, report.fileBytes);
      if (report.entries >= 0) storeCount.set(report.entries);
      swept.inc({ why: 'expired' }, report.expired);
      swept.inc({ why: 'budget' }, report.evicted);
    },
    close() {
      loop.close();
    },
  };
}
