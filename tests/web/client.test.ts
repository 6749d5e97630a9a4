/**
 * The page's connection module (web/src/api/client.ts) against the real gateway (yoga.fetch):
 * CSRF header and bearer token on every request, a 401 retried once with a refreshed token,
 * documentId instead of text when asked (by the build, the page, or PERSISTED_QUERY_ONLY),
 * partial results vs. request errors, the SSE subscription, multipart upload with progress.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientError, createClient, documentIdOf, type XhrLike } from '../../web/src/api/client.js';
import {
  DashboardDocument,
  DataVersionDocument,
  ImportTakeoutDocument,
  ViewerChangedDocument,
} from '../../web/src/gql/graphql.js';
import { sampleEvents, type TestGateway, testGateway } from '../gateway/harness.js';

const manifest = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../web/src/gql/persisted-documents.json'), 'utf8'),
) as Record<string, string>;

const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const gw of gateways.splice(0)) await gw.close();
});

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

/**
 * A fetch into the gateway that records what the client sent. With `persisted`, it plays the
 * trusted-documents front door: ids are looked up in the manifest, raw text is refused.
 */
function recordingFetch(gw: TestGateway, options: { persisted?: boolean; status401Once?: boolean } = {}) {
  const sent: Sent[] = [];
  let refused401 = false;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://gw.test');
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    sent.push({ method: init?.method ?? 'GET', url: url.pathname + url.search, headers, body });
    if (options.status401Once && !refused401) {
      refused401 = true;
      return new Response(JSON.stringify({ errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] }), {
        status: 401,
        headers: { 'content-type': 'application/json' },
      });
    }
    if (options.persisted) {
      const id = body?.documentId ?? url.searchParams.get('documentId');
      if (!id) {
        return new Response(
          JSON.stringify({ errors: [{ message: 'only trusted documents', extensions: { code: 'PERSISTED_QUERY_ONLY' } }] }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        );
      }
      const query = manifest[String(id)];
      const variables = body ? body.variables : JSON.parse(url.searchParams.get('variables') ?? 'null');
      return gw.yoga.fetch('http://gw.test/graphql', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
    }
    return gw.yoga.fetch(new Request(`http://gw.test${url.pathname}${url.search}`, init));
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

function gateway() {
  const gw = testGateway();
  gateways.push(gw);
  return gw;
}

describe('the page client', () => {
  it('sends the CSRF header and the bearer token from getToken on every request', async () => {
    const gw = gateway();
    const { fetch, sent } = recordingFetch(gw);
    const client = createClient({ fetch, getToken: () => 'tok-1' });
    const r = await client.query(DataVersionDocument);
    expect(r).toEqual({ data: { viewer: { id: expect.any(String), dataVersion: 0 } }, errors: [] });
    expect(sent[0]?.headers).toMatchObject({ 'x-graphql-yoga-csrf': '1', authorization: 'Bearer tok-1' });
    expect(sent[0]?.body).toMatchObject({ operationName: 'DataVersion', query: expect.stringContaining('query DataVersion') });
    // Local mode: no token, no Authorization header.
    await createClient({ fetch }).query(DataVersionDocument);
    expect(sent[1]?.headers.authorization).toBeUndefined();
  });

  it('retries a 401 once with a refreshed token', async () => {
    const gw = gateway();
    const { fetch, sent } = recordingFetch(gw, { status401Once: true });
    const asked: boolean[] = [];
    const client = createClient({
      fetch,
      getToken: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? 'fresh' : 'stale';
      },
    });
    expect((await client.query(DataVersionDocument)).data?.viewer.dataVersion).toBe(0);
    expect(asked).toEqual([false, true]);
    expect(sent.map((s) => s.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('every document carries its sha256 id from the manifest; with ids, queries go as GET and text is never sent', async () => {
    for (const doc of [DashboardDocument, DataVersionDocument, ImportTakeoutDocument, ViewerChangedDocument]) {
      const id = documentIdOf(doc);
      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      const text = manifest[id as string] as string;
      expect(text).toBeTruthy();
      const { createHash } = await import('node:crypto');
      expect(`sha256:${createHash('sha256').update(text).digest('hex')}`).toBe(id);
    }
    const gw = gateway();
    const { fetch, sent } = recordingFetch(gw, { persisted: true });
    const client = createClient({ fetch, documents: 'persisted' });
    const r = await client.query(DashboardDocument, { filter: { timeframe: 'YTD' } });
    expect(r.errors).toEqual([]);
    expect(r.data?.analytics?.filter.timeZone).toBe('UTC');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('GET');
    const params = new URL(`http://x${sent[0]?.url}`).searchParams;
    expect(params.get('documentId')).toBe(documentIdOf(DashboardDocument));
    expect(params.get('query')).toBeNull();
    expect(JSON.parse(params.get('variables') ?? '{}')).toMatchObject({ filter: { timeframe: 'YTD' } });
  });

  it('switches to ids when the gateway answers PERSISTED_QUERY_ONLY', async () => {
    const gw = gateway();
    const { fetch, sent } = recordingFetch(gw, { persisted: true });
    const client = createClient({ fetch });
    expect(client.documents).toBe('text');
    expect((await client.query(DataVersionDocument)).data?.viewer.dataVersion).toBe(0);
    expect(client.documents).toBe('persisted');
    expect(sent.map((s) => (s.body?.query ? 'text' : 'id'))).toEqual(['text', 'id']);
    await client.query(DataVersionDocument);
    expect(sent).toHaveLength(3);
  });

  it('returns partial results with their errors; a request without data throws a ClientError saying why', async () => {
    const gw = gateway();
    const { fetch } = recordingFetch(gw);
    const client = createClient({ fetch });
    const partial = await client.query(DashboardDocument, { filter: {}, channelsAfter: 'not-a-cursor' });
    expect(partial.data?.analytics?.id).toBeTruthy();
    expect(partial.errors[0]).toMatchObject({ path: ['analytics', 'channelMetrics'], extensions: { code: 'BAD_USER_INPUT' } });
    const bad = await client.query(DashboardDocument, { filter: { timeZone: 'Mars/Olympus' } }).catch((e: ClientError) => e);
    expect(bad).toMatchObject({ name: 'ClientError', kind: 'graphql', code: 'BAD_USER_INPUT' });
    const down = await createClient({ fetch: () => Promise.reject(new Error('ECONNREFUSED')) })
      .query(DataVersionDocument)
      .catch((e: ClientError) => e);
    expect(down).toMatchObject({ kind: 'network' });
  });

  it('subscribes over SSE with fetch (headers included) and hears a commit', async () => {
    const gw = gateway();
    const { fetch, sent } = recordingFetch(gw);
    const client = createClient({ fetch, getToken: () => 'tok' });
    const events: unknown[] = [];
    const close = client.subscribe(ViewerChangedDocument, undefined, {
      next: (r) => events.push(r.data?.viewerChanged),
      error: (e) => events.push(e),
      complete: () => events.push('complete'),
    });
    await expect.poll(() => events.length).toBe(1);
    expect(sent[0]?.headers).toMatchObject({
      accept: 'text/event-stream',
      authorization: 'Bearer tok',
      'x-graphql-yoga-csrf': '1',
    });
    await gw.raw('mutation($e: [WatchEventInput!]!) { ingestWatchEvents(events: $e) { added } }', { e: sampleEvents(2) });
    await expect
      .poll(() => events, { timeout: 10_000 })
      .toEqual([
        { dataVersion: 0, precomputed: true },
        { dataVersion: 1, precomputed: false },
        { dataVersion: 1, precomputed: true },
      ]);
    close();
    await expect.poll(() => gw.services.live.streamsOf('local')).toBe(0);
  });

  it('uploads a file as a GraphQL multipart request, reporting progress, with the CSRF header', async () => {
    const gw = gateway();
    const progress: number[] = [];
    const seen: { headers: Record<string, string>; form: FormData | null } = { headers: {}, form: null };
    // A fake XMLHttpRequest that sends the form through yoga.fetch.
    const createXhr = (): XhrLike => {
      const xhr: XhrLike & { status: number; responseText: string } = {
        status: 0,
        responseText: '',
        upload: { onprogress: null },
        onload: null,
        onerror: null,
        onabort: null,
        open() {},
        setRequestHeader(name, value) {
          seen.headers[name.toLowerCase()] = value;
        },
        abort() {},
        send(body) {
          seen.form = body as FormData;
          xhr.upload.onprogress?.({ loaded: 50, total: 100, lengthComputable: true });
          xhr.upload.onprogress?.({ loaded: 100, total: 100, lengthComputable: true });
          void (async () => {
            const res = await gw.yoga.fetch('http://gw.test/graphql', {
              method: 'POST',
              headers: seen.headers,
              body: body as FormData,
            });
            xhr.status = res.status;
            xhr.responseText = await res.text();
            xhr.onload?.();
          })();
        },
      };
      return xhr;
    };
    const client = createClient({ createXhr });
    const file = new Blob([readFileSync(join(import.meta.dirname, '../fixtures/takeout/watch-history.json'))], {
      type: 'application/json',
    });
    const r = await client.upload(ImportTakeoutDocument, {}, file, { onProgress: (p) => progress.push(p.loaded / p.total) });
    expect(progress).toEqual([0.5, 1]);
    expect(seen.headers['x-graphql-yoga-csrf']).toBe('1');
    expect(JSON.parse(String(seen.form?.get('map')))).toEqual({ 0: ['variables.file'] });
    expect(r.data?.importTakeout).toMatchObject({
      __typename: 'ImportTakeoutSuccess',
      data: { eventsAdded: expect.any(Number) },
    });
  });
});
