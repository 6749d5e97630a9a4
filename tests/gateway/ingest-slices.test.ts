/**
 * ingestWatchEvents normalises a large batch in time slices: the serving thread gets turns
 * while it runs (10 000 events take ~70 ms). Deterministic: a callback queued with setImmediate
 * at the first event must run before the last event is normalised.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOW, sampleEvents, type TestGateway, testGateway } from './harness.js';

const log: string[] = [];
vi.mock('../../ingest/normalize.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../ingest/normalize.js')>();
  return {
    ...original,
    normalizeActivity: (...args: Parameters<typeof original.normalizeActivity>) => {
      if (log.length === 0) setImmediate(() => log.push('turn'));
      log.push('event');
      return original.normalizeActivity(...args);
    },
  };
});

const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const g of gateways.splice(0)) await g.close();
});

describe('ingestWatchEvents of a large batch', () => {
  it('gives the event loop turns while it normalises', async () => {
    const gw = testGateway({ now: () => NOW });
    gateways.push(gw);
    const n = 10_000;
    const r = await gw.raw('mutation($e: [WatchEventInput!]!) { ingestWatchEvents(events: $e) { added } }', {
      e: sampleEvents(n),
    });
    expect(r.errors).toBeUndefined();
    expect(log.filter((x) => x === 'event')).toHaveLength(n);
    const turn = log.indexOf('turn');
    expect(turn).toBeGreaterThan(0);
    expect(turn).toBeLessThan(log.length - 1); // before the last event, not after all of them
  });
});
