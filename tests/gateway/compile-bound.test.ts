/**
 * Bounded memory for documents: graphql-jit keeps state per compiled document that evicting it
 * does not free, so the gateway compiles only trusted documents at once, any other from its
 * third use, and at most a fixed number of those (server/compiled.ts). Counted here by
 * watching graphql-jit's compileQuery.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('graphql-jit', async (importOriginal) => {
  const m = await importOriginal<typeof import('graphql-jit')>();
  return { ...m, compileQuery: vi.fn(m.compileQuery) };
});

const { compileQuery } = await import('graphql-jit');
const { DASHBOARD_QUERY } = await import('../../server/dashboard.js');
const { testGateway } = await import('./harness.js');

let gw: ReturnType<typeof testGateway> | undefined;
afterEach(async () => {
  await gw?.close();
  vi.mocked(compileQuery).mockClear();
});

describe('compiled execution is bounded', () => {
  it('distinct documents seen once are never compiled; a reused one is, from its third use; a trusted one at once', async () => {
    gw = testGateway();
    const calls = () => vi.mocked(compileQuery).mock.calls.length;
    for (let i = 0; i < 40; i++) {
      const r = await gw.raw(`query Once${i} { viewer { id } a${i}: viewer { timeZone } }`);
      expect(r.errors).toBeUndefined();
    }
    expect(calls()).toBe(0);
    const reused = '{ viewer { id dataVersion } }';
    await gw.raw(reused);
    await gw.raw(reused);
    expect(calls()).toBe(0);
    await gw.raw(reused);
    expect(calls()).toBe(1);
    await gw.raw(reused);
    expect(calls()).toBe(1); // kept compiled
    await gw.raw(DASHBOARD_QUERY);
    expect(calls()).toBe(2); // the GraphiQL dashboard is trusted: compiled on first use
  });
});
