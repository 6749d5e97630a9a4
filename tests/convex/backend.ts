/**
 * A convex-test backend behind the two surfaces the adapter can use: convex-test's `t` (with the
 * wire encoding applied both ways), and a fake `fetch` that serves ConvexHttpClient's HTTP API
 * (`/api/query`, `/api/mutation`) with the deployment's visibility rules: internal functions only
 * with the admin key, public ones with the caller's identity (here: bearer token = subject).
 */
import { ConvexHttpClient } from 'convex/browser';
import { type FunctionReference, makeFunctionReference } from 'convex/server';
import { convexToJson, jsonToConvex, type Value } from 'convex/values';
import { convexTest } from 'convex-test';
import * as changeLog from '../../convex/changeLog.js';
import * as entries from '../../convex/entries.js';
import * as events from '../../convex/events.js';
import * as imports from '../../convex/imports.js';
import schema from '../../convex/schema.js';
import * as usage from '../../convex/usage.js';
import * as viewers from '../../convex/viewers.js';
import type { ConvexCallSurface } from '../../store/convex.js';

export const MODULES: Record<string, Record<string, unknown>> = { changeLog, entries, events, imports, usage, viewers };
export const ADMIN_KEY = 'test-deployment|admin-key';
export const DEPLOYMENT_URL = 'https://happy-otter-123.convex.cloud';

/**
 * The function modules, listed by hand: convex-test's default `import.meta.glob` needs
 * `server.deps.inline: ['convex-test']` in vitest.config.ts, which this suite does not assume.
 */
const modules: Record<string, () => Promise<unknown>> = {
  'convex/_generated/api.ts': () => import('../../convex/_generated/api.js'),
  'convex/_generated/server.ts': () => import('../../convex/_generated/server.js'),
  'convex/changeLog.ts': async () => changeLog,
  'convex/entries.ts': async () => entries,
  'convex/events.ts': async () => events,
  'convex/imports.ts': async () => imports,
  'convex/usage.ts': async () => usage,
  'convex/viewers.ts': async () => viewers,
  'convex/crons.ts': () => import('../../convex/crons.js'),
};

/** convex-test with Convex's default per-transaction limits enforced (or `limits`). */
export const newBackend = (
  limits: boolean | Partial<Record<'documentsWritten' | 'documentsRead' | 'databaseQueries', number>> = true,
) => convexTest({ schema, modules, transactionLimits: limits });
export type Backend = ReturnType<typeof newBackend>;

interface Registered {
  isQuery?: boolean;
  isMutation?: boolean;
  isInternal?: boolean;
  isPublic?: boolean;
}

/** The registered function at `module:name`, or undefined. */
export function registered(path: string): Registered | undefined {
  const [mod, name] = path.split(':');
  return MODULES[mod ?? '']?.[name ?? 'default'] as Registered | undefined;
}

type Args = Record<string, Value>;
type AnyQuery = FunctionReference<'query', 'internal', Args>;
type AnyMutation = FunctionReference<'mutation', 'internal', Args>;

const wire = <T>(x: unknown): T => jsonToConvex(JSON.parse(JSON.stringify(convexToJson(x as Value)))) as T;

/** `t` as a call surface; arguments and results go through the JSON wire format like HTTP. */
export function directSurface(t: Backend): ConvexCallSurface {
  return {
    query: async (ref, args) => wire(await t.query(ref as AnyQuery, wire<Args>(args))),
    mutation: async (ref, args) => wire(await t.mutation(ref as AnyMutation, wire<Args>(args))),
  };
}

export interface FakeFetch {
  fetch: typeof fetch;
  /** `module:name` of every call served, in order, with its kind. */
  calls: { path: string; kind: 'query' | 'mutation'; args: Record<string, Value> }[];
}

/** A `fetch` serving ConvexHttpClient's HTTP API from the convex-test backend. */
export function fakeConvexFetch(t: Backend): FakeFetch {
  const calls: FakeFetch['calls'] = [];
  const reply = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const kind = url.pathname === '/api/query' ? 'query' : url.pathname === '/api/mutation' ? 'mutation' : null;
    if (!kind) return reply({ code: 'NotFound', message: `no route ${url.pathname}` }, 404);
    const body = JSON.parse(String(init?.body)) as { path: string; args: unknown[] };
    const auth = new Headers(init?.headers).get('authorization') ?? '';
    const fn = registered(body.path);
    const wrongKind = kind === 'query' ? !fn?.isQuery : !fn?.isMutation;
    // What a deployment answers for an internal function called without the admin key: it does not exist.
    if (!fn || wrongKind || (fn.isInternal && auth !== `Convex ${ADMIN_KEY}`)) {
      return reply({ status: 'error', errorMessage: `Could not find public function for '${body.path}'`, logLines: [] }, 560);
    }
    const args = jsonToConvex(body.args[0] as never) as Record<string, Value>;
    calls.push({ path: body.path, kind, args });
    const as = auth.startsWith('Bearer ') ? t.withIdentity({ subject: auth.slice(7) }) : t;
    try {
      const ref = makeFunctionReference<typeof kind>(body.path);
      const value: unknown =
        kind === 'query'
          ? await as.query(ref as unknown as AnyQuery, args)
          : await as.mutation(ref as unknown as AnyMutation, args);
      return reply({ status: 'success', value: convexToJson(value as Value), logLines: [] });
    } catch (err) {
      const e = err as Error & { data?: Value };
      const errorData = e.name === 'ConvexError' && e.data !== undefined ? { errorData: convexToJson(e.data) } : {};
      return reply({ status: 'error', errorMessage: e.message, ...errorData, logLines: [] }, 560);
    }
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

/** A ConvexHttpClient for a viewer's own (public) calls, authenticated as `subject`. */
export function viewerClient(f: FakeFetch, subject?: string): ConvexHttpClient {
  const c = new ConvexHttpClient(DEPLOYMENT_URL, { logger: false, fetch: f.fetch });
  if (subject) c.setAuth(subject);
  return c;
}
