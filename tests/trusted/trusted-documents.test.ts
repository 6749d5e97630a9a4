/**
 * Trusted documents (server/trusted-documents.ts): the committed manifests are sound and hold
 * every shipped operation; in production only ids run (POST and GET, Apollo-style too), raw
 * text is PERSISTED_QUERY_ONLY unless allowed, an unknown id PERSISTED_QUERY_NOT_FOUND; a GET
 * by id is privately cacheable with an ETag from the response-cache key and answered 304
 * without running anything. Rejections run on the real schema; execution on a one-field schema
 * (a gateway context is not needed to see the HTTP behaviour).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
  visit,
} from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';
import { DASHBOARD_QUERY } from '../../server/dashboard.js';
import {
  type CacheKeyParams,
  createTrustedDocuments,
  defaultManifestPaths,
  documentIdOf,
  httpCachingPlugin,
  loadTrustedDocuments,
  schemaHash,
  trustedDocumentsPlugin,
} from '../../server/trusted-documents.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WEB_MANIFEST = join(ROOT, 'web', 'src', 'gql', 'persisted-documents.json');
const OTHER_MANIFEST = join(ROOT, 'schema', 'trusted-documents.json');

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Operation + the fragments it spreads, printed as the client preset (and codegen.ts) print it. */
function persistedFormsOf(source: string): string[] {
  const definitions = parse(source).definitions;
  const fragments = new Map(
    definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => {
      const used = new Map<string, FragmentDefinitionNode>();
      const walk = (node: DefinitionNode) =>
        visit(node, {
          FragmentSpread(s) {
            const f = fragments.get(s.name.value);
            if (f && !used.has(f.name.value)) {
              used.set(f.name.value, f);
              walk(f);
            }
          },
        });
      walk(op);
      const doc: DocumentNode = { kind: Kind.DOCUMENT, definitions: [op, ...used.values()] };
      return printExecutableGraphQLDocument(doc);
    });
}

describe('committed manifests', () => {
  const merged = loadTrustedDocuments();

  it('loads both manifests by default, and every committed id is the sha256 of its text', () => {
    expect(defaultManifestPaths()).toEqual([WEB_MANIFEST, OTHER_MANIFEST]);
    for (const path of [WEB_MANIFEST, OTHER_MANIFEST]) {
      const entries = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
      expect(Object.keys(entries).length).toBeGreaterThan(0);
      for (const [id, text] of Object.entries(entries)) {
        expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(documentIdOf(text)).toBe(id);
        expect(merged.get(id)).toBe(text);
      }
    }
    expect(merged.size).toBe(merged.ids().length);
  });

  it('holds every shipped document: the web manifest, every id the web client embeds, tests/documents, the dashboard', () => {
    const web = JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as Record<string, string>;
    for (const id of Object.keys(web)) expect(merged.get(id)).toBe(web[id]);

    const generated = readFileSync(join(ROOT, 'web', 'src', 'gql', 'graphql.ts'), 'utf8');
    const embedded = [...generated.matchAll(/"hash":"(sha256:[0-9a-f]{64})"/g)].map((m) => m[1]);
    expect(embedded.length).toBeGreaterThan(0);
    for (const id of embedded) expect(merged.get(id!), id).toBeDefined();

    const dir = join(ROOT, 'tests', 'documents');
    const sources = [
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.graphql'))
        .map((f) => readFileSync(join(dir, f), 'utf8')),
      DASHBOARD_QUERY,
    ];
    expect(sources.length).toBeGreaterThan(1);
    for (const source of sources) {
      for (const text of persistedFormsOf(source)) expect(merged.get(documentIdOf(text)), text.slice(0, 60)).toBe(text);
    }
  });

  it('every trusted operation is valid against the current schema', () => {
    for (const id of merged.ids()) {
      const doc = parse(merged.get(id)!);
      if (!doc.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) continue; // a fragment's own entry
      expect(
        validate(schema, doc).map((e) => e.message),
        id,
      ).toEqual([]);
    }
  });

  describe('the loader refuses a bad manifest at start-up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wg-trusted-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };

    it('a tampered document (text edited, id kept)', () => {
      const entries = JSON.parse(readFileSync(OTHER_MANIFEST, 'utf8')) as Record<string, string>;
      const [id, text] = Object.entries(entries)[0]!;
      const path = write('tampered.json', JSON.stringify({ ...entries, [id]: text.replace('{', '{ __typename ') }));
      expect(() => loadTrustedDocuments([WEB_MANIFEST, path])).toThrow(/is not the sha256 of its document/);
    });

    it('a malformed id, a non-string entry, not JSON, a missing file', () => {
      expect(() => loadTrustedDocuments([write('id.json', '{"abc": "query { x }"}')])).toThrow(/not a sha256:<hex>/);
      const id = documentIdOf('query { x }');
      expect(() => loadTrustedDocuments([write('num.json', JSON.stringify({ [id]: 1 }))])).toThrow(/no document text/);
      expect(() => loadTrustedDocuments([write('bad.json', '{')])).toThrow(/is not JSON/);
      expect(() => loadTrustedDocuments([write('arr.json', '[]')])).toThrow(/expected an object/);
      expect(() => loadTrustedDocuments([join(dir, 'missing.json')])).toThrow(/cannot read/);
    });
  });
});

describe('on the real schema', () => {
  const documents = loadTrustedDocuments();
  const yoga = createYoga({
    schema,
    context: {},
    maskedErrors: true,
    plugins: [trustedDocumentsPlugin({ documents, allowArbitraryOperations: false })],
  });
  const post = (body: unknown) =>
    yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });

  it('a raw query is PERSISTED_QUERY_ONLY (400), even the text of a trusted document', async () => {
    const res = await post({ query: DASHBOARD_QUERY });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(body.data).toBeUndefined();
  });

  it('an unknown id is PERSISTED_QUERY_NOT_FOUND (404), by POST and by GET', async () => {
    const unknown = documentIdOf('query Nope { viewer { id } }');
    const res = await post({ documentId: unknown });
    expect(res.status).toBe(404);
    expect(((await res.json()) as Body).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const get = await yoga.fetch(`http://localhost/graphql?documentId=${encodeURIComponent(unknown)}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(get.status).toBe(404);
    expect(((await get.json()) as Body).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('neither query nor id asks for an id', async () => {
    const res = await post({ variables: {} });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('the schema hash is stable and changes with the schema', () => {
    expect(schemaHash(schema)).toBe(schemaHash(schema));
    expect(schemaHash(schema)).toMatch(/^[0-9a-f]{16}$/);
    const other = createSchema({ typeDefs: 'type Query { hello: String }' });
    expect(schemaHash(other)).not.toBe(schemaHash(schema));
  });
});

describe('execution and GET caching (one-field schema)', () => {
  const HELLO = 'query Hello($n: Int) { hello(n: $n) }';
  const BOOM = 'query Boom { boom }';
  const HELLO_ID = documentIdOf(HELLO);
  const BOOM_ID = documentIdOf(BOOM);
  const documents = createTrustedDocuments([{ source: 'test', entries: { [HELLO_ID]: HELLO, [BOOM_ID]: BOOM } }]);
  const tiny = createSchema({
    typeDefs: 'type Query { hello(n: Int): String boom: String }',
    resolvers: {
      Query: {
        hello: (_: unknown, args: { n?: number | null }) => {
          calls++;
          return `hello ${args.n ?? 0} v${dataVersion}`;
        },
        boom: () => {
          calls++;
          throw new Error('boom');
        },
      },
    },
  });
  let calls = 0;
  let dataVersion = 1;
  const keyCalls: CacheKeyParams[] = [];
  /** Stands in for the response-cache key: viewer (the token), data version, document, variables. */
  const keyOf = async (request: Request, params: CacheKeyParams) => {
    keyCalls.push(params);
    const viewer = request.headers.get('authorization');
    if (!viewer) return null;
    return `${viewer}:${dataVersion}:${params.document}:${params.operationName ?? ''}:${JSON.stringify(params.variables ?? {})}`;
  };
  /** What a later plugin (the response cache) sees as the query. */
  const seenQueries: (string | undefined)[] = [];
  const recorder: Plugin = {
    onParams({ params }) {
      seenQueries.push(params.query);
    },
  };
  const make = (allowArbitraryOperations: boolean) =>
    createYoga({
      schema: tiny,
      maskedErrors: true,
      logging: false,
      plugins: [
        trustedDocumentsPlugin({ documents, allowArbitraryOperations }),
        recorder,
        httpCachingPlugin({ documents, schemaHash: schemaHash(tiny), keyOf }),
      ],
    });
  const strict = make(false);
  const lenient = make(true);

  beforeEach(() => {
    calls = 0;
    dataVersion = 1;
    keyCalls.length = 0;
    seenQueries.length = 0;
  });

  const post = (yoga: typeof strict, body: unknown) =>
    yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });
  const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    strict.fetch(`http://localhost/graphql?${new URLSearchParams(params)}`, {
      headers: { accept: 'application/graphql-response+json', ...headers },
    });
  const helloGet = (n: number, headers: Record<string, string> = { authorization: 'Bearer alice' }) =>
    get({ documentId: HELLO_ID, variables: JSON.stringify({ n }), operationName: 'Hello' }, headers);

  it('POST with documentId executes the trusted text (later plugins see the text)', async () => {
    const res = await post(strict, { documentId: HELLO_ID, variables: { n: 2 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { hello: 'hello 2 v1' } });
    expect(seenQueries).toEqual([HELLO]);
    expect(res.headers.get('etag')).toBeNull(); // POST is not cached
  });

  it('GET with documentId and variables executes', async () => {
    const res = await helloGet(3);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { hello: 'hello 3 v1' } });
    expect(calls).toBe(1);
    expect(keyCalls).toEqual([{ documentId: HELLO_ID, document: HELLO, operationName: 'Hello', variables: { n: 3 } }]);
  });

  it("Apollo's extensions.persistedQuery.sha256Hash names the same documents (POST and GET)", async () => {
    const hash = HELLO_ID.slice('sha256:'.length);
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const res = await post(strict, { extensions, variables: { n: 4 } });
    expect(await res.json()).toEqual({ data: { hello: 'hello 4 v1' } });
    const g = await get({ extensions: JSON.stringify(extensions), variables: '{"n":5}' }, { authorization: 'Bearer alice' });
    expect(await g.json()).toEqual({ data: { hello: 'hello 5 v1' } });
    expect(g.headers.get('etag')).toMatch(/^W\/".+"$/);
  });

  it('a raw query is PERSISTED_QUERY_ONLY when not allowed, and runs when allowed', async () => {
    const rejected = await post(strict, { query: '{ hello(n: 1) }' });
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as Body).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    const getRejected = await get({ query: '{ hello }' });
    expect(((await getRejected.json()) as Body).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(calls).toBe(0);

    const accepted = await post(lenient, { query: '{ hello(n: 1) }' });
    expect(await accepted.json()).toEqual({ data: { hello: 'hello 1 v1' } });
    // A documentId beside the text does not trip Yoga's parameter check; ids still work.
    const both = await post(lenient, { query: '{ hello(n: 6) }', documentId: HELLO_ID });
    expect(await both.json()).toEqual({ data: { hello: 'hello 6 v1' } });
    const byId = await post(lenient, { documentId: HELLO_ID, variables: { n: 7 } });
    expect(await byId.json()).toEqual({ data: { hello: 'hello 7 v1' } });
  });

  it('an unknown id is PERSISTED_QUERY_NOT_FOUND, allowed or not', async () => {
    for (const yoga of [strict, lenient]) {
      const res = await post(yoga, { documentId: documentIdOf('query X { hello }') });
      expect(res.status).toBe(404);
      expect(((await res.json()) as Body).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }
    expect(calls).toBe(0);
  });

  it('a GET by documentId is private, varies by Authorization, and has a weak ETag', async () => {
    const res = await helloGet(1);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toMatch(/\bAuthorization\b/);
    expect(res.headers.get('etag')).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
  });

  it('same key → same ETag, and If-None-Match gets 304 without running the resolver', async () => {
    const first = await helloGet(1);
    const etag = first.headers.get('etag')!;
    expect(calls).toBe(1);
    const again = await helloGet(1);
    expect(again.headers.get('etag')).toBe(etag);
    expect(calls).toBe(2);

    const revalidated = await helloGet(1, { authorization: 'Bearer alice', 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('cache-control')).toBe('private, no-cache');
    expect(revalidated.headers.get('vary')).toMatch(/\bAuthorization\b/);
    expect(calls).toBe(2);
    // A list, and the strong form of the same tag, match too (weak comparison).
    const listed = await helloGet(1, { authorization: 'Bearer alice', 'if-none-match': `"nope", ${etag.slice(2)}` });
    expect(listed.status).toBe(304);
    expect(calls).toBe(2);
  });

  it('a changed key (new data version, other variables, other viewer) → another ETag and a 200', async () => {
    const etag = (await helloGet(1)).headers.get('etag')!;
    dataVersion = 2;
    const after = await helloGet(1, { authorization: 'Bearer alice', 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ data: { hello: 'hello 1 v2' } });
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(calls).toBe(2);

    const other = await helloGet(2);
    expect(other.headers.get('etag')).not.toBe(after.headers.get('etag'));
    const bob = await helloGet(1, { authorization: 'Bearer bob', 'if-none-match': after.headers.get('etag')! });
    expect(bob.status).toBe(200);
    expect(bob.headers.get('etag')).not.toBe(after.headers.get('etag'));
  });

  it('no ETag when the request cannot be keyed, or the result has errors', async () => {
    const anonymous = await helloGet(1, {});
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('etag')).toBeNull();
    expect(anonymous.headers.get('cache-control')).toBe('private, no-cache');

    const failed = await get({ documentId: BOOM_ID }, { authorization: 'Bearer alice' });
    const body = (await failed.json()) as Body;
    expect(body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(failed.headers.get('etag')).toBeNull();
  });

  it('the ETag holds the schema hash', async () => {
    const otherSchema = createYoga({
      schema: tiny,
      plugins: [
        trustedDocumentsPlugin({ documents, allowArbitraryOperations: false }),
        httpCachingPlugin({ documents, schemaHash: 'another-schema', keyOf }),
      ],
    });
    const url = `http://localhost/graphql?${new URLSearchParams({ documentId: HELLO_ID, variables: '{"n":1}', operationName: 'Hello' })}`;
    const a = await otherSchema.fetch(url, { headers: { authorization: 'Bearer alice' } });
    const b = await helloGet(1);
    expect(a.headers.get('etag')).toMatch(/^W\//);
    expect(a.headers.get('etag')).not.toBe(b.headers.get('etag'));
  });
});
