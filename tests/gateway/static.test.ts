/**
 * The dashboard page at `/` (server/static.ts): index.html with its Content-Security-Policy
 * (own scripts, styles and the gateway only), hashed assets immutable and gzipped, nothing
 * outside the build reachable, GraphiQL still at /graphql, and the persisted-documents hint.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServerOptions } from '../../server/http.js';
import { contentSecurityPolicy, defaultWebRoot } from '../../server/static.js';
import { type TestGateway, testGateway } from './harness.js';

const root = mkdtempSync(join(tmpdir(), 'wg-web-'));
const js = `console.log(${JSON.stringify('x'.repeat(2000))});`;
let gw: TestGateway;
const servers: { close(): void }[] = [];

beforeAll(() => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body></body></html>',
  );
  writeFileSync(join(root, 'assets', 'index-abc123.js'), js);
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'secret.txt'), 'not served');
  gw = testGateway();
});
afterAll(async () => {
  for (const s of servers) s.close();
  await gw.close();
  await gw.store.close();
  rmSync(root, { recursive: true, force: true });
});

async function serve(options: HttpServerOptions = { web: { root } }): Promise<string> {
  const server = createHttpServer(gw, options);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the dashboard page', () => {
  it('is served at / with a CSP allowing only its own scripts and the gateway', async () => {
    const base = await serve();
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('<meta name="watchgraph-documents" content="text">');
    expect(html).toContain('/assets/index-abc123.js');
  });

  it('serves hashed assets as immutable, gzipped for clients that accept it', async () => {
    const base = await serve();
    const plain = await fetch(`${base}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect([plain.status, plain.headers.get('content-type'), plain.headers.get('cache-control')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ]);
    expect(await plain.text()).toBe(js);
    // fetch decodes gzip itself; read the raw bytes over node:http instead.
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      request(`${base}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ encoding: r.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(raw.body.length).toBeLessThan(js.length);
    expect(gunzipSync(raw.body).toString()).toBe(js);
    expect((await fetch(`${base}/favicon.svg`)).status).toBe(200);
  });

  it('serves nothing else: unknown assets, other files and traversal are 404s from the API', async () => {
    const base = await serve();
    for (const path of ['/assets/missing.js', '/secret.txt', '/assets/..%2Fsecret.txt', '/assets/../secret.txt', '/nope']) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).not.toBe(200);
  });

  it('keeps GraphiQL at /graphql', async () => {
    const base = await serve();
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('watchgraph');
  });

  it('tells the page to send documentIds when the gateway accepts only trusted documents', async () => {
    const base = await serve({ web: { root, documents: 'persisted' } });
    expect(await (await fetch(`${base}/`)).text()).toContain('<meta name="watchgraph-documents" content="persisted">');
  });

  it('builds the CSP with extra origins only when they are origins', () => {
    expect(contentSecurityPolicy(['https://api.example.com'])).toContain("connect-src 'self' https://api.example.com");
    expect(() => contentSecurityPolicy(["https://x.example 'unsafe-inline'"])).toThrow(/expected an http\(s\) origin/);
  });

  it('finds dist/web/ from the sources', () => {
    expect(defaultWebRoot()).toBe(join(import.meta.dirname, '..', '..', 'dist', 'web'));
  });
});
