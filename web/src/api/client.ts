/**
 * The one module that talks to the gateway. Components call `query`, `mutate`, `upload` and
 * `subscribe` with documents from the generated client (`web/src/gql`); they never call `fetch`.
 *
 * - **Token**: `getToken()` is asked before every request (Clerk's `session.getToken`, Auth0's
 *   `getAccessTokenSilently`; none in local mode); a 401 asks once more with `{ refresh: true }`
 *   and retries.
 * - **CSRF**: every request carries the CSRF header (`x-graphql-yoga-csrf` by default), so a
 *   multipart upload or a GET cannot be forged by another site.
 * - **Documents**: the query text, or its `documentId` (`sha256:<hex>`, from the persisted-
 *   documents manifest) when the build or the page says the gateway accepts only trusted
 *   documents, or when it answers PERSISTED_QUERY_ONLY. With ids, queries go as GET (cacheable).
 * - **Errors**: partial results come back as `{ data, errors }`; a response without data (request
 *   error, HTTP failure, network) throws a `ClientError` saying which.
 * - **Subscriptions**: GraphQL over SSE with `fetch` (a bare `EventSource` cannot send headers).
 *
 * DOM-free except the upload (XMLHttpRequest, for progress): it also runs in Node's tests.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** A document from the generated client: its text, and its hash when persisted documents are on. */
export type Document<R, V> = DocumentTypeDecoration<R, V> & {
  toString(): string;
  __meta__?: Record<string, unknown> | undefined;
};

/** Any document, its result and variable types erased. */
type AnyDocument = { toString(): string; __meta__?: Record<string, unknown> | undefined };

export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface Result<R> {
  data: R | null;
  errors: GraphQLErrorLike[];
}

export type ClientErrorKind = 'network' | 'http' | 'graphql' | 'aborted';

/** A request that brought no data: why, the HTTP status, and the GraphQL errors if any. */
export class ClientError extends Error {
  constructor(
    readonly kind: ClientErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly errors: GraphQLErrorLike[] = [],
  ) {
    super(message);
    this.name = 'ClientError';
  }
  /** The first error's `extensions.code`, if any. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export type DocumentMode = 'text' | 'persisted';

/** Minimal XMLHttpRequest surface the upload uses (tests pass a fake). */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: unknown): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export interface ClientOptions {
  /** The GraphQL endpoint; default `/graphql` (same origin). */
  endpoint?: string;
  /** A bearer token, or null/undefined for none (local mode). `refresh` after a 401. */
  getToken?: (options: { refresh: boolean }) => string | null | undefined | Promise<string | null | undefined>;
  /** Initial document mode; default `text`. */
  documents?: DocumentMode;
  /** The CSRF header sent with every request; default `x-graphql-yoga-csrf`. */
  csrfHeader?: string;
  fetch?: typeof fetch;
  createXhr?: () => XhrLike;
}

export interface SubscribeHandlers<R> {
  next(result: Result<R>): void;
  /** The stream failed or was refused; `error.code` says why (e.g. TOO_MANY_STREAMS, LIVE_UNAVAILABLE). */
  error(error: ClientError): void;
  /** The server completed the stream. */
  complete(): void;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface Client {
  query<R, V>(doc: Document<R, V>, variables?: V, options?: { signal?: AbortSignal }): Promise<Result<R>>;
  mutate<R, V>(doc: Document<R, V>, variables?: V, options?: { signal?: AbortSignal }): Promise<Result<R>>;
  /** A GraphQL multipart request: `file` is sent for the variable `fileVariable` (default `file`). */
  upload<R, V>(
    doc: Document<R, V>,
    /** The other variables (the file's is set by the upload). */
    variables: Partial<V>,
    file: Blob,
    options?: { fileVariable?: string; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal },
  ): Promise<Result<R>>;
  /** Opens an SSE stream; returns a function that closes it. */
  subscribe<R, V>(doc: Document<R, V>, variables: V | undefined, handlers: SubscribeHandlers<R>): () => void;
  /** The document mode in use (it switches to `persisted` when the gateway asks for ids). */
  readonly documents: DocumentMode;
}

const GRAPHQL_RESPONSE = 'application/graphql-response+json, application/json;q=0.9';

/** The document's id in the persisted-documents manifest (`sha256:<hex>`), if the client was generated with one. */
export function documentIdOf(doc: AnyDocument): string | null {
  const hash = doc.__meta__?.hash;
  return typeof hash === 'string' ? hash : null;
}

/** The operation name of a document's text (`query Dashboard(…)` → `Dashboard`). */
export function operationNameOf(doc: AnyDocument): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(doc.toString())?.[1];
}

const isOperation = (text: string, kind: 'query' | 'mutation' | 'subscription') =>
  new RegExp(`^\\s*(?:#[^\\n]*\\n\\s*)*${kind}\\b`).test(text);

export function createClient(options: ClientOptions = {}): Client {
  const endpoint = options.endpoint ?? '/graphql';
  const csrfHeader = options.csrfHeader ?? 'x-graphql-yoga-csrf';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  let mode: DocumentMode = options.documents ?? 'text';

  // Synchronous when getToken is: the request leaves in the same task (no await before fetch).
  const headersFor = (
    refresh: boolean,
    extra: Record<string, string>,
  ): Record<string, string> | Promise<Record<string, string>> => {
    const make = (token: string | null | undefined) => ({
      [csrfHeader]: '1',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    });
    const token = options.getToken?.({ refresh });
    return token instanceof Promise ? token.then(make) : make(token);
  };
  /** `{ query }` or `{ documentId }` with the variables and operation name. */
  const paramsOf = (doc: AnyDocument, variables: unknown): Record<string, unknown> => {
    const id = mode === 'persisted' ? documentIdOf(doc) : null;
    const operationName = operationNameOf(doc);
    return {
      ...(id ? { documentId: id } : { query: doc.toString() }),
      ...(variables !== undefined ? { variables } : {}),
      ...(operationName ? { operationName } : {}),
    };
  };

  const parseBody = async (res: Response): Promise<{ data?: unknown; errors?: GraphQLErrorLike[] } | null> => {
    const type = res.headers.get('content-type') ?? '';
    if (!/json/.test(type)) return null;
    try {
      return (await res.json()) as { data?: unknown; errors?: GraphQLErrorLike[] };
    } catch {
      return null;
    }
  };

  /** Turns a response body into a result, or throws when it carries no data. */
  const toResult = <R>(status: number, body: { data?: unknown; errors?: GraphQLErrorLike[] } | null): Result<R> => {
    if (!body) throw new ClientError('http', `The gateway answered HTTP ${status} without a GraphQL response.`, status);
    const errors = Array.isArray(body.errors) ? body.errors : [];
    if (body.data === undefined || body.data === null) {
      throw new ClientError('graphql', errors[0]?.message ?? `The gateway answered HTTP ${status} without data.`, status, errors);
    }
    return { data: body.data as R, errors };
  };

  const wantsIds = (body: { errors?: GraphQLErrorLike[] } | null) =>
    body?.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_ONLY') === true;

  const send = async <R>(
    doc: AnyDocument,
    variables: unknown,
    signal: AbortSignal | undefined,
    retry = { auth: true, mode: true },
  ): Promise<Result<R>> => {
    const params = paramsOf(doc, variables);
    const asGet = 'documentId' in params && isOperation(doc.toString(), 'query');
    let res: Response;
    try {
      const pending = headersFor(
        !retry.auth,
        asGet ? { accept: GRAPHQL_RESPONSE } : { accept: GRAPHQL_RESPONSE, 'content-type': 'application/json' },
      );
      const headers = pending instanceof Promise ? await pending : pending;
      if (asGet) {
        const search = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
        res = await doFetch(`${endpoint}?${search}`, { method: 'GET', headers, signal });
      } else {
        res = await doFetch(endpoint, { method: 'POST', headers, body: JSON.stringify(params), signal });
      }
    } catch (err) {
      if (signal?.aborted) throw new ClientError('aborted', 'The request was cancelled.');
      throw new ClientError('network', `Cannot reach the gateway: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (res.status === 401 && retry.auth && options.getToken) return send(doc, variables, signal, { ...retry, auth: false });
    const body = await parseBody(res);
    if (mode === 'text' && retry.mode && wantsIds(body) && documentIdOf(doc)) {
      mode = 'persisted';
      return send(doc, variables, signal, { ...retry, mode: false });
    }
    return toResult<R>(res.status, body);
  };

  const upload: Client['upload'] = async (doc, variables, file, uploadOptions = {}) => {
    const fileVariable = uploadOptions.fileVariable ?? 'file';
    const createXhr =
      options.createXhr ?? (() => new (globalThis as unknown as { XMLHttpRequest: new () => XhrLike }).XMLHttpRequest());
    const attempt = async (refresh: boolean): Promise<{ status: number; text: string }> => {
      const headers = await headersFor(refresh, { accept: GRAPHQL_RESPONSE });
      const form = new FormData();
      form.append('operations', JSON.stringify(paramsOf(doc, { ...variables, [fileVariable]: null })));
      form.append('map', JSON.stringify({ 0: [`variables.${fileVariable}`] }));
      form.append('0', file, (file as Blob & { name?: string }).name ?? 'upload');
      return new Promise((resolve, reject) => {
        const xhr = createXhr();
        xhr.open('POST', endpoint);
        for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
        xhr.upload.onprogress = (e) =>
          uploadOptions.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
        xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
        xhr.onerror = () => reject(new ClientError('network', 'The upload could not reach the gateway.'));
        xhr.onabort = () => reject(new ClientError('aborted', 'The upload was cancelled.'));
        uploadOptions.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
        xhr.send(form);
      });
    };
    let r = await attempt(false);
    if (r.status === 401 && options.getToken) r = await attempt(true);
    let body: { data?: unknown; errors?: GraphQLErrorLike[] } | null = null;
    try {
      body = JSON.parse(r.text) as { data?: unknown; errors?: GraphQLErrorLike[] };
    } catch {
      body = null;
    }
    return toResult(r.status, body);
  };

  const subscribe: Client['subscribe'] = (doc, variables, handlers) => {
    const controller = new AbortController();
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    let closed = false;
    const finish = (fn: () => void) => {
      if (closed) return;
      closed = true;
      fn();
    };
    const run = async (refresh: boolean): Promise<void> => {
      const headers = await headersFor(refresh, { accept: 'text/event-stream', 'content-type': 'application/json' });
      const res = await doFetch(endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(paramsOf(doc, variables)),
        signal: controller.signal,
      });
      if (res.status === 401 && !refresh && options.getToken) return run(true);
      if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream') || !res.body) {
        const body = await parseBody(res);
        throw new ClientError('http', body?.errors?.[0]?.message ?? `HTTP ${res.status}`, res.status, body?.errors ?? []);
      }
      reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue; // keep-alive ping
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event = value;
            else if (field === 'data') data.push(value);
          }
          if (event === 'complete') {
            await reader.cancel().catch(() => undefined);
            finish(() => handlers.complete());
            return;
          }
          if (event !== 'next' || data.length === 0) continue;
          const body = JSON.parse(data.join('\n')) as { data?: unknown; errors?: GraphQLErrorLike[] };
          if (body.data === undefined || body.data === null) {
            const errors = body.errors ?? [];
            await reader.cancel().catch(() => undefined);
            finish(() =>
              handlers.error(new ClientError('graphql', errors[0]?.message ?? 'The stream ended.', res.status, errors)),
            );
            return;
          }
          handlers.next({ data: body.data as never, errors: body.errors ?? [] });
        }
      }
      finish(() => handlers.error(new ClientError('network', 'The live stream was closed by the network.')));
    };
    run(false).catch((err: unknown) => {
      if (controller.signal.aborted) return;
      finish(() =>
        handlers.error(
          err instanceof ClientError
            ? err
            : new ClientError('network', `Live stream failed: ${err instanceof Error ? err.message : String(err)}`),
        ),
      );
    });
    return () => {
      closed = true;
      // Cancelling the body ends the stream on the gateway at once (the abort alone may not reach it).
      reader?.cancel().catch(() => undefined);
      controller.abort();
    };
  };

  return {
    query: (doc, variables, o) => send(doc, variables, o?.signal),
    mutate: (doc, variables, o) => send(doc, variables, o?.signal),
    upload,
    subscribe,
    get documents() {
      return mode;
    },
  };
}
