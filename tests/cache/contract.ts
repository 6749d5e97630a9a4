/** The Tier contract, run against every tier implementation. */
import { describe, expect, it } from 'vitest';
import type { Envelope, Tier } from '../../cache/tier.js';

export const envelopeOf = (data: unknown, over: Partial<Envelope> = {}): Envelope => ({
  data,
  computedAt: 1_000,
  expiresAt: 10_000,
  dataVersion: 1,
  definitionVersion: 1,
  computeMillis: 2.5,
  bytes: 100,
  filterKey: 'tf=ALL',
  ...over,
});

/** `factory(now)` builds a fresh, empty tier using the given clock. */
export function describeTier(
  name: string,
  factory: (now: () => number) => Promise<{ tier: Tier; cleanup: () => Promise<void> }>,
) {
  describe(`Tier contract: ${name}`, () => {
    const clock = { t: 5_000 };
    const withTier = async (fn: (tier: Tier) => Promise<void>) => {
      clock.t = 5_000;
      const { tier, cleanup } = await factory(() => clock.t);
      try {
        await fn(tier);
      } finally {
        await cleanup();
      }
    };

    it('misses, then returns what was set, deep-equal', () =>
      withTier(async (tier) => {
        const key = 'wg:{t1}:kpis:1:a';
        expect(await tier.get(key)).toBeNull();
        const env = envelopeOf({ videos: 3, nested: [{ x: null }, { y: 'é' }] });
        await tier.set('t1', key, env);
        expect(await tier.get(key)).toEqual(env);
      }));

    it('getMany answers in key order with nulls for misses', () =>
      withTier(async (tier) => {
        await tier.set('t1', 'wg:{t1}:a:1:x', envelopeOf(1));
        await tier.set('t1', 'wg:{t1}:b:1:x', envelopeOf(2));
        const got = await tier.getMany(['wg:{t1}:b:1:x', 'wg:{t1}:none:1:x', 'wg:{t1}:a:1:x']);
        expect(got.map((e) => e?.data ?? null)).toEqual([2, null, 1]);
        expect(await tier.getMany([])).toEqual([]);
      }));

    it('overwrites and deletes', () =>
      withTier(async (tier) => {
        const key = 'wg:{t1}:a:1:y';
        await tier.set('t1', key, envelopeOf('old'));
        await tier.set('t1', key, envelopeOf('new', { dataVersion: 2 }));
        expect((await tier.get(key))?.data).toBe('new');
        await tier.delete([key]);
        expect(await tier.get(key)).toBeNull();
      }));

    it('keeps an expired entry for stale serving, then drops it after the retention', () =>
      withTier(async (tier) => {
        const key = 'wg:{t1}:a:1:z';
        await tier.set('t1', key, envelopeOf('v', { expiresAt: 6_000 }));
        clock.t = 7_000; // past expiresAt, within retention
        expect((await tier.get(key))?.data).toBe('v');
        clock.t = 6_000 + 7 * 86_400_000 + 1; // past the default 7-day retention
        expect(await tier.get(key)).toBeNull();
      }));
  });
}
