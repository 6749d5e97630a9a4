/**
 * One small interface every cache tier implements (memory, Redis, store), and the envelope
 * they hold. Tiers store and return envelopes verbatim; freshness is decided by the caller.
 */

/** A precomputed aggregation result with the facts needed to judge its freshness. */
export interface Envelope<T = unknown> {
  data: T;
  /** Epoch ms. */
  computedAt: number;
  /** Epoch ms after which the entry is stale (served only while a refresh runs). */
  expiresAt: number;
  /** The viewer's data version the entry was computed from; an older one is stale. */
  dataVersion: number;
  /** The aggregation's definition version (also part of the key). */
  definitionVersion: number;
  computeMillis: number;
  /** Size of the encoded envelope, bytes. */
  bytes: number;
  filterKey: string;
}

export type TierName = 'MEMORY' | 'REDIS' | 'STORE';

/** What a writer knows about an entry that a tier's retention may use. */
export interface EntryHints {
  /** In the viewer's base set: never evicted by a byte budget (it is recomputed after every commit anyway). */
  base?: boolean;
}

export interface Tier {
  readonly name: TierName;
  get(key: string): Promise<Envelope | null>;
  /** Results in key order, same length; null for a miss. */
  getMany(keys: readonly string[]): Promise<(Envelope | null)[]>;
  /** Keeps the entry at least until `envelope.expiresAt + retainStaleMs` of the tier (a byte budget may evict it earlier). */
  set(viewerId: string, key: string, envelope: Envelope, hints?: EntryHints): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}

/** `wg:{viewer}:aggregation:definitionVersion:filterKey[#params]` — the braces are a Redis Cluster hash tag. */
export function entryKey(
  viewerId: string,
  aggregation: string,
  definitionVersion: number,
  filterKey: string,
  paramsKey = '',
): string {
  if (viewerId.includes('}') || viewerId.includes('{'))
    throw new Error(`[cache/tier] viewer id must not contain braces, got ${viewerId}`);
  return `wg:{${viewerId}}:${aggregation}:${definitionVersion}:${filterKey}${paramsKey ? `#${paramsKey}` : ''}`;
}
