/**
 * The engine's lanes: interactive before background before idle (shadow checks), and an idle
 * batch only once the engine has had no other work for its quiet period — work that arrives
 * while it waits goes first and is not held up by the wait.
 */
import { describe, expect, it } from 'vitest';
import { canonicalizeFilter } from '../../domain/filter.js';
import { type BatchPriority, EngineService } from '../../precompute/engine-service.js';
import { createSqliteStore } from '../../store/sqlite.js';
import { emptyStats, makeEvent } from '../store/contract.js';

async function service(idleQuietMs: number) {
  const store = createSqliteStore({ path: ':memory:' });
  const s = await store.beginImport('v');
  await s.addBatch(Array.from({ length: 20 }, (_, i) => makeEvent(i)));
  const { dataVersion } = await s.commit(emptyStats());
  return { engine: new EngineService({ store, shadowRate: 0, idleQuietMs }), dataVersion };
}

const batch = (dataVersion: number, priority: BatchPriority, scratch = false) => ({
  viewerId: 'v',
  dataVersion,
  nowMs: Date.UTC(2024, 0, 10),
  priority,
  items: [{ aggregation: 'heatmap', filter: canonicalizeFilter({}), params: {}, ...(scratch ? { scratch: true } : {}) }],
});

describe('engine lanes', () => {
  it('runs an idle batch only after the quiet period, and computes it from scratch', async () => {
    const { engine, dataVersion } = await service(150);
    await engine.compute(batch(dataVersion, 'background')); // the engine was just busy
    const t0 = performance.now();
    const a = await engine.compute(batch(dataVersion, 'idle', true));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(a.outcomes[0]).toMatchObject({ ok: true, path: 'scratch' });
    expect(engine.stats.shadowChecks).toBe(1);
  });

  it('does not hold up work that arrives while an idle batch waits for quiet: it runs at once, first', async () => {
    const { engine, dataVersion } = await service(10_000);
    await engine.compute(batch(dataVersion, 'background'));
    const order: string[] = [];
    void engine.compute(batch(dataVersion, 'idle', true)).then(() => order.push('idle'));
    await new Promise((r) => setTimeout(r, 20));
    const interactive = engine.compute(batch(dataVersion, 'interactive')).then(() => 'interactive');
    const first = await Promise.race([interactive, new Promise((r) => setTimeout(() => r('still waiting'), 3000))]);
    expect(first).toBe('interactive');
    expect(order).toEqual([]); // the idle batch still waits for its quiet period
  });

  it('pauses a from-scratch check in progress for other work, then finishes it with the same answer', async () => {
    const { engine, dataVersion } = await service(0);
    await engine.compute(batch(dataVersion, 'background')); // loaded
    const whole = await engine.compute(batch(dataVersion, 'background', true)); // a check in one go
    let checkDone = false;
    const check = engine.compute(batch(dataVersion, 'idle', true)).then((a) => {
      checkDone = true;
      return a;
    });
    await new Promise((r) => setImmediate(r)); // the check has started its steps
    const before = engine.stats.shadowChecks;
    await engine.compute(batch(dataVersion, 'interactive'));
    expect(checkDone).toBe(false); // the interactive batch went first
    expect(engine.stats.shadowChecks).toBe(before);
    const a = await check;
    expect(a.outcomes[0]).toEqual({ ...whole.outcomes[0], computeMillis: expect.any(Number) });
  });

  it('orders queued batches by lane', async () => {
    const { engine, dataVersion } = await service(0);
    const order: string[] = [];
    const run = (p: BatchPriority, tag: string) => engine.compute(batch(dataVersion, p)).then(() => order.push(tag));
    // The first batch starts at once (it loads the history); the rest queue behind it.
    await Promise.all([run('background', 'b1'), run('idle', 'i1'), run('background', 'b2'), run('interactive', 'x1')]);
    expect(order).toEqual(['b1', 'x1', 'b2', 'i1']);
  });
});
