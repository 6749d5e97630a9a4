/** In-process LRU tier bounded by bytes. Holds envelope objects: no encoding on the hot path. */
import { LRUCache } from 'lru-cache';
import type { Envelope, Tier } from './tier.js';

export interface MemoryTierOptions {
  /** Upper bound of the sum of `envelope.bytes`; default 128 MiB. */
  maxBytes?: number;
  /** How long past `expiresAt` an entry is kept for stale-while-revalidate; default 7 days. */
  retainStaleMs?: number;
  /** Clock; default Date.now. */
  now?: () => number;
}

export function createMemoryTier(options: MemoryTierOptions = {}): Tier & { readonly size: number; clear(): void } {
  const maxBytes = options.maxBytes ?? 128 * 1024 * 1024;
  if (!(maxBytes > 0)) throw new Error(`[cache/memory] expected maxBytes > 0, got ${maxBytes}`);
  const retainStaleMs = options.retainStaleMs ?? 7 * 86_400_000;
  const now = options.now ?? Date.now;
  const lru = new LRUCache<string, Envelope>({
    maxSize: maxBytes,
    sizeCalculation: (e) => Math.max(1, e.bytes),
  });
  const read = (key: string): Envelope | null => {
    const e = lru.get(key);
    if (!e) return null;
    if (e.expiresAt + retainStaleMs < now()) {
      lru.delete(key);
      return null;
    }
    return e;
  };
  return {
    name: 'MEMORY',
    get size() {
      return lru.size;
    },
    clear: () => lru.clear(),
    async get(key) {
      return read(key);
    },
    async getMany(keys) {
      return keys.map(read);
    },
    async set(_viewerId, key, envelope) {
      if (envelope.bytes > maxBytes) return; // larger than the whole tier: never cached here
      lru.set(key, envelope);
    },
    async delete(keys) {
      for (const k of keys) lru.delete(k);
    },
  };
}
