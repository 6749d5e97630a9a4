/** The compiled result serializer (server/compiled.ts) writes exactly what JSON.stringify writes. */
import fc from 'fast-check';
import { buildSchema, type ExecutionResult, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LOCAL_VIEWER_ID } from '../../resolvers/context.js';
import { schema as gatewaySchema } from '../../schema/index.js';
import { compileStringifier } from '../../server/compiled.js';
import { DASHBOARD_QUERY } from '../../server/dashboard.js';
import { testGateway } from './harness.js';

const schema = buildSchema(`
  scalar Stamp
  enum Kind { A B }
  type Item { n: Int, x: Float, s: String, k: Kind, t: Stamp, ok: Boolean, tags: [String] }
  type Query { item: Item, items: [Item!], id: ID! }
`);
const QUERY = '{ item { n x s k t ok tags } items { n x s k t ok tags } id alias: id }';

const leaf = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(), // NaN and ±Infinity included: JSON writes null
  fc.string({ unit: 'binary' }), // quotes, control characters, lone surrogates
  fc.boolean(),
  fc.object(), // a custom scalar's serialized value may be any JSON
);
const item = fc.record({
  n: leaf,
  x: leaf,
  s: leaf,
  k: leaf,
  t: leaf,
  ok: leaf,
  tags: fc.oneof(fc.constant(null), fc.array(leaf)),
});

describe('compiled result serializer', () => {
  it('matches JSON.stringify on random data of the operation shape', () => {
    const stringify = compileStringifier(schema, parse(QUERY));
    expect(stringify).not.toBeNull();
    fc.assert(
      fc.property(fc.option(item), fc.option(fc.array(item, { maxLength: 4 })), fc.string(), (i, items, id) => {
        const result: ExecutionResult = { data: { item: i, items, id, alias: id } };
        expect(stringify?.(result)).toBe(JSON.stringify(result));
      }),
    );
  });

  it('throws (so the plugin falls back) when a selected field is missing', () => {
    const stringify = compileStringifier(schema, parse(QUERY));
    expect(() => stringify?.({ data: { item: null, items: null } })).toThrow();
  });

  it('is not compiled for shapes known only at run time (fragments, @skip, abstract types)', () => {
    expect(compileStringifier(schema, parse('{ item { ...F } } fragment F on Item { n }'))).toBeNull();
    expect(compileStringifier(schema, parse('query($b: Boolean!) { id @skip(if: $b) }'))).toBeNull();
    expect(compileStringifier(schema, parse('query A { id } query B { id }'))).toBeNull();
    expect(compileStringifier(schema, parse('query A { id } query B { id }'), 'B')).not.toBeNull();
  });

  it('serializes the warm dashboard as JSON.stringify does, over yoga.fetch', async () => {
    const gw = testGateway();
    await gw.store.ensureViewer(LOCAL_VIEWER_ID, 'Europe/Paris');
    const res = await gw.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DASHBOARD_QUERY }),
    });
    const text = await res.text();
    const parsed = JSON.parse(text) as ExecutionResult;
    expect(parsed.errors).toBeUndefined();
    expect(JSON.stringify(parsed)).toBe(text);
    // The compiled serializer writes `{ data }`; the response cache's marker is spliced in after it.
    const dataOnly = { data: parsed.data };
    expect(compileStringifier(gatewaySchema, parse(DASHBOARD_QUERY))?.(dataOnly)).toBe(JSON.stringify(dataOnly));
    expect(parsed.extensions).toEqual({ responseCache: 'MISS' });
    await gw.close();
  });
});
