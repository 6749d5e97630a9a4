/**
 * Profiling aid: the warm-path batch (`resolveMany` of one dashboard's requests) in a loop,
 * CPU µs per batch, for this tree and optionally a second checkout (`BASE=<dir>`), interleaved.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import type { AggregationRequest, AggregationService } from '../../precompute/service.js';

async function setup(root: string) {
  const imp = <T>(p: string) => import(pathToFileURL(resolve(root, p)).href) as Promise<T>;
  const { LOCAL_VIEWER_ID } = await imp<typeof import('../../resolvers/context.js')>('resolvers/context.ts');
  const { loadDemoHistory } = await imp<typeof import('../../server/demo.js')>('server/demo.ts');
  const { makeGateway } = await imp<typeof import('../../server/gateway.js')>('server/gateway.ts');
  const { createSqliteStore } = await imp<typeof import('../../store/sqlite.js')>('store/sqlite.ts');
  const { DASHBOARD_QUERY } = await imp<typeof import('../../server/dashboard.js')>('server/dashboard.ts');
  const store = createSqliteStore({ path: ':memory:' });
  const gateway = makeGateway({ store, logger: pino({ level: 'silent' }) });
  await store.ensureViewer(LOCAL_VIEWER_ID, 'Europe/Paris');
  await loadDemoHistory(store, LOCAL_VIEWER_ID, 20_000, Date.now(), 'Europe/Paris');
  await gateway.services.precomputer.schedule(LOCAL_VIEWER_ID);
  await gateway.queue.idle();
  const service: AggregationService = gateway.services.aggregations;
  let captured: readonly AggregationRequest[] = [];
  const original = service.resolveMany.bind(service);
  service.resolveMany = (requests, o) => {
    captured = requests;
    return original(requests, o);
  };
  await gateway.yoga.fetch('http://x/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: DASHBOARD_QUERY }),
  });
  service.resolveMany = original;
  return { service, requests: captured };
}

const trees = [['new', resolve('.')] as const, ...(process.env.BASE ? [['base', process.env.BASE] as const] : [])];
const set = await Promise.all(trees.map(async ([name, root]) => ({ name, ...(await setup(root)) })));
const N = 5000;
const acc = new Map<string, number[]>(set.map((s) => [s.name, []]));
for (let r = 0; r < 11; r++) {
  for (const s of set) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) {
      // Fresh request objects each time, keyed first, as each HTTP request's DataLoader does.
      const batch = s.requests.map((q) => ({ ...q }));
      for (const q of batch) s.service.keyOf(q); // the DataLoader's cacheKeyFn
      await s.service.resolveMany(batch);
    }
    const c = process.cpuUsage(c0);
    acc.get(s.name)?.push((c.user + c.system) / N);
  }
}
for (const [name, xs] of acc)
  console.log(name, 'batch of', set[0]?.requests.length, 'cpu us', [...xs].sort((a, b) => a - b)[5]?.toFixed(2));
process.exit(0);
