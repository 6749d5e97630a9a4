/**
 * Event-loop delay of this thread (perf_hooks.monitorEventLoopDelay): how long a timer or a
 * request waited for the loop. Read by /metrics and logged by workers, so "serving never waits
 * on computing" is measured, not assumed.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelaySnapshot {
  /** Milliseconds. */
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** Samples behind the figures. */
  count: number;
}

export interface LoopDelayMonitor {
  /** Figures since the previous `take` (or the start), then starts a new window. */
  take(): LoopDelaySnapshot;
  close(): void;
}

/** Starts sampling at `resolutionMs` (default 10 ms, the finest useful on a loaded machine). */
export function monitorLoopDelay(resolutionMs = 10): LoopDelayMonitor {
  const h: IntervalHistogram = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
  return {
    take() {
      const snap = { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean), count: h.count };
      h.reset();
      return snap;
    },
    close() {
      h.disable();
    },
  };
}
