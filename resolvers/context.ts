/**
 * The request context: who is asking, and one DataLoader set per request. Without
 * authentication configured every request is the single local viewer; the viewer id is in
 * the context and in every cache key, so multi-tenancy is a `resolveViewerId` away.
 */
import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Breaker } from '../cache/breaker.js';
import type { LayeredCache } from '../cache/layered.js';
import type { ViewerDirectory } from '../cache/viewers.js';
import type { ImportRunner } from '../ingest/import-host.js';
import type { EngineHost } from '../precompute/engine-host.js';
import type { MidnightScheduler } from '../precompute/midnight.js';
import type { Precomputer } from '../precompute/precomputer.js';
import type { ViewerQuotas } from '../precompute/quotas.js';
import type { AggregationRequest, AggregationService, ColdBudget, Freshness, Resolved } from '../precompute/service.js';
import type { UsageTracker } from '../precompute/usage.js';
import type { Store, Viewer } from '../store/types.js';
import type { LiveHub } from './live.js';
import { newResponseTracker, type ResponseTracker } from './response-tracker.js';

/** Everything the resolvers call; built once by `makeGateway`. */
export interface Services {
  store: Store;
  viewers: ViewerDirectory;
  cache: LayeredCache;
  aggregations: AggregationService;
  precomputer: Precomputer;
  usage: UsageTracker;
  logger: Logger;
  /** The gateway's clock, epoch ms. */
  now: () => number;
  /** The Redis circuit breaker, when Redis is configured. */
  breaker: Breaker | null;
  /** Refreshes each active viewer's dashboard after their local midnight. */
  midnight: MidnightScheduler;
  /** Where aggregations are computed (engine threads or inline). */
  engine: EngineHost;
  /** Where Takeout imports run (an import thread, or inline). */
  imports: ImportRunner;
  /** Live updates per viewer (Subscription.viewerChanged). */
  live: LiveHub;
  limits: {
    /** Most events one `ingestWatchEvents` call may carry. */
    maxIngestBatch: number;
    /** Largest accepted Takeout upload, bytes. */
    maxUploadBytes: number;
    /** How far past the gateway's clock an ingested event may be dated, ms. */
    maxClockSkewMs: number;
    /** Cost units of cold work one request may cause (registry `coldCostOf`); Infinity: no budget. */
    coldCostBudget: number;
    /** Most events one viewer may store. */
    maxEventsPerViewer: number;
    /** Takeout imports one viewer may start per hour (per process; shared through Redis when there). */
    importsPerHour: number;
  };
  /** Production mode: rejections say which limit was hit and no more. */
  production: boolean;
  /** Per-viewer counters of the hourly import quota. */
  quotas: ViewerQuotas;
}

/** What a field asks the loader for: the request and how fresh it must be. */
export interface LoadRequest extends AggregationRequest {
  freshness: Freshness;
  minVersion?: number;
}

export interface Loaders {
  /** Batches every aggregation a request asks for into one cache read (one per freshness mode). */
  aggregations: DataLoader<LoadRequest, Resolved, string>;
}

export interface GatewayContext {
  viewer: Viewer;
  /** Admin fields (other viewers' plans, process-wide cache stats): local mode, or a token with the admin claim. */
  isAdmin: boolean;
  services: Services;
  loaders: Loaders;
  /** Epoch ms when the request's token expires (auth sets it); live streams end then. Undefined: no expiry. */
  tokenExpiresAt?: number;
  /** The HTTP request (Yoga's initial context). */
  request: Request;
  /** What the response cache needs to know of this request's fields (server/response-cache.ts). */
  responseCache?: ResponseTracker;
  /** Set when the whole request is refused during execution (cold budget); the gateway answers with it alone. */
  rejection?: GraphQLError;
}

export function createLoaders(services: Services): Loaders {
  // One allowance of cold work per request, shared by all its batches.
  const total = services.limits.coldCostBudget;
  const coldBudget: ColdBudget | undefined = Number.isFinite(total) ? { remaining: total, total } : undefined;
  return {
    aggregations: new DataLoader<LoadRequest, Resolved, string>(
      async (requests) => {
        // Almost always one group: a request's fields share its analytics arguments.
        const groups = new Map<string, number[]>();
        requests.forEach((r, i) => {
          const g = `${r.freshness}@${r.minVersion ?? ''}`;
          groups.set(g, [...(groups.get(g) ?? []), i]);
        });
        const out: (Resolved | Error)[] = new Array(requests.length);
        await Promise.all(
          [...groups.values()].map(async (idx) => {
            const first = requests[idx[0] as number] as LoadRequest;
            const results = await services.aggregations.resolveMany(
              idx.map((i) => requests[i] as LoadRequest),
              { freshness: first.freshness, minVersion: first.minVersion, coldBudget },
            );
            idx.forEach((i, j) => {
              out[i] = results[j] as Resolved | Error;
            });
          }),
        );
        return out;
      },
      { cacheKeyFn: (r) => `${services.aggregations.keyOf(r)}|${r.freshness}@${r.minVersion ?? ''}` },
    ),
  };
}

export interface ContextOptions {
  services: Services;
  /** Maps a request to a viewer id; default: the single local viewer `local`. */
  resolveViewerId?: (request: Request) => string | Promise<string>;
  /** When the request's credentials expire, epoch ms (undefined: never); becomes `tokenExpiresAt`. */
  resolveTokenExpiry?: (request: Request) => number | undefined | Promise<number | undefined>;
  /** Whether the request's principal is an admin; default: admin only in local mode (no `resolveViewerId`). */
  resolveAdmin?: (request: Request) => boolean;
}

export const LOCAL_VIEWER_ID = 'local';

/** Builds the per-request context factory Yoga calls. */
export function createContextFactory(options: ContextOptions): (init: { request: Request }) => Promise<GatewayContext> {
  const { services } = options;
  const resolveViewerId = options.resolveViewerId ?? (() => LOCAL_VIEWER_ID);
  const local = options.resolveViewerId === undefined;
  const resolveAdmin = options.resolveAdmin ?? (() => local);
  return async ({ request }) => {
    const viewerId = await resolveViewerId(request);
    const viewer = await services.viewers.get(viewerId);
    services.midnight.watch(viewer);
    const tokenExpiresAt = options.resolveTokenExpiry ? await options.resolveTokenExpiry(request) : undefined;
    return {
      viewer,
      isAdmin: resolveAdmin(request),
      services,
      loaders: createLoaders(services),
      tokenExpiresAt,
      request,
      responseCache: newResponseTracker(),
    };
  };
}
