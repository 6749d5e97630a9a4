/** Configuration from environment variables; every variable, its default and meaning is in the README. */

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  demoData: boolean;
  demoEvents: number;
  redisUrl: string | null;
  store: 'sqlite' | 'convex';
  logLevel: string;
  memoryCacheBytes: number;
  usageHalfLifeMs: number;
  hotBudgetMs: number;
  maxUploadBytes: number;
  /** How far past the gateway's clock an ingested event may be dated, ms. */
  maxClockSkewMs: number;
  /** `inline`: this process runs precompute jobs; `external`: only `npm run worker` processes do (needs REDIS_URL). */
  precompute: 'inline' | 'external';
  /** Longest a shutdown waits for running work (a job, requests) before exiting anyway, ms. */
  shutdownGraceMs: number;
  /** Engine threads; null = the cores minus one, at least one. */
  engineThreads: number | null;
  /** Bound of engine state per engine thread, bytes. */
  engineMemoryBytes: number;
  /** FRESH's longest wait for a fresh entry before answering with a stale one, ms. */
  freshWaitMs: number;
  /** How often a worker logs its event-loop delay (debug), ms; 0 = never. */
  workerLoopDelayLogMs: number;
  /** Per viewer, the most bytes of cached entries the store keeps (the base set is never evicted). */
  storeEntryBudgetBytes: number;
  /** How long past its expiry a cached entry is kept for stale answers, ms. */
  entryRetainStaleMs: number;
  /** How often expired and over-budget entries are swept, ms; 0 = never. */
  entrySweepMs: number;
  /** Share of incrementally produced entries recomputed from scratch and compared, 0..1. */
  shadowRate: number;
  /** NODE_ENV=production: trusted documents only, no introspection, suggestions or GraphiQL (each can be re-enabled). */
  production: boolean;
  /** Accept documents that are not in the trusted-documents manifest (default: not in production). */
  allowArbitraryOperations: boolean;
  /** Answer introspection queries (default: not in production). */
  introspection: boolean;
  /** Serve GraphiQL at /graphql (default: not in production). */
  graphiql: boolean;
  /** Origins a browser may call from (CORS); empty = same-origin only. */
  corsOrigins: string[];
  /** Serve without authentication on a non-loopback HOST (every caller is the one local viewer). */
  allowAnonymous: boolean;
  /** Bearer token for /metrics from other machines; null = loopback only. */
  metricsToken: string | null;
  /** Largest request body that is not an upload, bytes. */
  maxBodyBytes: number;
  /** Cost units of cold (uncached) work one request may cause; over it the request is rejected. */
  coldCostBudget: number;
  /** Cold computations one viewer may have running at once in this process. */
  maxColdPerViewer: number;
  /** Most events one viewer may store. */
  maxEventsPerViewer: number;
  /** Takeout imports one viewer may start per hour. */
  importsPerHour: number;
  /** HTTP server bounds (node:http): headers, whole request, idle keep-alive, open sockets. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number };
}

export class ConfigError extends Error {
  constructor(variable: string, reason: string) {
    super(`[server/config] ${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new ConfigError(name, `expected an integer from ${min} to ${max}, got "${raw}"`);
  return v;
};

const fraction = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!(v >= 0 && v <= 1)) throw new ConfigError(name, `expected a number from 0 to 1, got "${raw}"`);
  return v;
};

const bool = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `expected true/false (or 1/0), got "${env[name]}"`);
};

/** CORS_ORIGINS: comma-separated origins (`https://app.example`), each exactly an origin; `*` is refused. */
const origins = (env: NodeJS.ProcessEnv): string[] => {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((o) => {
    const value = o.trim();
    let origin: string | null = null;
    try {
      origin = new URL(value).origin;
    } catch {}
    if (!origin || origin === 'null' || origin !== value) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `expected origins like https://app.example (scheme, host, optional port; no path, no *), got "${value}"`,
      );
    }
    return origin;
  });
};

const metricsToken = (env: NodeJS.ProcessEnv): string | null => {
  const raw = env.METRICS_TOKEN;
  if (!raw) return null;
  if (raw.length < 16) throw new ConfigError('METRICS_TOKEN', 'expected at least 16 characters');
  return raw;
};

/** True for addresses only this machine can reach. */
export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Reads the configuration; throws ConfigError naming the variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const store = (env.STORE ?? 'sqlite').toLowerCase();
  if (store !== 'sqlite' && store !== 'convex') throw new ConfigError('STORE', `expected sqlite or convex, got "${env.STORE}"`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected fatal|error|warn|info|debug|trace|silent, got "${logLevel}"`);
  }
  const precompute = (env.PRECOMPUTE ?? 'inline').toLowerCase();
  if (precompute !== 'inline' && precompute !== 'external') {
    throw new ConfigError('PRECOMPUTE', `expected inline or external, got "${env.PRECOMPUTE}"`);
  }
  if (precompute === 'external' && !env.REDIS_URL) {
    throw new ConfigError('PRECOMPUTE', 'external precompute needs REDIS_URL (jobs go to BullMQ for `npm run worker`)');
  }
  const production = (env.NODE_ENV ?? '').toLowerCase() === 'production';
  return {
    precompute,
    production,
    allowArbitraryOperations: bool(env, 'ALLOW_ARBITRARY_OPERATIONS', !production),
    introspection: bool(env, 'ENABLE_INTROSPECTION', !production),
    graphiql: bool(env, 'ENABLE_GRAPHIQL', !production),
    corsOrigins: origins(env),
    allowAnonymous: bool(env, 'ALLOW_ANONYMOUS', false),
    metricsToken: metricsToken(env),
    maxBodyBytes: int(env, 'MAX_BODY_KB', 8192, 1, 1_048_576) * 1024,
    coldCostBudget: int(env, 'COLD_COST_BUDGET', 500, 1, 1_000_000),
    maxColdPerViewer: int(env, 'MAX_COLD_PER_VIEWER', 4, 1, 1024),
    maxEventsPerViewer: int(env, 'MAX_EVENTS_PER_VIEWER', 5_000_000, 1, 1_000_000_000),
    importsPerHour: int(env, 'IMPORTS_PER_HOUR', 30, 1, 1_000_000),
    http: {
      headersTimeoutMs: int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000),
      requestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 300_000, 1000, 3_600_000),
      keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5000, 100, 600_000),
      maxConnections: int(env, 'HTTP_MAX_CONNECTIONS', 1024, 1, 1_000_000),
    },
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dbPath: env.WATCHGRAPH_DB || './data/watchgraph.db',
    demoData: bool(env, 'DEMO_DATA', true),
    demoEvents: int(env, 'DEMO_EVENTS', 50_000, 1, 5_000_000),
    redisUrl: env.REDIS_URL || null,
    store,
    logLevel,
    memoryCacheBytes: int(env, 'MEMORY_CACHE_MB', 128, 1, 65_536) * 1024 * 1024,
    usageHalfLifeMs: int(env, 'USAGE_HALF_LIFE_HOURS', 168, 1, 87_600) * 3_600_000,
    hotBudgetMs: int(env, 'PRECOMPUTE_HOT_BUDGET_MS', 2000, 0, 600_000),
    maxUploadBytes: int(env, 'MAX_UPLOAD_MB', 1024, 1, 65_536) * 1024 * 1024,
    maxClockSkewMs: int(env, 'MAX_CLOCK_SKEW_HOURS', 24, 0, 8760) * 3_600_000,
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    engineThreads: env.ENGINE_THREADS ? int(env, 'ENGINE_THREADS', 1, 1, 64) : null,
    engineMemoryBytes: int(env, 'ENGINE_MEMORY_MB', 1024, 16, 65_536) * 1024 * 1024,
    freshWaitMs: int(env, 'FRESH_WAIT_MS', 1000, 0, 60_000),
    workerLoopDelayLogMs: int(env, 'WORKER_LOOP_DELAY_LOG_MS', 10_000, 0, 3_600_000),
    storeEntryBudgetBytes: int(env, 'STORE_ENTRY_BUDGET_MB', 64, 1, 1_048_576) * 1024 * 1024,
    entryRetainStaleMs: int(env, 'ENTRY_RETAIN_STALE_HOURS', 168, 0, 87_600) * 3_600_000,
    entrySweepMs: int(env, 'ENTRY_SWEEP_SECONDS', 60, 0, 86_400) * 1000,
    shadowRate: fraction(env, 'SHADOW_RATE', 0.01),
  };
}
