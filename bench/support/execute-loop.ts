/**
 * Profiling aid: where a warm dashboard request's CPU goes, in process — the compiled
 * execution alone (context + graphql-jit query), its JSON serialisation, and the whole
 * `yoga.fetch` — against `{ __typename }` through `yoga.fetch`; and the result serialisers. CPU µs, medians of 11 rounds.
 */
import { parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import pino from 'pino';
import { createContextFactory, LOCAL_VIEWER_ID } from '../../resolvers/context.js';
import { schema } from '../../schema/index.js';
import { compileStringifier, FAST_SERIALIZERS } from '../../server/compiled.js';
import { DASHBOARD_QUERY } from '../../server/dashboard.js';
import { loadDemoHistory } from '../../server/demo.js';
import { makeGateway } from '../../server/gateway.js';
import { createSqliteStore } from '../../store/sqlite.js';

const store = createSqliteStore({ path: ':memory:' });
const gateway = makeGateway({ store, logger: pino({ level: 'silent' }) });
await store.ensureViewer(LOCAL_VIEWER_ID, 'Europe/Paris');
await loadDemoHistory(store, LOCAL_VIEWER_ID, 20_000, Date.now(), 'Europe/Paris');
await gateway.services.precomputer.schedule(LOCAL_VIEWER_ID);
await gateway.queue.idle();

const compiled = compileQuery(schema, parse(DASHBOARD_QUERY));
if (!isCompiledQuery(compiled)) throw new Error('[bench/execute-loop] dashboard did not compile');
const fastLeaves = compileQuery(schema, parse(DASHBOARD_QUERY), undefined, { customSerializers: FAST_SERIALIZERS });
if (!isCompiledQuery(fastLeaves)) throw new Error('[bench/execute-loop] dashboard did not compile');
const context = createContextFactory({ services: gateway.services });
const request = new Request('http://x/graphql');
const fetchBody = (query: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query }),
});
const sample = await compiled.query({}, await context({ request }), {});
const stringify = compileStringifier(schema, parse(DASHBOARD_QUERY));
if (!stringify) throw new Error('[bench/execute-loop] no compiled stringifier for the dashboard');

const allCases: [string, () => Promise<unknown>][] = [
  ['fetch { __typename }', async () => (await gateway.yoga.fetch('http://x/graphql', fetchBody('{ __typename }'))).text()],
  ['fetch dashboard', async () => (await gateway.yoga.fetch('http://x/graphql', fetchBody(DASHBOARD_QUERY))).text()],
  ['context only', () => context({ request })],
  ['context + jit execute', async () => compiled.query({}, await context({ request }), {})],
  ['... with fast leaves', async () => fastLeaves.query({}, await context({ request }), {})],
  // Encoded as the response body is: a serializer's string may be a rope that must be flattened.
  ['JSON.stringify result', async () => Buffer.from(JSON.stringify(sample))],
  ['compiled stringify', async () => Buffer.from(stringify(sample))],
];
const cases = allCases.filter(([n]) => !process.env.ONLY || n === process.env.ONLY);
const N = Number(process.env.N ?? 500);
const acc = new Map<string, number[]>(cases.map(([n]) => [n, []]));
for (let r = 0; r < 11; r++) {
  for (const [name, fn] of cases) {
    for (let i = 0; i < 50; i++) await fn();
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) await fn();
    const c = process.cpuUsage(c0);
    acc.get(name)?.push((c.user + c.system) / N);
  }
}
for (const [name, xs] of acc)
  console.log(name.padEnd(24), 'cpu us', ([...xs].sort((a, b) => a - b)[5] ?? 0).toFixed(1).padStart(7));
process.exit(0);
