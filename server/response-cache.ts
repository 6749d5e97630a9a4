/**
 * The warm fast path: the serialised bytes of a whole response, per (viewer, data version,
 * operation, variables, viewer's local day). A response is stored only when every aggregation
 * field of it was a fresh cache hit — never with errors, stale fields or computed misses — and
 * it expires with the earliest of its entries. A hit is answered in Yoga's `onParams`, before
 * parsing, validation and execution, and still records usage for every aggregation it holds.
 * With Redis, the bytes live there too (one GET). `extensions.responseCache` says HIT or MISS.
 *
 * Requests with variables over MAX_KEYED_VARIABLES_CHARS (batches of events) skip it.
 *
 * The key holds the data version, so a commit makes every older response unreachable (and a
 * response cannot outlive its entries' freshness); the local day is in it because results
 * depending on "today" change at midnight.
 */
import { createHash } from 'node:crypto';
import { type DocumentNode, type ExecutionResult, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Breaker } from '../cache/breaker.js';
import type { ViewerDirectory } from '../cache/viewers.js';
import { localDayOf } from '../domain/calendar.js';
import type { UsageTracker } from '../precompute/usage.js';
import type { GatewayContext } from '../resolvers/context.js';
import type { ServedAggregation } from '../resolvers/response-tracker.js';

/**
 * Requests whose variables serialise longer than this are neither looked up nor stored: such a
 * request is a batch (ingestWatchEvents), never a dashboard, and keying it would serialise and
 * hash all of it on the serving thread (39 ms for 10 000 events). The walk stops at the bound.
 */
export const MAX_KEYED_VARIABLES_CHARS = 16 * 1024;

interface CachedResponse {
  /** The `{"data":…}` body without extensions. */
  body: string;
  expiresAt: number;
  served: ServedAggregation[];
}

export interface ResponseCacheCounters {
  hits: number;
  misses: number;
  stored: number;
}

export interface ResponseCacheOptions {
  viewers: ViewerDirectory;
  usage: UsageTracker;
  resolveViewerId: (request: Request) => string | Promise<string>;
  logger: Logger;
  now: () => number;
  /** Bound of the in-process copy, bytes; default 32 MiB. */
  maxBytes?: number;
  /** The shared copy (optional). */
  redis?: { redis: Redis; breaker: Breaker };
}

export interface ResponseCache {
  plugin: Plugin;
  readonly counters: ResponseCacheCounters;
}

/**
 * Stable JSON (keys sorted) of the variables: equal variables, one key. Null once its leaves and
 * keys pass `budget.left` characters (the walk stops there).
 */
function canonicalJson(value: unknown, budget: { left: number }): string | null {
  if (value === null || typeof value !== 'object') {
    const leaf = JSON.stringify(value) ?? 'null';
    budget.left -= leaf.length;
    return budget.left < 0 ? null : leaf;
  }
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const v of value) {
      budget.left -= 1; // its comma: empty arrays and objects count too
      if (budget.left < 0) return null;
      const part = canonicalJson(v, budget);
      if (part === null) return null;
      parts.push(part);
    }
    return `[${parts.join(',')}]`;
  }
  for (const k of Object.keys(value as object).sort()) {
    budget.left -= k.length + 3;
    if (budget.left < 0) return null;
    const part = canonicalJson((value as Record<string, unknown>)[k], budget);
    if (part === null) return null;
    parts.push(`${JSON.stringify(k)}:${part}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The cache key of a response: viewer (hash tag: the viewer's Redis slot), data version,
 * operation, variables, local day; null when the variables are over MAX_KEYED_VARIABLES_CHARS.
 */
export function responseKey(parts: {
  viewerId: string;
  dataVersion: number;
  /** The viewer's zone: the default of every filter (a setTimeZone does not change the data version). */
  timeZone: string;
  document: string;
  operationName?: string | null;
  variables?: unknown;
  localDay: number;
}): string | null {
  const variables = canonicalJson(parts.variables ?? {}, { left: MAX_KEYED_VARIABLES_CHARS });
  if (variables === null) return null;
  const h = createHash('sha256')
    .update(parts.document)
    .update('\u0000')
    .update(parts.operationName ?? '')
    .update('\u0000')
    .update(variables)
    .update('\u0000')
    .update(parts.timeZone)
    .digest('base64url');
  return `wg:{${parts.viewerId}}:response:${parts.dataVersion}:${parts.localDay}:${h}`;
}

const withCacheExtension = (body: string, state: 'HIT' | 'MISS') =>
  `${body.slice(0, -1)},"extensions":{"responseCache":"${state}"}}`;

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { viewers, usage, logger, now } = options;
  // 0 turns the response cache off (tests of the tiers underneath, which it would answer for).
  const enabled = (options.maxBytes ?? 1) > 0;
  const memory = new LRUCache<string, CachedResponse>({
    maxSize: Math.max(1, options.maxBytes ?? 32 * 1024 * 1024),
    // The served list (filters, params of each entry) costs about a kilobyte per entry in the heap.
    sizeCalculation: (r) => Math.max(1, r.body.length + 1024 * r.served.length),
  });
  const counters: ResponseCacheCounters = { hits: 0, misses: 0, stored: 0 };
  const keys = new WeakMap<Request, string>();

  const readShared = async (key: string): Promise<CachedResponse | null> => {
    const r = options.redis;
    if (!r) return null;
    try {
      const raw = await r.breaker.run(() => r.redis.get(key));
      return raw ? (JSON.parse(raw) as CachedResponse) : null;
    } catch {
      return null; // Redis is an accelerator
    }
  };
  const writeShared = (key: string, entry: CachedResponse) => {
    const r = options.redis;
    const ttl = Math.round(entry.expiresAt - now());
    if (!r || !(ttl > 0)) return;
    r.breaker.run(() => r.redis.set(key, JSON.stringify(entry), 'PX', ttl)).catch(() => undefined);
  };

  const plugin: Plugin = {
    async onParams({ params, request, setResult }) {
      if (!enabled || (request.method !== 'GET' && request.method !== 'POST')) return;
      const document = params.query ?? (params.extensions?.persistedQuery as { sha256Hash?: string } | undefined)?.sha256Hash;
      if (typeof document !== 'string' || document.length === 0) return;
      let viewerId: string;
      try {
        viewerId = await options.resolveViewerId(request);
      } catch {
        return; // not authenticated: the regular path rejects it
      }
      const viewer = await viewers.get(viewerId);
      const key = responseKey({
        viewerId,
        dataVersion: viewer.dataVersion,
        timeZone: viewer.timeZone,
        document,
        operationName: params.operationName,
        variables: params.variables,
        localDay: localDayOf(viewer.timeZone, now()),
      });
      if (key === null) return; // a batch of events, not a dashboard: not cached
      keys.set(request, key);
      let hit = memory.get(key) ?? null;
      if (!hit) {
        hit = await readShared(key);
        if (hit) memory.set(key, hit);
      }
      if (!hit || now() >= hit.expiresAt) {
        counters.misses++;
        return;
      }
      counters.hits++;
      for (const s of hit.served) {
        usage.record(
          viewerId,
          { aggregation: s.aggregation, filter: s.filter, params: s.params },
          s.combo,
          s.computeMillis,
          s.bytes,
        );
      }
      const body = withCacheExtension(hit.body, 'HIT');
      const result = { data: null } as ExecutionResult;
      Object.defineProperty(result, 'stringify', { value: () => body, enumerable: false });
      setResult(result);
    },
    onExecute({ args }) {
      const ops = (args.document as DocumentNode).definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      const op = args.operationName ? ops.find((d) => d.name?.value === args.operationName) : ops[0];
      const ctx = args.contextValue as unknown as GatewayContext;
      if (op?.operation !== 'query' && ctx.responseCache) ctx.responseCache.eligible = false;
      return {
        onExecuteDone({ result }) {
          if (!('data' in result) || !ctx.responseCache) return;
          const r = result as ExecutionResult & { stringify?: (x: ExecutionResult) => string };
          const key = keys.get(ctx.request);
          const tracker = ctx.responseCache;
          const cacheable =
            key !== undefined && tracker.eligible && tracker.served.length > 0 && !r.errors && r.extensions === undefined;
          if (!cacheable) {
            if (op?.operation !== 'query') return;
            if (r.stringify && !r.errors && r.extensions === undefined) {
              // An error-free result serialised by the compiled stringifier: splice the marker in.
              const body = withCacheExtension(r.stringify(r), 'MISS');
              Object.defineProperty(r, 'stringify', { value: () => body, enumerable: false, configurable: true });
            } else {
              r.extensions = { ...(r.extensions ?? {}), responseCache: 'MISS' };
            }
            return;
          }
          const base = r.stringify ?? ((x: ExecutionResult) => JSON.stringify(x));
          const body = base(r);
          const entry: CachedResponse = { body, expiresAt: tracker.expiresAt, served: tracker.served };
          memory.set(key, entry);
          writeShared(key, entry);
          counters.stored++;
          const missBody = withCacheExtension(body, 'MISS');
          Object.defineProperty(r, 'stringify', { value: () => missBody, enumerable: false, configurable: true });
          logger.debug({ event: 'response_cache.stored', key, bytes: body.length });
        },
      };
    },
  };
  return { plugin, counters };
}
