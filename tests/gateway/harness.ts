/** Builds a gateway on an in-memory SQLite store and runs typed operations through yoga.fetch. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type ExecutionResult, print } from 'graphql';
import { createMemoryTier } from '../../cache/memory.js';
import { createStoreTier } from '../../cache/store-tier.js';
import type { Tier } from '../../cache/tier.js';
import { type GatewayOptions, makeGateway } from '../../server/gateway.js';
import { createSqliteStore } from '../../store/sqlite.js';
import type { Store } from '../../store/types.js';

export interface TestGateway extends ReturnType<typeof makeGateway> {
  store: Store;
  tiers: readonly Tier[];
  run<R, V>(doc: TypedDocumentNode<R, V>, variables?: V): Promise<ExecutionResult<R>>;
  raw(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult>;
}

/** A fixed clock: 2024-06-15T12:00:00Z unless given. */
export const NOW = Date.UTC(2024, 5, 15, 12);

export function testGateway(over: Partial<GatewayOptions> & { store?: Store } = {}): TestGateway {
  const store = over.store ?? createSqliteStore({ path: ':memory:' });
  const now = over.now ?? (() => NOW);
  // With Redis, makeGateway builds its own tiers (memory → Redis → store).
  const tiers = over.tiers ?? (over.redis ? undefined : [createMemoryTier({ now }), createStoreTier({ store, now })]);
  const gw = makeGateway({ usageFlushMs: 0, ...over, store, now, tiers });
  const raw = async (query: string, variables?: Record<string, unknown>) => {
    const res = await gw.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as ExecutionResult;
  };
  return Object.assign(gw, {
    store,
    tiers: gw.services.cache.tiers,
    raw,
    run: async <R, V>(doc: TypedDocumentNode<R, V>, variables?: V) =>
      (await raw(print(doc), variables as Record<string, unknown>)) as ExecutionResult<R>,
  });
}

/** `n` WATCHED events a minute apart from `start`, over `channels` channels. */
export function sampleEvents(n: number, start = Date.UTC(2024, 4, 1, 18), channels = 3) {
  return Array.from({ length: n }, (_, i) => ({
    watchedAt: new Date(start + i * 60_000).toISOString(),
    videoTitle: `Learn TypeScript part ${i}`,
    videoUrl: `https://www.youtube.com/watch?v=vid${i}`,
    channelTitle: `Channel ${i % channels}`,
    channelUrl: `https://www.youtube.com/channel/UC${i % channels}`,
  }));
}
