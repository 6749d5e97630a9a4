/**
 * The front door through the whole gateway: authentication (a JWKS-backed authenticator and
 * tokens made here), CSRF, CORS, production mode (trusted documents, no introspection, no
 * GraphiQL, no suggestions), the cold-work budget, quotas, internal-error logs with the
 * request id, /metrics access, and the start-up refusals of main.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthenticator } from '../../server/auth.js';
import { DASHBOARD_QUERY } from '../../server/dashboard.js';
import { createHttpServer } from '../../server/http.js';
import { loadTrustedDocuments } from '../../server/trusted-documents.js';
import { AUDIENCE, ISSUER, type JwksServer, signToken, startJwksServer, type TestKey, testKey } from '../auth/harness.js';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

let key: TestKey;
let jwks: JwksServer;
beforeAll(async () => {
  key = await testKey('RS256');
  jwks = await startJwksServer([key.jwk]);
});
afterAll(async () => {
  await jwks.stop();
});

const open: TestGateway[] = [];
afterEach(async () => {
  for (const gw of open.splice(0)) {
    await gw.close();
    await gw.store.close();
  }
});

const authConfig = () => ({
  jwksUrl: jwks.url,
  issuer: ISSUER,
  audience: AUDIENCE,
  algorithms: ['RS256', 'ES256'],
  hs256Secret: null,
  adminClaim: { name: 'role', value: 'admin' },
  jwksTimeoutMs: 2000,
  jwksCooldownMs: 30_000,
  clockToleranceSec: 5,
});

const gateway = (over: Parameters<typeof testGateway>[0] = {}) => {
  const gw = testGateway(over);
  open.push(gw);
  return gw;
};
const authed = (over: Parameters<typeof testGateway>[0] = {}) => gateway({ auth: createAuthenticator(authConfig()), ...over });

async function post(gw: TestGateway, body: unknown, headers: Record<string, string> = {}) {
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { res, body: (await res.json()) as Body };
}

describe('authentication through the gateway', () => {
  it('a request without a valid token is 401 with WWW-Authenticate and UNAUTHENTICATED, and nothing runs', async () => {
    const gw = authed();
    const now = Date.now();
    const cases: [string, Record<string, string>][] = [
      ['missing', {}],
      ['malformed', { authorization: 'Token abc' }],
      ['expired', { authorization: `Bearer ${await signToken(key, now - 7200_000, { sub: 'eve' })}` }],
      ['wrong issuer', { authorization: `Bearer ${await signToken(key, now, { sub: 'eve', iss: 'https://other.example' })}` }],
      ['wrong audience', { authorization: `Bearer ${await signToken(key, now, { sub: 'eve', aud: 'someone-else' })}` }],
    ];
    for (const [what, headers] of cases) {
      const { res, body } = await post(gw, { query: '{ viewer { id } }' }, headers);
      expect(res.status, what).toBe(401);
      expect(res.headers.get('www-authenticate'), what).toBe('Bearer error="invalid_token"');
      expect(body.errors?.[0]?.extensions?.code, what).toBe('UNAUTHENTICATED');
      expect(body.data, what).toBeUndefined();
    }
    expect(await gw.store.getViewer('eve')).toBeNull(); // no resolver ran: no viewer row
  });

  it("the token's sub is the viewer; its own request creates its row; the admin claim opens other viewers' plans", async () => {
    const gw = authed();
    const now = Date.now();
    const alice = { authorization: `Bearer ${await signToken(key, now, { sub: 'alice' })}` };
    const admin = { authorization: `Bearer ${await signToken(key, now, { sub: 'root', role: 'admin' })}` };
    const me = await post(gw, { query: '{ viewer { id } precomputePlan { viewerId } }' }, alice);
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data).toEqual({ viewer: { id: 'alice' }, precomputePlan: { viewerId: 'alice' } });
    expect(await gw.store.getViewer('alice')).not.toBeNull();
    const theirs = await post(gw, { query: '{ precomputePlan(viewerId: "root") { viewerId } }' }, alice);
    expect(theirs.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asAdmin = await post(gw, { query: '{ precomputePlan(viewerId: "alice") { viewerId } cacheStats { misses } }' }, admin);
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data).toMatchObject({ precomputePlan: { viewerId: 'alice' } });
    const nobody = await post(gw, { query: '{ precomputePlan(viewerId: "nobody") { viewerId } }' }, admin);
    expect(nobody.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'viewerId' });
    expect(await gw.store.getViewer('nobody')).toBeNull();
  });
});

describe('browser safety', () => {
  it('requests a browser sends without a preflight need the CSRF header; JSON POSTs do not', async () => {
    const gw = gateway();
    const get = await gw.yoga.fetch(`http://test/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(403);
    expect(((await get.json()) as Body).errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ __typename }' }));
    form.set('map', '{}');
    const multipart = await gw.yoga.fetch('http://test/graphql', { method: 'POST', body: form });
    expect(multipart.status).toBe(403);
    const withHeader = await gw.yoga.fetch(`http://test/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(withHeader.status).toBe(200);
    expect((await post(gw, { query: '{ __typename }' })).res.status).toBe(200);
  });

  it('CORS answers only listed origins, with credentials; any other origin gets no CORS headers', async () => {
    const gw = gateway({ corsOrigins: ['https://app.example'] });
    const preflight = (origin: string) =>
      gw.yoga.fetch('http://test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const app = await preflight('https://app.example');
    expect(app.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(app.headers.get('access-control-allow-credentials')).toBe('true');
    const none = gateway();
    const r = await none.yoga.fetch('http://test/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request bodies', () => {
  it('a body over MAX_BODY_KB is 413, whether it says its length or streams it', async () => {
    const gw = gateway({ maxBodyBytes: 4096 });
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(10_000) } });
    const sized = await gw.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    expect(sized.status).toBe(413);
    const chunks = [big.slice(0, 3000), big.slice(3000)].map((c) => new TextEncoder().encode(c));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    const streamed = await gw.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as Body).errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await post(gw, { query: '{ __typename }' })).res.status).toBe(200);
  });
});

describe('production mode', () => {
  const production = () => gateway({ production: true, allowArbitraryOperations: false, introspection: false, graphiql: false });

  it('runs trusted documents by documentId, refuses raw queries, and serves no GraphiQL', async () => {
    const gw = production();
    const raw = await post(gw, { query: '{ viewer { id } }' });
    expect(raw.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    // The manifest holds documents as codegen prints them; its id for the dashboard query:
    const trusted = loadTrustedDocuments();
    const dashboardId = trusted.ids().find((id) => /^query Dashboard\(/.test(trusted.get(id) ?? ''));
    expect(dashboardId).toMatch(/^sha256:/);
    const byId = await post(gw, { documentId: dashboardId });
    expect(byId.body.errors, JSON.stringify(byId.body.errors)).toBeUndefined();
    expect(byId.body.data).toMatchObject({ viewer: { id: 'local' } });
    const page = await gw.yoga.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('with arbitrary operations allowed: no introspection and no "Did you mean" suggestions', async () => {
    const gw = gateway({ production: true, allowArbitraryOperations: true, introspection: false, graphiql: false });
    const intro = await post(gw, { query: '{ __schema { types { name } } }' });
    expect(intro.body.data ?? null).toBeNull();
    expect(intro.body.errors?.length).toBeGreaterThan(0);
    const typo = await post(gw, { query: '{ viewr { id } }' });
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const dev = await post(gateway(), { query: '{ viewr { id } }' });
    expect(dev.body.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

describe('cold work and quotas', () => {
  it('a request whose uncached work is over the budget is refused whole (QUERY_TOO_EXPENSIVE), nothing computed', async () => {
    const gw = gateway({ coldCostBudget: 50 });
    const zones = ['UTC', 'Europe/Paris', 'Asia/Tokyo', 'America/New_York', 'Australia/Sydney', 'Africa/Cairo'];
    const query = `{ viewer { id } ${zones.map((z, i) => `z${i}: analytics(filter: { timeZone: "${z}" }) { kpis { data { videos } } }`).join(' ')} }`;
    const { res, body } = await post(gw, { query });
    expect(res.status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_EXPENSIVE', budget: 50, estimate: 72 });
    expect(gw.services.aggregations.counters.computations).toBe(0);
    // Within the budget it runs; once cached, the same entries cost nothing.
    const small = await post(gw, { query: '{ analytics { kpis { data { videos } } heatmap { data { hour } } } }' });
    expect(small.body.errors).toBeUndefined();
  });

  it('the shipped dashboard passes the default budget cold', async () => {
    const gw = gateway();
    const { body } = await post(gw, { query: DASHBOARD_QUERY });
    expect(body.errors).toBeUndefined();
  });

  it("the event quota counts the stored history once, not per ingest, and follows this process's commits", async () => {
    const gw = gateway({ quotas: { maxEventsPerViewer: 100 } });
    const count = vi.spyOn(gw.store, 'countEvents');
    const ingest = 'mutation($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { added } }';
    for (let i = 0; i < 4; i++) {
      const r = await post(gw, { query: ingest, variables: { events: sampleEvents(20, Date.UTC(2024, 0, 1 + i)) } });
      expect(r.body.errors).toBeUndefined();
    }
    expect(count).toHaveBeenCalledTimes(1);
    // 80 stored: 20 more would pass 90 % of the limit, so it is counted again, and refused above 100.
    const over = await post(gw, { query: ingest, variables: { events: sampleEvents(21, Date.UTC(2024, 1, 1)) } });
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 'eventsStored' });
    expect(count).toHaveBeenCalledTimes(2);
    expect(await gw.store.countEvents('local')).toBe(80);
  });

  it('events stored and imports per hour are per-viewer quotas with typed errors that change nothing', async () => {
    const gw = gateway({ quotas: { maxEventsPerViewer: 5, importsPerHour: 1 } });
    const ingest = 'mutation($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { added } }';
    const over = await post(gw, { query: ingest, variables: { events: sampleEvents(6) } });
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 'eventsStored' });
    expect(await gw.store.countEvents('local')).toBe(0);
    const ok = await post(gw, { query: ingest, variables: { events: sampleEvents(5) } });
    expect(ok.body.errors).toBeUndefined();

    const gw2 = gateway({ quotas: { importsPerHour: 1 } });
    const upload = async () => {
      const form = new FormData();
      form.set(
        'operations',
        JSON.stringify({
          query: 'mutation($file: File!) { importTakeout(file: $file) { __typename } }',
          variables: { file: null },
        }),
      );
      form.set('map', JSON.stringify({ 0: ['variables.file'] }));
      form.set('0', new File(['[]'], 'watch-history.json'));
      const res = await gw2.yoga.fetch('http://test/graphql', {
        method: 'POST',
        body: form,
        headers: { 'x-graphql-yoga-csrf': '1' },
      });
      return (await res.json()) as Body;
    };
    expect((await upload()).errors).toBeUndefined();
    expect((await upload()).errors?.[0]?.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 'importsPerHour' });
  });
});

async function listen(gw: TestGateway, options: Parameters<typeof createHttpServer>[1] = {}) {
  const server = createHttpServer(gw, options);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('operational endpoints and logs', () => {
  it('an internal error is logged with message, stack and the request id sent back as x-request-id; the client sees none of it', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'error' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    const gw = gateway({ logger });
    vi.spyOn(gw.store, 'countEvents').mockRejectedValue(new Error('secret-detail-xyz'));
    const { base, close } = await listen(gw);
    try {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
        body: JSON.stringify({
          query: 'mutation($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { added } }',
          variables: { events: sampleEvents(1) },
        }),
      });
      expect(res.headers.get('x-request-id')).toBe('req-42');
      const text = await res.text();
      expect(text).not.toContain('secret-detail-xyz');
      const line = lines.find((l) => l.event === 'graphql.internal_error');
      expect(line).toMatchObject({ requestId: 'req-42', err: { message: 'secret-detail-xyz' } });
      expect(String((line?.err as { stack?: string } | undefined)?.stack)).toContain('Error: secret-detail-xyz');
    } finally {
      await close();
    }
  });

  it('/metrics answers on loopback, not to a forwarded request; with METRICS_TOKEN, the token opens it', async () => {
    const gw = gateway();
    const plain = await listen(gw);
    try {
      expect((await fetch(`${plain.base}/metrics`)).status).toBe(200);
      expect((await fetch(`${plain.base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    } finally {
      await plain.close();
    }
    const token = 'metrics-token-0123456789';
    const guarded = await listen(gw, { metricsToken: token });
    try {
      const forwarded = { 'x-forwarded-for': '203.0.113.9' };
      expect((await fetch(`${guarded.base}/metrics`, { headers: forwarded })).status).toBe(401);
      expect((await fetch(`${guarded.base}/metrics`, { headers: { ...forwarded, authorization: 'Bearer nope' } })).status).toBe(
        401,
      );
      const ok = await fetch(`${guarded.base}/metrics`, { headers: { ...forwarded, authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('watchgraph_');
      const health = await (await fetch(`${guarded.base}/healthz`)).json();
      expect(health).toEqual({ status: 'ok' });
    } finally {
      await guarded.close();
    }
  });
});

describe('HTTP server limits', () => {
  it('a client that never finishes its headers is cut off after HTTP_HEADERS_TIMEOUT_MS; a normal one is served', async () => {
    const gw = gateway();
    const { base, close } = await listen(gw, { http: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 } });
    try {
      const { port } = new URL(base);
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      const t0 = Date.now();
      const closedAfter = await new Promise<number>((resolve) => {
        socket.on('data', () => {});
        socket.once('close', () => resolve(Date.now() - t0));
      });
      expect(closedAfter).toBeGreaterThanOrEqual(500); // not refused at once: it was the timeout
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await close();
    }
  }, 20_000);
});

/** Runs main.ts with `env`; resolves with its exit code and stderr. */
function runMain(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main.ts did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('main.ts start-up refusals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wg-main-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a non-loopback HOST without authentication, in one line naming what to set, before writing anything', async () => {
    const db = join(dir, 'open.db');
    const r = await runMain({ HOST: '0.0.0.0', PORT: '0', WATCHGRAPH_DB: db });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/HOST.*AUTH_ISSUER.*ALLOW_ANONYMOUS=true/);
    expect(existsSync(db)).toBe(false);
  });

  it('a port in use ends with one line and exit 1, and the store is not touched', async () => {
    const blocker = createNetServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    const db = join(dir, 'busy.db');
    try {
      const r = await runMain({ HOST: '127.0.0.1', PORT: String(port), WATCHGRAPH_DB: db });
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`watchgraph: port ${port} on 127.0.0.1 is already in use (set PORT)`);
      expect(existsSync(db)).toBe(false);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
