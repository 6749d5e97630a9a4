/**
 * Usage tracking: a decayed request counter per (viewer, aggregation, filter + params).
 * Requests add to an in-memory buffer (nothing on the request path touches the store);
 * `flush` folds the buffer into the store's durable counters.
 */
import type { Store, UsageRow } from '../store/types.js';
import type { CanonicalFilter } from './filter.js';

export const DEFAULT_HALF_LIFE_MS = 7 * 86_400_000;

/** What the planner needs to recompute a combo, kept in `UsageRow.params` as JSON. */
export interface ComboSpec {
  aggregation: string;
  filter: CanonicalFilter;
  params: Record<string, unknown>;
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
}

export function createUsageTracker(options: UsageTrackerOptions): UsageTracker {
  const { store } = options;
  const halfLifeMs = options.halfLifeMs ?? DEFAULT_HALF_LIFE_MS;
  if (!(halfLifeMs > 0)) throw new Error(`[precompute/usage] expected halfLifeMs > 0, got ${halfLifeMs}`);
  const now = options.now ?? Date.now;
  interface Pending {
    viewerId: string;
    spec: ComboSpec;
    comboKey: string;
    count: number;
    at: number;
    computeMillis: number;
    bytes: number;
  }
  let pending = new Map<string, Pending>();

  const flush = async () => {
    const batch = pending;
    pending = new Map();
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
      return (await store.usage(viewerId)).map((r) => ({
        ...r,
        score: r.score * 2 ** (-Math.max(0, at - r.updatedAt) / halfLifeMs),
        spec: JSON.parse(r.params) as ComboSpec,
      }));
    },
  };
}
