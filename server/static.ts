/**
 * The dashboard page (`web/`, built by Vite into `dist/web/`) served at `/`: `index.html` with a
 * Content-Security-Policy that allows only the page's own scripts and styles and requests to
 * this gateway, and the hashed assets under `/assets/` as immutable (a second visit loads them
 * from the browser cache). Files are read once and kept in memory with their gzip form; nothing
 * but production dependencies is needed at run time.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface StaticSiteOptions {
  /** The built page; default `dist/web/` of this checkout (from the sources or from the build). */
  root?: string;
  /** Origins besides this gateway the page may connect to (CSP `connect-src`); default none. */
  connectOrigins?: readonly string[];
  /**
   * `persisted`: tell the page to send `documentId`s instead of query text (the gateway accepts
   * only trusted documents); default `text`. Written into the page as a `<meta>`.
   */
  documents?: 'text' | 'persisted';
}

export interface StaticSite {
  /** Answers GET/HEAD for the page and its assets; false when the request is not for them. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** True when the page is built (`index.html` exists). */
  readonly available: boolean;
  /** The Content-Security-Policy sent with the page. */
  readonly csp: string;
}

/** dist/web of this checkout: next to server/ in a build (it has a .build-stamp), under dist/ from the sources. */
export function defaultWebRoot(): string {
  const top = join(dirname(fileURLToPath(import.meta.url)), '..');
  return existsSync(join(top, '.build-stamp')) ? join(top, 'web') : join(top, 'dist', 'web');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};
/** Asset names Vite writes (`index-Bx1_a.js`); anything else, `..` included, is not ours. */
const SAFE_NAME = /^[\w-]+(?:\.[\w-]+)*$/;
const TOP_LEVEL_FILES = new Set(['favicon.svg']);

export function contentSecurityPolicy(connectOrigins: readonly string[] = []): string {
  for (const o of connectOrigins) {
    if (!/^https?:\/\/[^\s;,'"]+$/.test(o)) throw new Error(`[server/static] expected an http(s) origin, got "${o}"`);
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

interface Cached {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer | null;
}

export function createStaticSite(options: StaticSiteOptions = {}): StaticSite {
  const root = options.root ?? defaultWebRoot();
  const csp = contentSecurityPolicy(options.connectOrigins);
  const files = new Map<string, Cached>();

  const load = (path: string, transform?: (text: string) => string): Cached | null => {
    let mtimeMs: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) return null;
      mtimeMs = st.mtimeMs;
    } catch {
      return null;
    }
    const hit = files.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit;
    const raw = readFileSync(path);
    const body = transform ? Buffer.from(transform(raw.toString('utf8'))) : raw;
    const compressible = /\.(html|js|css|svg|json|map)$/.test(path) && body.length > 512;
    const entry = { mtimeMs, body, gzip: compressible ? gzipSync(body, { level: 9 }) : null };
    files.set(path, entry);
    return entry;
  };
  const documentsMeta = `<meta name="watchgraph-documents" content="${options.documents ?? 'text'}">`;
  const injectMeta = (html: string) => html.replace('<head>', `<head>\n    ${documentsMeta}`);

  const send = (req: IncomingMessage, res: ServerResponse, file: Cached, headers: Record<string, string>) => {
    const gzip = file.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? (file.gzip as Buffer) : file.body;
    res.writeHead(200, {
      ...headers,
      'content-length': String(body.length),
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  return {
    csp,
    get available() {
      return existsSync(join(root, 'index.html'));
    },
    handle(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path === '/' || path === '/index.html') {
        const page = load(join(root, 'index.html'), injectMeta);
        if (!page) {
          // Not built (running from the sources without `npm run build`): GraphiQL still works.
          res.writeHead(302, { location: '/graphql' });
          res.end();
          return true;
        }
        send(req, res, page, {
          'content-type': TYPES['.html'] as string,
          'content-security-policy': csp,
          'cache-control': 'no-cache',
          'referrer-policy': 'no-referrer',
          'x-frame-options': 'DENY',
        });
        return true;
      }
      const asset = path.startsWith('/assets/') ? path.slice('/assets/'.length) : null;
      const top = TOP_LEVEL_FILES.has(path.slice(1)) ? path.slice(1) : null;
      const name = asset ?? top;
      if (name === null || !SAFE_NAME.test(name)) return false;
      const file = load(asset !== null ? join(root, 'assets', name) : join(root, name));
      if (!file) return false;
      send(req, res, file, {
        'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
        // Hashed names never change content; the favicon may.
        'cache-control': asset !== null ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      });
      return true;
    },
  };
}
