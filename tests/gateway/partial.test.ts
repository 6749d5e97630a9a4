/**
 * Partial results: one failing or rejected field nulls only itself (its error on its path) and
 * never blanks its siblings — for every kind of field error, through Yoga (graphql-jit) and
 * with graphql-js and graphql-jit executing the same document directly.
 */
import { type ExecutionResult, execute, type GraphQLError, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createContextFactory } from '../../resolvers/context.js';
import { schema } from '../../schema/index.js';
import { compileStringifier } from '../../server/compiled.js';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
afterEach(async () => {
  vi.restoreAllMocks();
  await gw.close();
  await gw.store.close();
});

const INGEST = `mutation($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { added } }`;
async function withData(options: Parameters<typeof testGateway>[0] = {}): Promise<void> {
  gw = testGateway(options);
  const r = await gw.raw(INGEST, { events: sampleEvents(12) });
  expect(r.errors).toBeUndefined();
  await gw.queue.idle();
}

// biome-ignore lint/suspicious/noExplicitAny: responses are walked by path; their shape is what is under test.
type Json = any;

/** POSTs through yoga.fetch and returns the status and the parsed body. */
async function post(query: string, accept = 'application/graphql-response+json') {
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { data?: Json; errors?: GraphQLError[] } };
}

/** The parts of an error a client relies on. */
const shape = (e: { path?: readonly (string | number)[]; extensions?: Record<string, unknown>; message: string }) => ({
  path: e.path,
  code: e.extensions?.code,
  field: e.extensions?.field,
});

const SIBLINGS = 'viewer { id } other: analytics { kpis { data { videos } } }';

describe('one failing field never blanks its siblings (through the gateway)', () => {
  it('a bad argument nulls only that aggregation: BAD_USER_INPUT naming topChannels.limit', async () => {
    await withData();
    const { status, body } = await post(
      `{ ${SIBLINGS} analytics { kpis { data { videos } } topChannels(limit: -5) { data { videos } } } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({
      viewer: { id: 'local' },
      other: { kpis: { data: { videos: 12 } } },
      analytics: { kpis: { data: { videos: 12 } }, topChannels: null },
    });
    expect(body.errors?.map(shape)).toEqual([
      { path: ['analytics', 'topChannels'], code: 'BAD_USER_INPUT', field: 'topChannels.limit' },
    ]);
    expect(body.errors?.[0]?.message).toContain('got -5');
  });

  it('a bad filter nulls only that analytics selection: BAD_USER_INPUT naming filter.range.from', async () => {
    await withData();
    const { status, body } = await post(
      `{ ${SIBLINGS} analytics(filter: { range: { from: "2024-03-02", to: "2024-03-01" } }) { kpis { data { videos } } } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ viewer: { id: 'local' }, other: { kpis: { data: { videos: 12 } } }, analytics: null });
    expect(body.errors?.map(shape)).toEqual([{ path: ['analytics'], code: 'BAD_USER_INPUT', field: 'filter.range.from' }]);
  });

  it('an argument of a nested field (sessions.list.after) nulls only that list, not the session statistics', async () => {
    await withData();
    const { body } = await post(
      `{ ${SIBLINGS} analytics { sessions { data { count list(after: "garbage") { totalCount } } } } }`,
    );
    expect(body.data.analytics.sessions.data).toEqual({ count: 1, list: null });
    expect(body.data.other.kpis.data.videos).toBe(12);
    expect(body.errors?.map(shape)).toEqual([
      { path: ['analytics', 'sessions', 'data', 'list'], code: 'BAD_USER_INPUT', field: 'sessions.list.after' },
    ]);
  });

  it('a failing computation nulls only that aggregation: AGGREGATION_FAILED, internals not shown, nothing cached', async () => {
    await withData();
    const service = gw.services.aggregations;
    const resolveMany = service.resolveMany.bind(service);
    const spy = vi
      .spyOn(service, 'resolveMany')
      .mockImplementation(async (requests, options) =>
        (await resolveMany(requests, options)).map((r, i) =>
          requests[i]?.aggregation === 'topChannels' ? new Error('engine on fire at /var/secret') : r,
        ),
      );
    const { status, body } = await post(`{ ${SIBLINGS} analytics { kpis { data { videos } } topChannels { data { videos } } } }`);
    expect(status).toBe(200);
    expect(body.data.analytics).toEqual({ kpis: { data: { videos: 12 } }, topChannels: null });
    expect(body.data.viewer).toEqual({ id: 'local' });
    expect(body.errors?.map(shape)).toEqual([
      { path: ['analytics', 'topChannels'], code: 'AGGREGATION_FAILED', field: 'topChannels' },
    ]);
    expect(JSON.stringify(body)).not.toContain('secret');
    spy.mockRestore();
    expect((await post('{ analytics { topChannels { data { videos } } } }')).body.errors).toBeUndefined();
  });

  it('a forbidden admin field nulls only itself: FORBIDDEN', async () => {
    await withData({ resolveViewerId: () => 'someone' });
    const { status, body } = await post(
      `{ viewer { id } cacheStats { misses } precomputePlan { viewerId } other: precomputePlan(viewerId: "local") { viewerId } analytics { kpis { data { videos } } } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({
      viewer: { id: 'someone' },
      cacheStats: null,
      precomputePlan: { viewerId: 'someone' }, // one's own plan is visible
      other: null,
      analytics: { kpis: { data: { videos: 12 } } },
    });
    expect(body.errors?.map(shape)).toEqual([
      { path: ['cacheStats'], code: 'FORBIDDEN', field: 'cacheStats' },
      { path: ['other'], code: 'FORBIDDEN', field: 'precomputePlan' },
    ]);
  });

  it('an internal error is masked as "Unexpected error." and the siblings keep their data', async () => {
    await withData();
    vi.spyOn(gw.store, 'countEvents').mockRejectedValue(new Error('password=hunter2'));
    const service = gw.services.aggregations;
    const resolveMany = service.resolveMany.bind(service);
    // A malformed entry: the resolvers that read it throw a TypeError naming internals.
    vi.spyOn(service, 'resolveMany').mockImplementation(async (requests, options) =>
      (await resolveMany(requests, options)).map((r, i) =>
        requests[i]?.aggregation === 'channelMetrics' && !(r instanceof Error) ? { ...r, data: { s3cr3t: true } } : r,
      ),
    );
    const { status, body } = await post(
      '{ viewer { id eventCount } analytics { channelMetrics { data { totalCount } } heatmap { data { videos } } } }',
    );
    expect(status).toBe(200);
    expect(body.data.viewer).toEqual({ id: 'local', eventCount: null });
    expect(body.data.analytics.channelMetrics).toBeNull();
    expect(body.data.analytics.heatmap.data).toHaveLength(168);
    expect(body.errors?.map((e) => [e.message, e.path, e.extensions?.code])).toEqual([
      ['Unexpected error.', ['viewer', 'eventCount'], 'INTERNAL_SERVER_ERROR'],
      // The entry's data is read (parsed and cut) only when selected: the error is on `data`,
      // non-null, so its aggregation field is null.
      ['Unexpected error.', ['analytics', 'channelMetrics', 'data'], 'INTERNAL_SERVER_ERROR'],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/hunter2|s3cr3t|TypeError/);
  });

  it('an output value a scalar cannot represent is an internal error, alike interpreted and compiled, siblings kept', async () => {
    await withData();
    const service = gw.services.aggregations;
    const resolveMany = service.resolveMany.bind(service);
    vi.spyOn(service, 'resolveMany').mockImplementation(async (requests, options) =>
      (await resolveMany(requests, options)).map((r, i) =>
        requests[i]?.aggregation === 'kpis' && !(r instanceof Error) ? { ...r, meta: { ...r.meta, computedAt: Number.NaN } } : r,
      ),
    );
    const query = '{ viewer { id } analytics { kpis { meta { computedAt } } heatmap { meta { source } } } }';
    // Our data, not the client's input: masked for the client (and logged with its stack). The
    // first uses run on graphql-js, later ones compiled (server/compiled.ts): the same answer.
    const masked = [['Unexpected error.', ['analytics', 'kpis', 'meta', 'computedAt'], 'INTERNAL_SERVER_ERROR']];
    for (let use = 0; use < 4; use++) {
      const { body } = await post(query);
      expect(body.data).toEqual({ viewer: { id: 'local' }, analytics: { kpis: null, heatmap: { meta: { source: 'MEMORY' } } } });
      expect(body.errors?.map((e) => [e.message, e.path, e.extensions?.code])).toEqual(masked);
    }
    const expected = [['DateTime cannot represent NaN', ['analytics', 'kpis', 'meta', 'computedAt'], undefined]];
    const body = { data: { viewer: { id: 'local' }, analytics: { kpis: null, heatmap: { meta: { source: 'MEMORY' } } } } };
    const contextValue = await createContextFactory({ services: gw.services })({ request: new Request('http://test/') });
    const viaJs = (await execute({ schema, document: parse(query), contextValue })) as ExecutionResult;
    expect(viaJs.data).toEqual(body.data);
    expect(viaJs.errors?.map((e) => [e.message, e.path, e.extensions?.code])).toEqual(expected);
  });

  it('a result with errors is serialised by Yoga with its errors, never by the compiled stringifier', async () => {
    await withData();
    const query = `{ viewer { id } analytics { kpis { data { videos } } topChannels(limit: 0) { data { videos } } } }`;
    // The operation's shape is static, so an error-free result of it would use the compiled stringifier.
    expect(compileStringifier(schema, parse(query))).not.toBeNull();
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const { text, body } = await post(query, accept);
      expect(body.errors).toHaveLength(1);
      expect(body.data.analytics.topChannels).toBeNull();
      expect(text).toContain('"errors"');
    }
  });
});

describe('graphql-js and graphql-jit give the same partial results', () => {
  const DOCUMENTS = [
    `{ ${SIBLINGS} analytics { kpis { data { videos } } topChannels(limit: -5) { data { videos } } } }`,
    `{ ${SIBLINGS} analytics(filter: { range: { from: "2024-03-02", to: "2024-03-01" } }) { kpis { data { videos } } } }`,
    `{ ${SIBLINGS} analytics { sessions(gapMinutes: 1) { data { count } } channelMetrics(first: 500) { data { totalCount } } heatmap { data { hour } } } }`,
    `{ ${SIBLINGS} analytics { sessions { data { count list(first: 101) { totalCount } } } } }`,
    `{ viewer { id } cacheStats { misses } analytics { kpis { data { videos } } } }`,
  ];

  it.each(DOCUMENTS)('%s', async (query) => {
    await withData({ resolveViewerId: () => 'local' }); // not local mode: admin fields are forbidden
    const context = () =>
      createContextFactory({ services: gw.services, resolveViewerId: () => 'local' })({ request: new Request('http://test/') });
    const document = parse(query);
    const compiled = compileQuery(schema, document);
    if (!isCompiledQuery(compiled)) throw new Error('not compiled');
    const viaJs = (await execute({ schema, document, contextValue: await context() })) as ExecutionResult;
    const viaJit = (await compiled.query({}, await context(), {})) as ExecutionResult;
    const errorsOf = (r: ExecutionResult) =>
      (r.errors ?? []).map(shape).sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
    expect(viaJs.errors?.length).toBeGreaterThan(0);
    expect(viaJit.data).toEqual(viaJs.data);
    expect(errorsOf(viaJit)).toEqual(errorsOf(viaJs));
    expect((viaJs.data as Json).viewer).toEqual({ id: 'local' });
  });
});
