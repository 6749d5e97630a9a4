import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createLayeredCache } from '../../cache/layered.js';
import { createMemoryTier } from '../../cache/memory.js';
import type { Tier } from '../../cache/tier.js';
import { envelopeOf } from './contract.js';

const logger = pino({ level: 'silent' });
const fresh = () => 'fresh' as const;
const mem = () => createMemoryTier({ now: () => 5_000 });

describe('layered cache', () => {
  it('reads each tier once for the keys still missing and fills upper tiers on a lower hit', async () => {
    const top = mem();
    const bottom = mem();
    await top.set('v', 'a', envelopeOf('A-top'));
    await bottom.set('v', 'b', envelopeOf('B-bottom'));
    const topSpy = vi.spyOn(top, 'getMany');
    const bottomSpy = vi.spyOn(bottom, 'getMany');
    const cache = createLayeredCache({ tiers: [top, bottom], logger });
    const got = await cache.read(['a', 'b', 'c'].map((key) => ({ viewerId: 'v', key, judge: fresh })));
    expect(got.map((h) => h && [h.envelope.data, h.source])).toEqual([['A-top', 'MEMORY'], ['B-bottom', 'MEMORY'], null]);
    expect(topSpy).toHaveBeenCalledTimes(1);
    expect(bottomSpy).toHaveBeenCalledTimes(1);
    expect(bottomSpy).toHaveBeenCalledWith(['b', 'c']);
    expect((await top.get('b'))?.data).toBe('B-bottom');
    expect(cache.counters.misses).toBe(1);
  });

  it('prefers a fresh lower entry over a stale upper one, and does not promote stale entries', async () => {
    const top = mem();
    const bottom = mem();
    await top.set('v', 'k', envelopeOf('old', { dataVersion: 1 }));
    await bottom.set('v', 'k', envelopeOf('new', { dataVersion: 2 }));
    const cache = createLayeredCache({ tiers: [top, bottom], logger });
    const judge = (e: { dataVersion: number }) => (e.dataVersion >= 2 ? 'fresh' : 'stale') as 'fresh' | 'stale';
    const [hit] = await cache.read([{ viewerId: 'v', key: 'k', judge }]);
    expect(hit?.envelope.data).toBe('new');
    expect(hit?.stale).toBe(false);
    await top.set('v', 'k', envelopeOf('old', { dataVersion: 1 })); // the read above promoted 'new'; put 'old' back
    const cache2 = createLayeredCache({ tiers: [mem(), top], logger });
    const [staleHit] = await cache2.read([{ viewerId: 'v', key: 'k', judge }]);
    expect(staleHit).toMatchObject({ stale: true, source: 'MEMORY' });
    expect(await cache2.tiers[0]?.get('k')).toBeNull();
  });

  it('treats a failing tier as a miss and keeps serving from the others', async () => {
    const broken: Tier = {
      name: 'REDIS',
      get: async () => Promise.reject(new Error('down')),
      getMany: async () => Promise.reject(new Error('down')),
      set: async () => Promise.reject(new Error('down')),
      delete: async () => Promise.reject(new Error('down')),
    };
    const bottom = mem();
    await bottom.set('v', 'k', envelopeOf(42));
    const cache = createLayeredCache({ tiers: [broken, bottom], logger });
    const [hit] = await cache.read([{ viewerId: 'v', key: 'k', judge: fresh }]);
    expect(hit?.envelope.data).toBe(42);
    await expect(cache.write('v', 'k2', envelopeOf(1))).resolves.toBeUndefined();
    expect(cache.counters.tierErrors).toBeGreaterThanOrEqual(3);
  });
});
