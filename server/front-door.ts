/**
 * What every request passes before GraphQL sees it: a request id, the browser-safety rules
 * (CORS allowlist, CSRF header) and authentication. Kept out of the resolvers so that no
 * resolver ever runs for a request that fails here.
 *
 * - **Request id**: `x-request-id` from the caller when it looks like one (≤ 64 of
 *   `[A-Za-z0-9._-]`), else a new UUID; sent back on the response and written on every log
 *   line of the request's internal errors (`requestContext`, an AsyncLocalStorage set by
 *   server/http.ts around each request).
 * - **CORS**: only origins in CORS_ORIGINS get CORS headers, credentials only for them; no
 *   origin is ever echoed otherwise (same-origin pages need none).
 * - **CSRF**: a request a browser can send cross-site without a preflight — GET, or a POST
 *   with a "simple" content type (multipart/form-data, text/plain, form-urlencoded) — must
 *   carry one of `CSRF_HEADERS` (any value). A page on another site cannot add a header
 *   without a preflight, which CORS then refuses. GraphiQL's own page (a GET for HTML with no
 *   operation) is exempt: it is a page, not an operation.
 * - **Auth**: with an authenticator, every operation needs `Authorization: Bearer <token>`;
 *   a failure is HTTP 401 with `WWW-Authenticate: Bearer error="invalid_token"` and a
 *   GraphQL error UNAUTHENTICATED, before parsing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { type CORSOptions, createGraphQLError, type Plugin } from 'graphql-yoga';

/** Headers that satisfy the CSRF rule; the web client sends the first. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'] as const;

/** Who a verified request is (server/auth.ts makes these). */
export interface RequestPrincipal {
  viewerId: string;
  isAdmin: boolean;
  /** Epoch ms; undefined: never. */
  expiresAt: number | undefined;
}

/** The part of server/auth.ts's Authenticator the front door calls. */
export interface RequestAuthenticator {
  authenticate(authorization: string | null): Promise<RequestPrincipal>;
}

/** Per-request context for logs: set by server/http.ts for each request it hands to Yoga. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's request id when it is safe to log and echo, else a new one. */
export const requestIdFrom = (header: string | string[] | undefined | null): string =>
  typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();

const principals = new WeakMap<Request, RequestPrincipal>();

/** The verified principal of a request (set by the front door before any other plugin runs). */
export const principalOf = (request: Request): RequestPrincipal | undefined => principals.get(request);

const SIMPLE_TYPES = ['multipart/form-data', 'text/plain', 'application/x-www-form-urlencoded'];

/** True when a browser could send this request from another site without a preflight. */
function sendableWithoutPreflight(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true;
  if (request.method !== 'POST') return false;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' || SIMPLE_TYPES.includes(type);
}

/** GraphiQL's page: a browser navigation to the endpoint, no operation in it. */
function isGraphiqlPage(request: Request, url: URL): boolean {
  if (request.method !== 'GET') return false;
  if (url.searchParams.has('query') || url.searchParams.has('documentId') || url.searchParams.has('extensions')) return false;
  return (request.headers.get('accept') ?? '').includes('text/html');
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

export interface FrontDoorOptions {
  /** Null: local mode, every request is the local viewer. */
  auth: RequestAuthenticator | null;
  /** In production, a 401 says only that the token was not accepted, not why. */
  production: boolean;
  /** Largest body of a request that is not an upload (MAX_BODY_KB), bytes. */
  maxBodyBytes: number;
  /** Largest multipart upload (MAX_UPLOAD_MB plus room for its fields), bytes. */
  maxUploadBytes: number;
}

const tooLarge = (what: string) => json(413, { errors: [{ message: what, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });

/**
 * Body sizes, from the headers, before anything is read: an upload may be as large as
 * MAX_UPLOAD_MB (the multipart parser streams it to disk and enforces the limit as it
 * arrives), any other body as large as MAX_BODY_KB (a body without Content-Length is
 * counted as it is read and cut off there).
 */
function bodyRefusal(request: Request, options: FrontDoorOptions): Response | null {
  if (request.method !== 'POST') return null;
  const raw = request.headers.get('content-length');
  const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
  if (raw === null) return null; // counted as it arrives (onRequestParse below; uploads: server/uploads.ts)
  if (!/^\d+$/.test(raw)) {
    return json(400, { errors: [{ message: 'Content-Length header is invalid.', extensions: { code: 'BAD_REQUEST' } }] });
  }
  const length = Number(raw);
  if (multipart && length > options.maxUploadBytes) {
    return tooLarge(`The upload has ${length} bytes; the limit is ${options.maxUploadBytes} (MAX_UPLOAD_MB).`);
  }
  if (!multipart && length > options.maxBodyBytes) {
    return tooLarge(`The request body has ${length} bytes; the limit is ${options.maxBodyBytes} (MAX_BODY_KB).`);
  }
  return null;
}

/** `request` with a body that errors (413) once more than `limit` bytes have been read. */
function limitBody(request: Request, limit: number): Request {
  let read = 0;
  const body = (request.body as ReadableStream<Uint8Array>).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) {
          controller.error(
            createGraphQLError(`The request body is over the limit of ${limit} bytes (MAX_BODY_KB).`, {
              extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } },
            }),
          );
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body, duplex: 'half' } as RequestInit);
}

/** The Yoga plugin: CSRF, then authentication; both end the request before parsing when they fail. */
export function useFrontDoor(options: FrontDoorOptions): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
      if (multipart || !requestParser || !request.body) return;
      setRequestParser((req) => requestParser(limitBody(req, options.maxBodyBytes)));
    },
    async onRequest({ request, url, endResponse }) {
      // Only the API: other paths are Yoga's 404s (the page and its assets are served before Yoga).
      if (url.pathname !== '/graphql' || isGraphiqlPage(request, url)) return;
      const refusal = bodyRefusal(request, options);
      if (refusal) {
        endResponse(refusal);
        return;
      }
      if (sendableWithoutPreflight(request) && !CSRF_HEADERS.some((h) => request.headers.has(h))) {
        endResponse(
          json(403, {
            errors: [
              {
                message: `Requests a browser can send without a preflight (GET, multipart) need the ${CSRF_HEADERS[0]} header (any value).`,
                extensions: { code: 'CSRF_HEADER_REQUIRED' },
              },
            ],
          }),
        );
        return;
      }
      if (!options.auth) return;
      try {
        principals.set(request, await options.auth.authenticate(request.headers.get('authorization')));
      } catch (err) {
        const reason = (err as { reason?: string }).reason ?? 'invalid';
        const message = options.production
          ? 'The bearer token was not accepted.'
          : `The bearer token was not accepted: ${(err as Error).message}`;
        endResponse(
          json(
            401,
            { errors: [{ message, extensions: { code: 'UNAUTHENTICATED', ...(options.production ? {} : { reason }) } }] },
            { 'www-authenticate': 'Bearer error="invalid_token"' },
          ),
        );
      }
    },
  };
}

/**
 * Yoga's `cors` option: CORS headers only for an allowlisted origin (credentials allowed for
 * it, the origin echoed because it is on the list); `false` (no CORS headers at all) for any
 * other origin, so the browser keeps the response from the page.
 */
export function corsFor(allowlist: readonly string[]): (request: Request) => CORSOptions {
  const allowed = new Set(allowlist);
  return (request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'accept', 'x-request-id', ...CSRF_HEADERS],
      exposedHeaders: ['x-request-id', 'etag'],
      maxAge: 600,
    };
  };
}
