import { describe, expect, it } from 'vitest';
import { createMemoryTier } from '../../cache/memory.js';
import { createStoreTier } from '../../cache/store-tier.js';
import { entryKey } from '../../cache/tier.js';
import { createSqliteStore } from '../../store/sqlite.js';
import { describeTier, envelopeOf } from './contract.js';

describeTier('memory', async (now) => ({ tier: createMemoryTier({ now }), cleanup: async () => {} }));

describeTier('store (sqlite)', async (now) => {
  const store = createSqliteStore({ path: ':memory:' });
  return { tier: createStoreTier({ store, now }), cleanup: () => store.close() };
});

describe('memory tier', () => {
  it('evicts least recently used entries to stay within maxBytes', async () => {
    const tier = createMemoryTier({ maxBytes: 250, now: () => 5_000 });
    await tier.set('v', 'a', envelopeOf('a', { bytes: 100 }));
    await tier.set('v', 'b', envelopeOf('b', { bytes: 100 }));
    await tier.get('a'); // a is now more recent than b
    await tier.set('v', 'c', envelopeOf('c', { bytes: 100 }));
    expect((await tier.getMany(['a', 'b', 'c'])).map((e) => e?.data ?? null)).toEqual(['a', null, 'c']);
  });

  it('never holds an entry larger than the whole tier', async () => {
    const tier = createMemoryTier({ maxBytes: 50, now: () => 5_000 });
    await tier.set('v', 'big', envelopeOf('x', { bytes: 51 }));
    expect(await tier.get('big')).toBeNull();
  });

  it('rejects a non-positive bound, naming the module', () => {
    expect(() => createMemoryTier({ maxBytes: 0 })).toThrow('[cache/memory] expected maxBytes > 0, got 0');
  });
});

describe('entryKey', () => {
  it('is tenant-scoped with a Redis Cluster hash tag and versioned', () => {
    expect(entryKey('u1', 'kpis', 3, 'tf=ALL|p=ALL')).toBe('wg:{u1}:kpis:3:tf=ALL|p=ALL');
    expect(entryKey('u1', 'topChannels', 1, 'f', 'limit=10')).toBe('wg:{u1}:topChannels:1:f#limit=10');
    expect(() => entryKey('a}b', 'kpis', 1, 'f')).toThrow(/braces/);
  });
});
