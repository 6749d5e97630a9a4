/**
 * Sessions are built once per (context, gap) and shared by every kernel that needs them. The
 * builder is private to precompute/engine/sessions.ts and runs only as the compute function of
 * `ctx.memo('sessions:<gap>', …)`, so counting those compute calls counts builder calls.
 */
import { describe, expect, it } from 'vitest';
import { topicBit, type WatchEvent } from '../../domain/events.js';
import { canonicalizeFilter } from '../../domain/filter.js';
import { KernelContext } from '../../precompute/engine/context.js';
import {
  advancedKpis,
  channelMetrics,
  channelRelationships,
  Engine,
  habits,
  sessions,
  sessionsOf,
} from '../../precompute/engine/index.js';
import { REGISTRY } from '../../precompute/registry.js';

/** A context that records, per memo key, how often it was asked for and how often computed. */
class CountingContext extends KernelContext {
  readonly computed = new Map<string, number>();
  readonly requested: string[] = [];

  override memo<T>(key: string, compute: () => T): T {
    this.requested.push(key);
    return super.memo(key, () => {
      this.computed.set(key, (this.computed.get(key) ?? 0) + 1);
      return compute();
    });
  }

  /** Builder runs: computations of exactly `sessions:<gap>`. */
  builds(): Record<string, number> {
    return Object.fromEntries([...this.computed].filter(([k]) => /^sessions:\d+$/.test(k)));
  }
}

const events: WatchEvent[] = Array.from({ length: 60 }, (_, i) => ({
  id: `e${String(i).padStart(3, '0')}`,
  // Bursts of 6 videos 4 minutes apart, bursts 40 minutes apart: gap 30 and gap 45 differ.
  watchedAt: Date.UTC(2024, 3, 1, 8) + Math.floor(i / 6) * 60 * 60_000 + (i % 6) * 4 * 60_000 - Math.floor(i / 12) * 20 * 60_000,
  videoId: `v${i}`,
  videoTitle: `video ${i}`,
  channelKey: `UC${i % 4}`,
  channelTitle: `Channel ${i % 4}`,
  product: 'YOUTUBE',
  kind: 'WATCHED',
  isAd: false,
  topics: topicBit('GAMING'),
}));

function countingContext(): CountingContext {
  const engine = new Engine(events);
  const plain = engine.context(canonicalizeFilter({ timeZone: 'Europe/Paris' }), Date.UTC(2024, 3, 20));
  return new CountingContext(engine.table, plain.filter, plain.today, () => plain.zone);
}

describe('session sharing', () => {
  it('builds the default-gap sessions once for sessions, advancedKpis, habits, channelMetrics and channelRelationships', () => {
    const ctx = countingContext();
    const askedBy: Record<string, string[]> = {};
    const run = (name: string, kernel: () => unknown) => {
      const before = ctx.requested.length;
      kernel();
      askedBy[name] = ctx.requested.slice(before).filter((k) => k.startsWith('sessions:'));
    };
    run('sessions', () => sessions(ctx, { gapMinutes: 30 }));
    run('advancedKpis', () => advancedKpis(ctx));
    run('habits', () => habits(ctx));
    run('channelMetrics', () => channelMetrics(ctx));
    run('channelRelationships', () => channelRelationships(ctx, { limit: 20, minScore: 10 }));

    expect(ctx.builds()).toEqual({ 'sessions:30': 1 });
    // Each session-based kernel read the shared sessions (directly or through the per-channel counts).
    for (const name of ['sessions', 'habits', 'channelMetrics', 'channelRelationships']) {
      expect(askedBy[name]?.some((k) => k.startsWith('sessions:30'))).toBe(true);
    }
    // advancedKpis has no session-based field, so it must not build any.
    expect(askedBy.advancedKpis).toEqual([]);
    // The session statistics (with their per-channel counts) are built once and shared too.
    expect(ctx.computed.get('sessions:30:live')).toBe(1);
  });

  it('builds one set of sessions per distinct gap, and returns the same object on every request', () => {
    const ctx = countingContext();
    expect(sessions(ctx, { gapMinutes: 45 }).count).toBeLessThan(sessions(ctx, { gapMinutes: 30 }).count);
    habits(ctx);
    sessions(ctx, { gapMinutes: 45 });
    expect(ctx.builds()).toEqual({ 'sessions:30': 1, 'sessions:45': 1 });
    expect(sessionsOf(ctx, 30)).toBe(sessionsOf(ctx, 30));
    expect(ctx.builds()).toEqual({ 'sessions:30': 1, 'sessions:45': 1 });
  });

  it('builds them once when the whole registry runs on one context', () => {
    const ctx = countingContext();
    for (const def of REGISTRY.filter((d) => d.inBaseSet !== false)) def.kernel(ctx, def.baseParams);
    expect(ctx.builds()).toEqual({ 'sessions:30': 1 });
  });

  it('rejects a gap outside 5..240 whole minutes', () => {
    const ctx = countingContext();
    for (const gap of [4, 241, 30.5, Number.NaN]) expect(() => sessionsOf(ctx, gap)).toThrow(RangeError);
  });
});
