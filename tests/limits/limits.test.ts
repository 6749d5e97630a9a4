/**
 * Document limits (server/limits.ts): every document the project ships stays within half of
 * each limit and validates with the plugins on; each abuse is rejected before execution as a
 * request error (QUERY_LIMIT, the limit it hit, HTTP 400 with application/graphql-response+json);
 * production wording names the limit only and hides "Did you mean" suggestions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { type GraphQLError, getIntrospectionQuery } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';
import { DASHBOARD_QUERY } from '../../server/dashboard.js';
import { DEFAULT_LIMITS, type DocumentLimits, documentLimitPlugins, measureDocument } from '../../server/limits.js';

/** The documents as shipped, read now: GraphiQL's default, tests/documents, the web page's. */
function shippedDocuments(): [string, string][] {
  const docs: [string, string][] = [['server/dashboard.ts DASHBOARD_QUERY', DASHBOARD_QUERY]];
  const dir = new URL('../documents/', import.meta.url);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    docs.push([`tests/documents/${file}`, readFileSync(new URL(file, dir), 'utf8')]);
  }
  const persisted = JSON.parse(
    readFileSync(new URL('../../web/src/gql/persisted-documents.json', import.meta.url), 'utf8'),
  ) as Record<string, string>;
  for (const [hash, text] of Object.entries(persisted)) docs.push([`web persisted ${hash.slice(0, 15)}`, text]);
  return docs;
}

const SHIPPED = shippedDocuments();

const MEASURE_TO_LIMIT: [keyof ReturnType<typeof measureDocument>, keyof DocumentLimits][] = [
  ['depth', 'maxDepth'],
  ['aliases', 'maxAliases'],
  ['directives', 'maxDirectives'],
  ['tokens', 'maxTokens'],
  ['operations', 'maxOperations'],
  ['bytes', 'maxDocumentBytes'],
];

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

function server(production: boolean, limits?: Partial<DocumentLimits>) {
  return createYoga({ schema, plugins: documentLimitPlugins({ production, limits }), logging: false });
}

async function post(
  yoga: ReturnType<typeof server>,
  query: string,
  accept = 'application/graphql-response+json',
  variables?: Record<string, unknown>,
) {
  const res = await yoga.fetch('http://x/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

/** Parse and validate through the plugin pipeline (no execution): the errors a request would get. */
function validationErrors(yoga: ReturnType<typeof server>, query: string): readonly GraphQLError[] {
  const { parse, validate, schema: s } = yoga.getEnveloped({});
  return validate(s, parse(query));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Abuse documents; each hits the named limit first under DEFAULT_LIMITS. */
const ABUSE: Record<string, [string, string]> = {
  'nested fields past the depth limit': [
    'depth',
    `{ analytics { sessions { data { list { edges { node { ${'channels { '.repeat(15)}id${' }'.repeat(15)} } } } } } } }`,
  ],
  'fragments nesting past the depth limit': [
    'depth',
    `{ analytics { ...F0 } } ${range(20)
      .map((i) => `fragment F${i} on Analytics { sessions { ...F${i + 1} } }`)
      .join(' ')} fragment F20 on Analytics { id }`,
  ],
  'a fragment cycle': ['depth', '{ analytics { ...A } } fragment A on Analytics { id ...B } fragment B on Analytics { ...A }'],
  '400 aliased aggregations': [
    'aliases',
    `{ analytics { ${range(400)
      .map((i) => `a${i}: kpis { id }`)
      .join(' ')} } }`,
  ],
  'a fragment bomb (aliases doubling 30 times)': [
    'aliases',
    `{ viewer { ...B0 } } ${range(30)
      .map((i) => `fragment B${i} on Viewer { ...B${i + 1} ...B${i + 1} }`)
      .join(' ')} fragment B30 on Viewer { x: id }`,
  ],
  '51 directives': [
    'directives',
    `{ viewer { ${range(51)
      .map(() => 'id @include(if: true)')
      .join(' ')} } }`,
  ],
  'a 9 000-token document': ['tokens', `{ viewer { ${'id '.repeat(9000)}} }`],
  '9 000 tokens then a syntax error (parsing stops at the limit)': ['tokens', `{ viewer { ${'id '.repeat(9000)}} } } } {{`],
  '2 000 operations (the token limit is hit first)': ['tokens', '{ viewer { id } }'.repeat(2000)],
  '9 operations': [
    'operations',
    range(9)
      .map((i) => `query Q${i} { viewer { id } }`)
      .join('\n'),
  ],
  'a 70 KB document (comments: few tokens)': ['bytes', `{ viewer { id } }\n# ${'x'.repeat(70_000)}`],
  'a 115 KB document of 400 aliased aggregations': [
    'bytes',
    `query Aliased {\n  analytics {\n${range(400)
      .map(
        (i) => `    a${i}: topChannels(limit: 10) {
      id
      data {
        channel {
          id
          channelKey
          channelTitle
          channelUrl
        }
        videos
        shareOfVideos
        estimatedWatchSeconds
      }
      meta { source stale computedAt expiresAt dataVersion computeMillis filterKey }
    }\n`,
      )
      .join('')}  }\n}\n`,
  ],
};

describe('measureDocument', () => {
  it('counts depth through fragments and not through introspection, aliases and directives through spreads', () => {
    expect(measureDocument('{ a }')).toEqual({ depth: 1, aliases: 0, directives: 0, tokens: 3, operations: 1, bytes: 5 });
    const m = measureDocument(
      'query Q($v: Int @d) @d { x: a { ... on T @d { b { ...F } } } } fragment F on T @d { c { y: d @d } } # comment',
    );
    expect(m).toMatchObject({ depth: 4, aliases: 2, directives: 5, operations: 1 });
    expect(measureDocument('{ a { ...F ...F ...F } } fragment F on A { x: b }').aliases).toBe(3);
    expect(measureDocument('{ a { ...A } } fragment A on A { ...B } fragment B on A { ...A }').depth).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(measureDocument('{ __schema { types { fields { type { ofType { name } } } } } }').depth).toBe(1);
    const unicode = '{ a(s: "é €  😀") }';
    expect(measureDocument(unicode).bytes).toBe(new TextEncoder().encode(unicode).length);
  });

  it('every shipped document is within half of each limit', () => {
    expect(SHIPPED.length).toBeGreaterThanOrEqual(13);
    for (const [name, text] of SHIPPED) {
      const m = measureDocument(text);
      for (const [measure, limit] of MEASURE_TO_LIMIT) {
        expect(m[measure], `${name}: ${measure} ${m[measure]} vs ${limit} ${DEFAULT_LIMITS[limit]}`).toBeLessThanOrEqual(
          DEFAULT_LIMITS[limit] / 2,
        );
      }
    }
  });

  it('every abuse document is over the limit it is listed under', () => {
    const measureOf: Record<string, keyof ReturnType<typeof measureDocument>> = {
      depth: 'depth',
      aliases: 'aliases',
      directives: 'directives',
      tokens: 'tokens',
      operations: 'operations',
      bytes: 'bytes',
    };
    for (const [name, [limit, text]] of Object.entries(ABUSE)) {
      if (name.includes('syntax error')) continue;
      if (name.includes('115 KB')) {
        expect(measureDocument(text).aliases).toBe(400);
        expect(measureDocument(text).bytes).toBeGreaterThan(115_000);
      }
      const measure = measureOf[limit]!;
      const pair = MEASURE_TO_LIMIT.find(([m]) => m === measure)!;
      expect(measureDocument(text)[measure], name).toBeGreaterThan(DEFAULT_LIMITS[pair[1]]);
    }
  });
});

describe('documentLimitPlugins: shipped documents pass', () => {
  for (const production of [false, true]) {
    it(`every shipped document validates on the real schema (${production ? 'production' : 'development'})`, async () => {
      const yoga = server(production);
      for (const [name, text] of SHIPPED) {
        expect(
          validationErrors(yoga, text).map((e) => e.message),
          name,
        ).toEqual([]);
        // Over HTTP it gets past parsing and validation (it then fails in resolvers: no context).
        const { body } = await post(yoga, text);
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        expect(codes, name).not.toContain('QUERY_LIMIT');
        expect(codes, name).not.toContain('GRAPHQL_VALIDATION_FAILED');
      }
    });
  }

  it("GraphiQL's introspection query passes in development", async () => {
    const yoga = server(false);
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    expect(validationErrors(yoga, query)).toEqual([]);
    const { status, body } = await post(yoga, query);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toHaveProperty('__schema.types');
  });
});

describe('documentLimitPlugins: abuse is rejected before execution', () => {
  const dev = server(false);
  for (const [name, [limit, query]] of Object.entries(ABUSE)) {
    it(`${name} → ${limit}`, async () => {
      const started = performance.now();
      const { status, body } = await post(dev, query);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({ code: 'QUERY_LIMIT', limit });
      expect(body.errors![0]!.message).toContain(`${limit} limit`);
    });
  }

  it('the development message gives the numbers', async () => {
    const { body } = await post(dev, ABUSE['400 aliased aggregations']![1]);
    expect(body.errors![0]!.message).toBe('Document exceeds the aliases limit: 400 aliases, the limit is 40.');
    const cycle = await post(dev, ABUSE['a fragment cycle']![1]);
    expect(cycle.body.errors![0]!.message).toMatch(/limit of 16: a fragment cycle/);
  });

  it('2 000 operations with the token limit raised → operations', async () => {
    const { status, body } = await post(server(false, { maxTokens: 100_000 }), '{ viewer { id } }'.repeat(2000));
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_LIMIT', limit: 'operations' } })]);
  });

  it('limits can be overridden', async () => {
    const yoga = server(false, { maxDepth: 2 });
    const { body } = await post(yoga, '{ viewer { id } }');
    expect(body.errors?.map((e) => e.extensions?.code)).not.toContain('QUERY_LIMIT');
    const deep = await post(yoga, '{ analytics { kpis { id } } }');
    expect(deep.body.errors![0]!.extensions).toEqual({ code: 'QUERY_LIMIT', limit: 'depth' });
  });

  it('with application/json the rejection is 200, like every validation error (GraphQL-over-HTTP)', async () => {
    const { status, body } = await post(dev, ABUSE['51 directives']![1], 'application/json');
    expect(status).toBe(200);
    expect(body.errors![0]!.extensions).toEqual({ code: 'QUERY_LIMIT', limit: 'directives' });
  });
});

describe('documentLimitPlugins: production', () => {
  const prod = server(true);
  for (const [name, [limit, query]] of Object.entries(ABUSE)) {
    it(`${name}: names ${limit}, no numbers`, async () => {
      const { status, body } = await post(prod, query);
      expect(status).toBe(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({ code: 'QUERY_LIMIT', limit });
      expect(body.errors![0]!.message).toBe(`Document exceeds the ${limit} limit.`);
    });
  }

  it('a misspelt field gets no suggestion in production, one in development', async () => {
    const query = '{ viewer { dataVersio } }';
    const p = await post(prod, query);
    expect(p.status).toBe(400);
    expect(p.body.errors![0]!.message).toBe('Cannot query field "dataVersio" on type "Viewer".');
    const d = await post(server(false), query);
    expect(d.body.errors![0]!.message).toMatch(/Did you mean "dataVersion"\?/);
  });

  it('misspelt arguments and enum values (literal or variable) get no suggestion in production', async () => {
    const cases: [string, Record<string, unknown> | undefined][] = [
      ['{ analytics { topChannels(limitt: 10) { id } } }', undefined],
      ['{ analytics(filter: { timeframe: LAST_6_MONTH }) { id } }', undefined],
      // A variable is coerced at execution, not validation: its error is masked too.
      ['query ($f: WatchFilter) { analytics(filter: $f) { id } }', { f: { timeframe: 'LAST_6_MONTH' } }],
    ];
    for (const [query, variables] of cases) {
      const d = await post(server(false), query, undefined, variables);
      expect(d.body.errors!.map((e) => e.message).join(' '), query).toMatch(/Did you mean/);
      const p = await post(prod, query, undefined, variables);
      expect(p.body.errors!.length, query).toBeGreaterThan(0);
      for (const e of p.body.errors!) {
        expect(e.message, query).not.toMatch(/Did you mean|LAST_6_MONTHS|limit"/);
        expect(JSON.stringify(e.extensions ?? {}), query).not.toMatch(/Did you mean/);
      }
    }
  });
});
