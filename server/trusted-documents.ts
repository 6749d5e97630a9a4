/**
 * Trusted documents (persisted operations): in production the gateway executes only the
 * operations this project ships, named by `documentId` (`sha256:<hex>`, the GraphQL-over-HTTP
 * persisted-documents draft), so an arbitrary (expensive, probing) query never reaches the
 * engine. The ids come from the committed manifests graphql-codegen writes (`codegen.ts`):
 * `web/src/gql/persisted-documents.json` (the page) and `schema/trusted-documents.json`
 * (tests/documents, the GraphiQL default), drift-checked by `npm run codegen:check`.
 *
 * A GET by `documentId` is also an HTTP-cacheable resource: `httpCachingPlugin` gives it an
 * ETag from the response-cache key (viewer, data version, document, variables, local day) and
 * the schema, and answers a matching `If-None-Match` with 304 before anything is parsed or run.
 * The key holds the data version, so a commit changes every ETag of that viewer.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { type GraphQLErrorExtensions, type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

/** The trusted documents, by id; a read-only view so a request can never add one. */
export interface TrustedDocuments {
  /** documentId (`sha256:<hex>`) → source */
  get(id: string): string | undefined;
  readonly size: number;
  ids(): string[];
}

const ID = /^sha256:[0-9a-f]{64}$/;

/** The id a document's text has in every manifest (the client preset's form), so callers and tests need not re-derive it. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * Builds the set from manifests already read (`sha256:<hex>` → text), checking every id against
 * its text: an edited or hand-written entry would otherwise let a document run under another's
 * id. `source` names the manifest in the error. Throws on the first bad entry.
 */
export function createTrustedDocuments(manifests: { source: string; entries: unknown }[]): TrustedDocuments {
  const byId = new Map<string, string>();
  for (const { source, entries } of manifests) {
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
      throw new Error(`[trusted-documents] ${source}: expected an object of "sha256:<hex>": "<document>"`);
    }
    for (const [id, text] of Object.entries(entries as Record<string, unknown>)) {
      if (!ID.test(id)) throw new Error(`[trusted-documents] ${source}: "${id}" is not a sha256:<hex> document id`);
      if (typeof text !== 'string' || text.length === 0) {
        throw new Error(`[trusted-documents] ${source}: ${id} has no document text`);
      }
      if (documentIdOf(text) !== id) {
        throw new Error(
          `[trusted-documents] ${source}: ${id} is not the sha256 of its document (edited by hand? run npm run codegen)`,
        );
      }
      byId.set(id, text);
    }
  }
  return {
    get: (id) => byId.get(id),
    size: byId.size,
    ids: () => [...byId.keys()],
  };
}

/**
 * The committed manifests: the page's (client preset) and the rest of the shipped operations —
 * from the sources, or the copies a build carries (`dist/manifests/`, next to its .build-stamp;
 * scripts/build.mjs), so a pruned production install needs nothing outside `dist/`.
 */
export function defaultManifestPaths(): string[] {
  const top = join(dirname(fileURLToPath(import.meta.url)), '..');
  if (existsSync(join(top, '.build-stamp'))) return [join(top, 'manifests', 'web.json'), join(top, 'manifests', 'shipped.json')];
  return [join(top, 'web', 'src', 'gql', 'persisted-documents.json'), join(top, 'schema', 'trusted-documents.json')];
}

/**
 * Loads and merges the committed manifests (web + the rest) and verifies each id is the sha256
 * of its text, at start-up: a missing, malformed or tampered manifest stops the gateway instead
 * of silently rejecting (or accepting) documents later.
 */
export function loadTrustedDocuments(paths: string[] = defaultManifestPaths()): TrustedDocuments {
  return createTrustedDocuments(
    paths.map((path) => {
      let raw: string;
      try {
        raw = readFileSync(path, 'utf8');
      } catch (err) {
        throw new Error(`[trusted-documents] cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        return { source: path, entries: JSON.parse(raw) as unknown };
      } catch (err) {
        throw new Error(`[trusted-documents] ${path} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
  );
}

/** What the gateway accepts besides ids. */
export interface TrustedDocumentsOptions {
  documents: TrustedDocuments;
  /** accept raw `query` too (dev, or ALLOW_ARBITRARY_OPERATIONS) */
  allowArbitraryOperations: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Apollo's `extensions.persistedQuery.sha256Hash` (bare hex) as a documentId, so Apollo clients name the same documents. */
function apolloId(extensions: unknown): string | null {
  if (!isRecord(extensions)) return null;
  const pq = extensions.persistedQuery;
  if (!isRecord(pq) || typeof pq.sha256Hash !== 'string' || pq.sha256Hash.length === 0) return null;
  return pq.sha256Hash.startsWith('sha256:') ? pq.sha256Hash : `sha256:${pq.sha256Hash.toLowerCase()}`;
}

/** `documentId` of a GET's search params (or the Apollo-style `extensions` param); null when absent or unreadable. */
function documentIdOfSearch(search: URLSearchParams): string | null {
  const id = search.get('documentId');
  if (id) return id;
  const extensions = search.get('extensions');
  if (!extensions) return null;
  try {
    return apolloId(JSON.parse(extensions));
  } catch {
    return null; // Yoga answers the malformed parameter itself
  }
}

/** The requested id: POST body (JSON or multipart `operations`), GET search param, or Apollo's extension. */
function requestedId(params: GraphQLParams, request: Request): string | null {
  const body = (params as GraphQLParams & { documentId?: unknown }).documentId;
  if (typeof body === 'string' && body.length > 0) return body;
  if (request.method === 'GET') {
    const id = documentIdOfSearch(new URL(request.url, 'http://localhost').searchParams);
    if (id) return id;
  }
  return apolloId(params.extensions);
}

/** The `extensions.code` values this module answers with (PERSISTED_QUERY_*: the web client acts on them). */
export type TrustedDocumentErrorCode = 'PERSISTED_QUERY_ONLY' | 'PERSISTED_QUERY_NOT_FOUND' | 'BAD_REQUEST';

// The cast goes once resolvers/errors.ts lists the PERSISTED_QUERY_* codes in its union.
const errorExtensions = (code: TrustedDocumentErrorCode, status: number) =>
  ({ code, http: { status } }) as unknown as GraphQLErrorExtensions;

/**
 * Yoga plugin: resolves `documentId` (POST JSON body, GET search param; also Apollo's
 * `extensions.persistedQuery.sha256Hash` for the same hashes) to its trusted text before the
 * response cache and the engine see the request, so both key and run the committed document.
 * An unknown id is PERSISTED_QUERY_NOT_FOUND (404); a raw `query` is PERSISTED_QUERY_ONLY (400)
 * unless `allowArbitraryOperations` (which the web client answers by switching to ids). Place
 * it before the response cache's plugin.
 */
export function trustedDocumentsPlugin(options: TrustedDocumentsOptions): Plugin {
  const { documents, allowArbitraryOperations } = options;
  // With a raw query allowed, a stray `documentId` beside it would fail Yoga's parameter check.
  const dropIdBesideQuery: Plugin = {
    onParams({ params, setParams }) {
      if (!allowArbitraryOperations || !params.query) return;
      if (!('documentId' in params)) return;
      const { documentId: _ignored, ...rest } = params as GraphQLParams & { documentId?: unknown };
      setParams(rest);
    },
  };
  const persisted = usePersistedOperations({
    allowArbitraryOperations,
    extractPersistedOperationId: requestedId,
    getPersistedOperation: (id) => documents.get(id) ?? null,
    customErrors: {
      notFound: {
        message: 'Unknown documentId: this gateway runs only the trusted documents it ships (npm run codegen).',
        extensions: errorExtensions('PERSISTED_QUERY_NOT_FOUND', 404),
      },
      persistedQueryOnly: {
        message: 'Only trusted documents are accepted: send the documentId (sha256:<hex>) instead of the query text.',
        extensions: errorExtensions('PERSISTED_QUERY_ONLY', 400),
      },
      keyNotFound: allowArbitraryOperations
        ? { message: 'Must provide a query or a documentId.', extensions: errorExtensions('BAD_REQUEST', 400) }
        : {
            message: 'Must provide a documentId (sha256:<hex>): only trusted documents are accepted.',
            extensions: errorExtensions('PERSISTED_QUERY_ONLY', 400),
          },
    },
  }) as Plugin;
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(dropIdBesideQuery);
      addPlugin(persisted);
    },
  };
}

/** What `keyOf` is given: the id, its trusted text, and the request's operation name and variables. */
export interface CacheKeyParams {
  documentId: string;
  /** The trusted text of `documentId` (what the response cache keys on). */
  document: string;
  operationName: string | null;
  variables: unknown;
}

/** Inputs of the GET caching plugin. */
export interface HttpCachingOptions {
  documents: TrustedDocuments;
  /** `schemaHash(schema)`: a deploy that changes the schema changes every ETag. */
  schemaHash: string;
  /**
   * The response-cache key of the request (viewer, data version, document, variables, local day),
   * or null when the request cannot be keyed (no viewer, …: then no ETag and no 304).
   */
  keyOf: (request: Request, params: CacheKeyParams) => Promise<string | null>;
}

/** Per GET-by-id request: the ETag (when keyed) and whether its result may carry it. */
interface Tagged {
  etag: string | null;
  cacheable: boolean;
}

/** RFC 9110 weak comparison of `If-None-Match` against one ETag (`*` matches any). */
function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === wanted);
}

const appendVary = (current: string | null, name: string): string => {
  if (!current) return name;
  const names = current.split(',').map((v) => v.trim().toLowerCase());
  return names.includes('*') || names.includes(name.toLowerCase()) ? current : `${current}, ${name}`;
};

/**
 * GET caching of trusted documents: a GET with `documentId` is answered with `Cache-Control:
 * private, no-cache` and `Vary: Authorization` (per viewer, always revalidated) and, when
 * `keyOf` keys it and the result has no errors, `ETag: W/"<hash of key + schemaHash>"`. A
 * matching `If-None-Match` gets 304 in `onRequest`, before parsing, the response cache and
 * execution. Weak: the bytes may differ (the response cache's HIT/MISS marker), the meaning not.
 */
export function httpCachingPlugin(options: HttpCachingOptions): Plugin {
  const { documents, schemaHash: schema, keyOf } = options;
  const tagged = new WeakMap<Request, Tagged>();
  let endpoint = '/graphql';
  const CACHE_CONTROL = 'private, no-cache';
  const headersOf = (etag: string): Record<string, string> => ({ 'cache-control': CACHE_CONTROL, vary: 'Authorization', etag });
  return {
    onYogaInit({ yoga }) {
      endpoint = yoga.graphqlEndpoint;
    },
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.pathname !== endpoint) return;
      const documentId = documentIdOfSearch(url.searchParams);
      if (!documentId) return;
      const tag: Tagged = { etag: null, cacheable: false };
      tagged.set(request, tag);
      const document = documents.get(documentId);
      if (document === undefined) return; // the trusted-documents plugin answers it
      let key: string | null;
      try {
        const raw = url.searchParams.get('variables');
        const variables: unknown = raw ? JSON.parse(raw) : undefined;
        key = await keyOf(request, { documentId, document, operationName: url.searchParams.get('operationName'), variables });
      } catch {
        return; // malformed variables or an unkeyable request: the regular path answers it
      }
      if (key === null) return;
      tag.etag = `W/"${createHash('sha256').update(key).update('\u0000').update(schema).digest('base64url')}"`;
      if (matchesIfNoneMatch(request.headers.get('if-none-match'), tag.etag)) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers: headersOf(tag.etag) }));
      }
    },
    onExecutionResult({ request, result }) {
      const tag = tagged.get(request);
      if (!tag) return;
      // A stream, or a result with errors (maybe transient), must not be revalidated as current.
      tag.cacheable = result !== undefined && !(Symbol.asyncIterator in result) && !(result.errors && result.errors.length > 0);
    },
    onResponse({ request, response }) {
      const tag = tagged.get(request);
      if (!tag || response.status === 304) return;
      response.headers.set('cache-control', CACHE_CONTROL);
      response.headers.set('vary', appendVary(response.headers.get('vary'), 'Authorization'));
      if (tag.etag && tag.cacheable && response.status === 200) response.headers.set('etag', tag.etag);
    },
  };
}

/** A short stable hash of the schema (sorted SDL): part of every ETag, so a schema change invalidates them. */
export function schemaHash(schema: GraphQLSchema): string {
  return createHash('sha256')
    .update(printSchema(lexicographicSortSchema(schema)))
    .digest('hex')
    .slice(0, 16);
}
