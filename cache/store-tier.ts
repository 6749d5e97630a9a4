/** The durable tier: envelopes in the system of record, surviving restarts. */
import type { Store } from '../store/types.js';
import { decodeEnvelope, encodeEnvelope } from './codec.js';
import type { Tier } from './tier.js';

export interface StoreTierOptions {
  store: Store;
  /** How long past `expiresAt` an entry stays readable (for stale-while-revalidate); default 7 days. */
  retainStaleMs?: number;
  now?: () => number;
}

export function createStoreTier(options: StoreTierOptions): Tier {
  const { store } = options;
  const retainStaleMs = options.retainStaleMs ?? 7 * 86_400_000;
  const now = options.now ?? Date.now;
  const getMany: Tier['getMany'] = async (keys) => {
    const rows = await store.getEntries(keys);
    const t = now();
    return rows.map((r) => (r && r.expiresAt + retainStaleMs >= t ? decodeEnvelope(r.value) : null));
  };
  return {
    name: 'STORE',
    getMany,
    async get(key) {
      return (await getMany([key]))[0] ?? null;
    },
    async set(viewerId, key, envelope, hints) {
      await store.putEntry(viewerId, {
        key,
        value: encodeEnvelope(envelope),
        expiresAt: envelope.expiresAt,
        dataVersion: envelope.dataVersion,
        base: hints?.base ?? false,
      });
    },
    async delete(keys) {
      await store.deleteEntries(keys);
    },
  };
}
