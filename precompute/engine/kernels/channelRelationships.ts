import { topicsOfMask } from '../../../domain/events.js';
import type { KernelContext } from '../context.js';
import type { ChannelIdentity, ChannelRelationship } from '../results/channels.js';
import { type ComboState, stateOf } from '../state/combo.js';
import { RelationCounts } from '../state/relations.js';
import { NO_CHANNEL } from '../table.js';
import { channelOrder } from './channelMetrics.js';

/** Channels with most videos that take part in channelRelationships. */
export const RELATIONSHIP_POOL = 200;
export const MAX_RELATIONSHIPS = 100;

export interface ChannelRelationshipsParams {
  /** Pairs returned, 0..100. */
  limit: number;
  /** Smallest score kept, 0..100. */
  minScore: number;
  /** Tests only: pool size instead of 200. */
  poolSize?: number;
  /**
   * Tests only: how shared sessions are counted. `pairs` walks the pairs inside each session
   * (cheap for short sessions), `bitsets` intersects per-channel session bitsets (cheap for
   * long sessions with many channels); by default the cheaper by an operation count.
   */
  strategy?: 'pairs' | 'bitsets';
}

/**
 * Catalogue #14. Sessions are the filtered sessions of the default 30-minute gap (shared with
 * sessions, habits and channelMetrics). The pool is the 200 channels first in VIDEOS order
 * (videos desc, title asc, key asc), so ties at the cut are decided by title then key. A pair
 * is listed when it shares at least one session and its score ≥ minScore; `a` has the smaller
 * key (code-unit order); `sharedTopics` = topics both channels have among their filtered
 * videos. Sorted by score desc, sharedSessions desc, a's key, b's key. RangeError on a limit or
 * minScore outside 0..100.
 */
export function channelRelationships(ctx: KernelContext, params: ChannelRelationshipsParams): ChannelRelationship[] {
  return finishChannelRelationships(stateOf(ctx), params);
}

/**
 * Catalogue #14 from the statistics of a filter: shared sessions come from the pair counts its
 * session statistics keep up to date (RelationCounts) while the pool stays the same set of
 * channels; otherwise — the first time, or after the pool changed — from one pass over the
 * sessions' rows, kept for the next finish. Either way the same integers, so the same answer.
 */
export function finishChannelRelationships(state: ComboState, params: ChannelRelationshipsParams): ChannelRelationship[] {
  const { limit, minScore } = params;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_RELATIONSHIPS) {
    throw new RangeError(`[precompute/engine] expected channelRelationships limit 0..${MAX_RELATIONSHIPS}, got ${limit}`);
  }
  if (!Number.isFinite(minScore) || minScore < 0 || minScore > 100) {
    throw new RangeError(`[precompute/engine] expected channelRelationships minScore 0..100, got ${minScore}`);
  }
  const { channels } = state.table;
  const top = channelOrder(state.core(), channels, params.poolSize ?? RELATIONSHIP_POOL);
  if (top.length < 2) return [];
  const stats = state.sessions();
  // Test params (another pool size or strategy) count afresh and keep nothing.
  const keep = params.poolSize === undefined && params.strategy === undefined;
  let counts = keep && stats.relations?.holds(top) ? stats.relations : null;
  if (!counts) {
    counts = countRelations(state, top, params.strategy);
    if (keep) stats.relations = counts;
  }
  const { pool, p, shared, topicMask } = counts;
  const count = stats.count;
  const perChannel = stats.perChannel;
  // Rank of each pool slot in key order, so the whole sort order is one number per pair:
  // (100 − score, maxShared − shared, rank of a, rank of b), mixed-radix (< 2^53 for any
  // history below 10^9 sessions), and only the pairs returned become objects.
  const byKey = Array.from({ length: p }, (_, i) => i).sort((x, y) =>
    compareStrings(channels.keys[pool[x] as number] as string, channels.keys[pool[y] as number] as string),
  );
  const keyRank = new Int32Array(p);
  for (let r = 0; r < p; r++) keyRank[byKey[r] as number] = r;
  const radix = count + 1;
  const order: number[] = [];
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const n = shared[i * p + j] as number;
      if (n === 0) continue;
      const score = scoreOf(n, perChannel[pool[i] as number] as number, perChannel[pool[j] as number] as number);
      if (score < minScore) continue;
      const ri = keyRank[i] as number;
      const rj = keyRank[j] as number;
      order.push((((100 - score) * radix + (count - n)) * p + Math.min(ri, rj)) * p + Math.max(ri, rj));
    }
  }
  const sorted = Float64Array.from(order).sort();
  const identity = (slot: number): ChannelIdentity => {
    const c = pool[slot] as number;
    return {
      channelKey: channels.keys[c] as string,
      channelTitle: channels.titles[c] as string,
      channelUrl: channels.urls[c] as string | null,
    };
  };
  const out: ChannelRelationship[] = [];
  for (let k = 0; k < Math.min(limit, sorted.length); k++) {
    const code = sorted[k] as number;
    const a = byKey[Math.floor(code / p) % p] as number;
    const b = byKey[code % p] as number;
    const n = shared[Math.min(a, b) * p + Math.max(a, b)] as number;
    out.push({
      a: identity(a),
      b: identity(b),
      sharedSessions: n,
      score: scoreOf(n, perChannel[pool[a] as number] as number, perChannel[pool[b] as number] as number),
      sharedTopics: topicsOfMask((topicMask[a] as number) & (topicMask[b] as number)),
    });
  }
  return out;
}

/** Shared sessions and topics of the pool's channels, from one pass over the sessions' rows. */
function countRelations(state: ComboState, pool: readonly number[], strategy?: 'pairs' | 'bitsets'): RelationCounts {
  const p = pool.length;
  const { channel, channels, topics } = state.table;
  const slot = new Int32Array(channels.size).fill(-1);
  for (let i = 0; i < p; i++) slot[pool[i] as number] = i;

  // Distinct pool members of each session, flattened: members[memberOffsets[s] …].
  const { rows, count, offsets } = state.sessions().toSessions(state.selection());
  const memberOffsets = new Uint32Array(count + 1);
  const members: number[] = [];
  const lastSession = new Int32Array(p).fill(-1);
  const topicMask = new Int32Array(p);
  let pairWork = 0;
  for (let s = 0; s < count; s++) {
    const start = members.length;
    const end = offsets[s + 1] as number;
    for (let k = offsets[s] as number; k < end; k++) {
      const r = rows[k] as number;
      const c = channel[r] as number;
      if (c === NO_CHANNEL) continue;
      const i = slot[c] as number;
      if (i < 0) continue;
      topicMask[i] = (topicMask[i] as number) | (topics[r] as number);
      if (lastSession[i] !== s) {
        lastSession[i] = s;
        members.push(i);
      }
    }
    const k = members.length - start;
    pairWork += (k * (k - 1)) / 2;
    memberOffsets[s + 1] = members.length;
  }
  const bitsetWork = ((p * (p - 1)) / 2) * Math.ceil(count / 32);
  const chosen = strategy ?? (pairWork <= bitsetWork ? 'pairs' : 'bitsets');
  const shared =
    chosen === 'pairs' ? sharedByPairs(p, members, memberOffsets) : sharedByBitsets(p, count, members, memberOffsets);
  return new RelationCounts([...pool], shared, topicMask);
}

/** round(100 × shared / min(sessions with a, sessions with b)); halves round up. */
const scoreOf = (shared: number, withA: number, withB: number): number => Math.round((100 * shared) / Math.min(withA, withB));

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Shared sessions per pool pair (i < j at i × p + j), walking the member pairs of each session. */
function sharedByPairs(p: number, members: readonly number[], memberOffsets: Uint32Array): Int32Array {
  const shared = new Int32Array(p * p);
  for (let s = 0; s + 1 < memberOffsets.length; s++) {
    const from = memberOffsets[s] as number;
    const to = memberOffsets[s + 1] as number;
    for (let x = from; x < to; x++) {
      const i = members[x] as number;
      for (let y = x + 1; y < to; y++) {
        const j = members[y] as number;
        const cell = i < j ? i * p + j : j * p + i;
        shared[cell] = (shared[cell] as number) + 1;
      }
    }
  }
  return shared;
}

/** The same counts from per-member session bitsets: popcount(sessions(i) ∧ sessions(j)). */
function sharedByBitsets(p: number, count: number, members: readonly number[], memberOffsets: Uint32Array): Int32Array {
  const words = Math.ceil(count / 32);
  const bits = new Uint32Array(p * words);
  for (let s = 0; s < count; s++) {
    const to = memberOffsets[s + 1] as number;
    for (let x = memberOffsets[s] as number; x < to; x++) {
      const w = (members[x] as number) * words + (s >>> 5);
      bits[w] = (bits[w] as number) | (1 << (s & 31));
    }
  }
  const shared = new Int32Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      let n = 0;
      for (let w = 0; w < words; w++) n += popcount((bits[i * words + w] as number) & (bits[j * words + w] as number));
      shared[i * p + j] = n;
    }
  }
  return shared;
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
