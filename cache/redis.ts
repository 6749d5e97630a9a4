/**
 * The shared tier on Redis (ioredis). Envelopes under tenant-scoped, hash-tagged, versioned
 * keys with a TTL in ms; a request's reads are one MGET. Every call goes through a circuit
 * breaker with a time bound, so a down or paused Redis costs a request at most `timeoutMs`
 * once and then nothing while the circuit is open. No KEYS, ever.
 */
import type { Redis } from 'ioredis';
import type { Breaker } from './breaker.js';
import { type Codec, jsonCodec } from './codec.js';
import type { Tier } from './tier.js';

export interface RedisTierOptions {
  redis: Redis;
  breaker: Breaker;
  /** Wire encoding; default JSON (see bench/codec.ts for the measurement). */
  codec?: Codec;
  /** How long past `expiresAt` entries are kept for stale-while-revalidate; default 7 days. */
  retainStaleMs?: number;
  now?: () => number;
}

export function createRedisTier(options: RedisTierOptions): Tier {
  const { redis, breaker } = options;
  const codec = options.codec ?? jsonCodec;
  const retainStaleMs = options.retainStaleMs ?? 7 * 86_400_000;
  const now = options.now ?? Date.now;
  const getMany: Tier['getMany'] = async (keys) => {
    if (keys.length === 0) return [];
    const values = await breaker.run(() => redis.mgetBuffer(...keys));
    const t = now();
    return values.map((v) => {
      if (!v) return null;
      const e = codec.decode(v);
      return e.expiresAt + retainStaleMs < t ? null : e; // also past retention by this process's clock
    });
  };
  return {
    name: 'REDIS',
    getMany,
    async get(key) {
      return (await getMany([key]))[0] ?? null;
    },
    async set(_viewerId, key, envelope) {
      const ttlMs = Math.max(1, Math.round(envelope.expiresAt + retainStaleMs - now()));
      await breaker.run(() => redis.set(key, Buffer.from(codec.encode(envelope)), 'PX', ttlMs));
    },
    async delete(keys) {
      if (keys.length > 0) await breaker.run(() => redis.del(...keys));
    },
  };
}
