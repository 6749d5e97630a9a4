import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBreaker } from '../../cache/breaker.js';
import { jsonCodec, measureEnvelope, msgpackCodec } from '../../cache/codec.js';
import { createRedisTier } from '../../cache/redis.js';
import { createCacheRedis, redisReady } from '../../cache/redis-client.js';
import { describeTier, envelopeOf } from '../cache/contract.js';
import { adminRedis, cleanupViewers, redisUrl } from './helpers.js';

const logger = pino({ level: 'silent' });
const admin = adminRedis();
afterAll(async () => {
  await cleanupViewers(admin, ['t1', 'v']);
  admin.disconnect();
});

for (const codec of [jsonCodec, msgpackCodec]) {
  describeTier(`redis (${codec.name})`, async (now) => {
    const redis = createCacheRedis({ url: redisUrl(), logger });
    await redisReady(redis);
    await cleanupViewers(admin, ['t1']);
    const breaker = createBreaker({ name: 'redis', timeoutMs: 1000 });
    return {
      tier: createRedisTier({ redis, breaker, codec, now }),
      cleanup: async () => {
        await cleanupViewers(admin, ['t1']);
        redis.disconnect();
      },
    };
  });
}

describe('redis tier', () => {
  it('stores entries with a TTL in ms: expiry + stale retention', async () => {
    const redis = createCacheRedis({ url: redisUrl(), logger });
    await redisReady(redis);
    const tier = createRedisTier({
      redis,
      breaker: createBreaker({ name: 'redis', timeoutMs: 1000 }),
      retainStaleMs: 60_000,
      now: () => 1_000,
    });
    await tier.set('v', 'wg:{v}:k:1:f', envelopeOf(1, { expiresAt: 31_000 }));
    const pttl = await admin.pttl('wg:{v}:k:1:f');
    expect(pttl).toBeGreaterThan(80_000);
    expect(pttl).toBeLessThanOrEqual(90_000);
    redis.disconnect();
  });

  it('reads a whole request with one MGET', async () => {
    const redis = createCacheRedis({ url: redisUrl(), logger });
    await redisReady(redis);
    const tier = createRedisTier({ redis, breaker: createBreaker({ name: 'redis', timeoutMs: 1000 }) });
    const calls: string[] = [];
    const original = redis.mgetBuffer.bind(redis);
    redis.mgetBuffer = ((...keys: string[]) => {
      calls.push(`MGET ${keys.length}`);
      return original(...keys);
    }) as typeof redis.mgetBuffer;
    await tier.getMany(['wg:{v}:a:1:f', 'wg:{v}:b:1:f', 'wg:{v}:c:1:f']);
    expect(calls).toEqual(['MGET 3']);
    redis.disconnect();
  });

  it('measureEnvelope equals the encoded JSON size, bytes field included', () => {
    for (const data of [null, 'x'.repeat(5), { a: 'é'.repeat(3000) }, Array.from({ length: 999 }, (_, i) => i)]) {
      const e = envelopeOf(data);
      const { bytes: _drop, ...rest } = e;
      const bytes = measureEnvelope(rest);
      expect(jsonCodec.encode({ ...rest, bytes }).length).toBe(bytes);
    }
  });
});
