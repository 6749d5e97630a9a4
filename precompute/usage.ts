/**
 * Usage tracking: a decayed request counter per (viewer, aggregation, filter + params).
 * Requests add to an in-memory buffer (nothing on the request path touches the store);
 * `flush` folds the buffer into the store's durable counters.
 */

import type { CanonicalFilter } from '../domain/filter.js';
import type { Store, UsageRow } from '../store/types.js';

export const DEFAULT_HALF_LIFE_MS = 7 * 86_400_000;

/** What the planner needs to recompute a combo, kept in `UsageRow.params` as JSON. */
export interface ComboSpec {
  aggregation: string;
  filter: CanonicalFilter;
  params: Record<string, unknown>;
}

/** One buffered increment, as flushed to the store and to a mirror. */
export interface UsageIncrement {
  viewerId: string;
  spec: ComboSpec;
  comboKey: string;
  count: number;
  /** Time of the last buffered request, epoch ms. */
  at: number;
  computeMillis: number;
  bytes: number;
}

/** A shared copy of the counters (Redis sorted sets); the store keeps the durable snapshot. */
export interface UsageMirror {
  push(entries: readonly UsageIncrement[], halfLifeMs: number): Promise<void>;
  rows(
    viewerId: string,
    at: number,
    halfLifeMs: number,
  ): Promise<{ comboKey: string; spec: ComboSpec; score: number; computeMillis: number; bytes: number }[]>;
}

export interface UsageTracker {
  record(viewerId: string, spec: ComboSpec, comboKey: string, computeMillis: number, bytes: number): void;
  /** Writes buffered counts to the store (decayed at their request time). */
  flush(): Promise<void>;
  /** The viewer's rows (after a flush), scores decayed to `now`. */
  rows(viewerId: string, now: number): Promise<(UsageRow & { spec: ComboSpec })[]>;
  readonly halfLifeMs: number;
}

export interface UsageTrackerOptions {
  store: Store;
  /** Half-life of the decayed counter; default 7 days. */
  halfLifeMs?: number;
  now?: () => number;
  /** Shared counters across processes (Redis); read first by `rows`, the store is the fallback. */
  mirror?: UsageMirror;
  onMirrorError?: (err: Error) => void;
  /** The shared counters of a viewer were missing and were rebuilt from the store's snapshot. */
  onMirrorRebuilt?: (viewerId: string, rows: number) => void;
}

export function createUsageTracker(options: UsageTrackerOptions): UsageTracker {
  const { store } = options;
  const halfLifeMs = options.halfLifeMs ?? DEFAULT_HALF_LIFE_MS;
  if (!(halfLifeMs > 0)) throw new Error(`[precompute/usage] expected halfLifeMs > 0, got ${halfLifeMs}`);
  const now = options.now ?? Date.now;
  const { mirror } = options;
  let pending = new Map<string, UsageIncrement>();

  const flush = async () => {
    const batch = pending;
    pending = new Map();
    if (mirror && batch.size > 0) {
      await mirror.push([...batch.values()], halfLifeMs).catch((err: Error) => options.onMirrorError?.(err));
    }
    for (const p of batch.values()) {
      await store.recordUsage(
        {
          viewerId: p.viewerId,
          aggregation: p.spec.aggregation,
          filterKey: p.comboKey,
          params: JSON.stringify(p.spec),
          computeMillis: p.computeMillis,
          bytes: p.bytes,
        },
        p.at,
        halfLifeMs,
        p.count,
      );
    }
  };

  return {
    halfLifeMs,
    record(viewerId, spec, comboKey, computeMillis, bytes) {
      const id = `${viewerId}\u0000${spec.aggregation}\u0000${comboKey}`;
      const p = pending.get(id);
      const at = now();
      if (p) {
        p.count++;
        p.at = at;
        p.computeMillis = computeMillis;
        p.bytes = bytes;
      } else {
        pending.set(id, { viewerId, spec, comboKey, count: 1, at, computeMillis, bytes });
      }
    },
    flush,
    async rows(viewerId, at) {
      await flush();
      // Hottest first, like the shared counters (the store keeps no order).
      const snapshot = async () =>
        (await store.usage(viewerId))
          .map((r) => ({
            ...r,
            score: r.score * 2 ** (-Math.max(0, at - r.updatedAt) / halfLifeMs),
            spec: JSON.parse(r.params) as ComboSpec,
          }))
          .sort((a, b) => b.score - a.score || (a.filterKey < b.filterKey ? -1 : 1));
      if (mirror) {
        try {
          const shared = await mirror.rows(viewerId, at, halfLifeMs);
          if (shared.length === 0) {
            // Nothing in Redis but counters in the store: lost (eviction, a flushed or new Redis).
            // Rebuild the shared copy from the durable snapshot rather than plan from nothing.
            const durable = await snapshot();
            if (durable.length > 0) {
              options.onMirrorRebuilt?.(viewerId, durable.length);
              await mirror
                .push(
                  durable.map((r) => ({
                    viewerId,
                    spec: r.spec,
                    comboKey: r.filterKey,
                    count: r.score,
                    at,
                    computeMillis: r.computeMillis,
                    bytes: r.bytes,
                  })),
                  halfLifeMs,
                )
                .catch((err: Error) => options.onMirrorError?.(err));
              return durable;
            }
          }
          return shared.map((r) => ({
            viewerId,
            aggregation: r.spec.aggregation,
            filterKey: r.comboKey,
            params: JSON.stringify(r.spec),
            score: r.score,
            updatedAt: at,
            computeMillis: r.computeMillis,
            bytes: r.bytes,
            spec: r.spec,
          }));
        } catch (err) {
          options.onMirrorError?.(err as Error); // fall back to the durable snapshot
        }
      }
      return snapshot();
    },
  };
}
