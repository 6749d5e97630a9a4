/**
 * Bearer-token authentication: who is asking, checked on the gateway before any resolver runs.
 *
 * Tokens are JWTs from an identity provider (Clerk, Auth0, Supabase, Convex Auth…), verified
 * with the provider's published keys (JWKS) or, for setups that only have a shared secret, with
 * HS256. The viewer id is the token's `sub`, so a viewer can only ever see their own data, and
 * an optional claim marks admins. Configuration and provider recipes: docs/auth.md.
 *
 * Verifying a signature costs far more than serving a query from the memory tier, so verified
 * tokens are cached by their exact string until (never past) their `exp`. Keys are fetched once
 * and kept: a rotated key (new `kid`) triggers one refetch, unknown `kid`s cannot make the gateway
 * hammer the provider (at most one fetch per cooldown), and while the provider is unreachable the
 * keys already fetched keep working.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { ConfigError } from './config.js';

/** The `AUTH_*` environment variables, parsed. Produced by {@link readAuthConfig}; see docs/auth.md. */
export interface AuthConfig {
  /** AUTH_JWKS_URL: where the provider publishes its public keys (`https://<domain>/.well-known/jwks.json`). */
  jwksUrl: string | null;
  /** AUTH_ISSUER: the exact `iss` every token must carry (required when auth is on). */
  issuer: string | null;
  /** AUTH_AUDIENCE: when set, the token's `aud` must contain it. */
  audience: string | null;
  /** AUTH_ALGORITHMS: accepted `alg`s; default RS256, ES256; exactly HS256 when AUTH_HS256_SECRET is set. */
  algorithms: string[];
  /** AUTH_HS256_SECRET: shared HMAC secret (≥ 32 bytes), instead of a JWKS. */
  hs256Secret: string | null;
  /** AUTH_ADMIN_CLAIM `name=value`: the claim (string, or array containing the value) that makes a viewer admin. */
  adminClaim: { name: string; value: string } | null;
  /** AUTH_JWKS_TIMEOUT_MS: longest a JWKS fetch may take, ms. */
  jwksTimeoutMs: number;
  /** AUTH_JWKS_COOLDOWN_MS: least time between two JWKS fetches (after a success or a failure), ms. */
  jwksCooldownMs: number;
  /** AUTH_CLOCK_TOLERANCE_SECONDS: allowed clock skew for `exp`/`nbf`, seconds. */
  clockToleranceSec: number;
}

/** Every variable {@link readAuthConfig} reads; setting any one of them turns authentication on. */
const AUTH_VARIABLES = [
  'AUTH_JWKS_URL',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_ALGORITHMS',
  'AUTH_HS256_SECRET',
  'AUTH_ADMIN_CLAIM',
  'AUTH_JWKS_TIMEOUT_MS',
  'AUTH_JWKS_COOLDOWN_MS',
  'AUTH_CLOCK_TOLERANCE_SECONDS',
] as const;

/** Asymmetric algorithms a JWKS may use. `none` is deliberately absent and rejected by name. */
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;
const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
const KNOWN_ALGORITHMS: ReadonlyMap<string, string> = new Map(
  [...ASYMMETRIC_ALGORITHMS, ...HMAC_ALGORITHMS].map((alg) => [alg.toUpperCase(), alg]),
);
const DEFAULT_ALGORITHMS = ['RS256', 'ES256'];
const MIN_SECRET_BYTES = 32;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const value = (env: NodeJS.ProcessEnv, name: string): string | null => {
  const raw = env[name]?.trim();
  return raw ? raw : null;
};

const integer = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number => {
  const raw = value(env, name);
  if (raw === null) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new ConfigError(name, `expected an integer from ${min} to ${max}, got "${raw}"`);
  return v;
};

function parseJwksUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('AUTH_JWKS_URL', `expected an absolute https URL, got "${raw}"`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      'AUTH_JWKS_URL',
      `expected an https URL (plain http only for localhost/127.0.0.1, keys fetched over http can be forged), got "${raw}"`,
    );
  }
  return url.href;
}

function parseAlgorithms(raw: string | null, hs256: boolean): string[] {
  if (raw === null) return hs256 ? ['HS256'] : [...DEFAULT_ALGORITHMS];
  const algorithms = raw.split(',').map((part) => {
    const alg = part.trim();
    if (alg.toLowerCase() === 'none') throw new ConfigError('AUTH_ALGORITHMS', '"none" (unsigned tokens) is never accepted');
    const known = KNOWN_ALGORITHMS.get(alg.toUpperCase());
    if (!known)
      throw new ConfigError(
        'AUTH_ALGORITHMS',
        `unknown algorithm "${alg}", expected a comma-separated list of ${[...KNOWN_ALGORITHMS.values()].join(', ')}`,
      );
    return known;
  });
  const unique = [...new Set(algorithms)];
  if (hs256) {
    if (unique.length !== 1 || unique[0] !== 'HS256')
      throw new ConfigError(
        'AUTH_ALGORITHMS',
        'with AUTH_HS256_SECRET only HS256 is accepted (set AUTH_ALGORITHMS=HS256 or unset it)',
      );
    return unique;
  }
  const hmac = unique.filter((alg) => alg.startsWith('HS'));
  if (hmac.length > 0)
    throw new ConfigError(
      'AUTH_ALGORITHMS',
      `${hmac.join(', ')} need AUTH_HS256_SECRET instead of AUTH_JWKS_URL (an HMAC token checked against public keys is the classic algorithm-confusion attack)`,
    );
  return unique;
}

function parseAdminClaim(raw: string | null): AuthConfig['adminClaim'] {
  if (raw === null) return null;
  const eq = raw.indexOf('=');
  const name = eq < 0 ? '' : raw.slice(0, eq).trim();
  const claimValue = eq < 0 ? '' : raw.slice(eq + 1).trim();
  if (!name || !claimValue || name.split('.').some((part) => part === ''))
    throw new ConfigError(
      'AUTH_ADMIN_CLAIM',
      `expected "claim=value" (e.g. "role=admin" or "public_metadata.role=admin"), got "${raw}"`,
    );
  return { name, value: claimValue };
}

/**
 * Reads the `AUTH_*` variables. Returns null when none is set: local mode, where the gateway keeps
 * its unauthenticated single-user behaviour. Once any is set, a mistake is a startup error
 * (ConfigError naming the variable) rather than a gateway that silently accepts too much — e.g.
 * both or neither of AUTH_JWKS_URL / AUTH_HS256_SECRET, no AUTH_ISSUER, `none`/unknown/HS*
 * algorithms that the key source cannot back, a short secret, or a JWKS over plain http to a
 * non-loopback host. Empty values count as unset. Messages never contain the secret.
 */
export function readAuthConfig(env: NodeJS.ProcessEnv): AuthConfig | null {
  if (AUTH_VARIABLES.every((name) => value(env, name) === null)) return null;
  const jwksRaw = value(env, 'AUTH_JWKS_URL');
  const hs256Secret = value(env, 'AUTH_HS256_SECRET');
  if (jwksRaw !== null && hs256Secret !== null)
    throw new ConfigError(
      'AUTH_HS256_SECRET',
      'set either AUTH_JWKS_URL (public keys) or AUTH_HS256_SECRET (shared secret), not both',
    );
  if (jwksRaw === null && hs256Secret === null)
    throw new ConfigError(
      'AUTH_JWKS_URL',
      'authentication is configured (AUTH_* set) but has no keys: set AUTH_JWKS_URL or AUTH_HS256_SECRET',
    );
  if (hs256Secret !== null && Buffer.byteLength(hs256Secret, 'utf8') < MIN_SECRET_BYTES)
    throw new ConfigError('AUTH_HS256_SECRET', `expected at least ${MIN_SECRET_BYTES} bytes (value not shown)`);
  const issuer = value(env, 'AUTH_ISSUER');
  if (issuer === null)
    throw new ConfigError(
      'AUTH_ISSUER',
      'required when authentication is on: the exact "iss" of the tokens (e.g. https://<tenant>.auth0.com/)',
    );
  return {
    jwksUrl: jwksRaw === null ? null : parseJwksUrl(jwksRaw),
    issuer,
    audience: value(env, 'AUTH_AUDIENCE'),
    algorithms: parseAlgorithms(value(env, 'AUTH_ALGORITHMS'), hs256Secret !== null),
    hs256Secret,
    adminClaim: parseAdminClaim(value(env, 'AUTH_ADMIN_CLAIM')),
    jwksTimeoutMs: integer(env, 'AUTH_JWKS_TIMEOUT_MS', 5000, 1, 60_000),
    jwksCooldownMs: integer(env, 'AUTH_JWKS_COOLDOWN_MS', 30_000, 0, 3_600_000),
    clockToleranceSec: integer(env, 'AUTH_CLOCK_TOLERANCE_SECONDS', 5, 0, 600),
  };
}

/** Who a verified request is from: what resolvers need, nothing more of the token. */
export interface Principal {
  /** The token's `sub` (1–256 characters): the only viewer this request may read. */
  viewerId: string;
  /** True only when AUTH_ADMIN_CLAIM is configured and the token's claim matches it. */
  isAdmin: boolean;
  /** epoch ms */
  expiresAt: number | undefined;
}

/** Why a request was not authenticated; stable strings for logs, metrics and tests. */
export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'no_subject'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'keys_unavailable';

const MESSAGES: Record<AuthFailure, string> = {
  missing: 'authentication required: send "Authorization: Bearer <token>"',
  malformed: 'the Authorization header is not a well-formed "Bearer <token>"',
  expired: 'the token has expired',
  not_yet_valid: 'the token is not valid yet',
  bad_signature: 'the token signature is invalid',
  wrong_issuer: 'the token was issued by an issuer this server does not accept',
  wrong_audience: 'the token is not meant for this server (audience)',
  no_subject: 'the token has no usable subject ("sub") claim',
  algorithm_not_allowed: 'the token signing algorithm is not allowed',
  unknown_key: 'the token is signed with an unknown key',
  keys_unavailable: 'the signing keys are unavailable right now, try again later',
};

/**
 * A rejected request. The message is fixed per reason and safe to show a client: it never holds
 * the token, its claims or the underlying jose error (which can carry the claims set).
 */
export class AuthError extends Error {
  readonly reason: AuthFailure;
  constructor(reason: AuthFailure) {
    super(MESSAGES[reason]);
    this.name = 'AuthError';
    this.reason = reason;
  }
}

/** Turns `Authorization` header values into principals; one per gateway process. */
export interface Authenticator {
  /** The value of the Authorization header (or null). Resolves to the principal or rejects with AuthError. */
  authenticate(authorization: string | null): Promise<Principal>;
  /** Verified tokens held in the cache (for tests/metrics). */
  cachedTokens(): number;
}

/** Longest accepted token: real IdP tokens are 1–2 KiB; the bound keeps a request from making us parse megabytes. */
const MAX_TOKEN_CHARS = 8192;
const MAX_SUBJECT_CHARS = 256;
/**
 * How long jose treats fetched keys as fresh before refetching on use. Past it, a failed refetch
 * falls back to the keys already held (see `keyResolver`), so this bounds how long a key removed
 * by the provider keeps working while the provider is reachable, not availability.
 */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** Cap on how long one verified token is served from the cache (tokens without `exp`; key revocation). */
const MAX_CACHE_TTL_MS = 10 * 60_000;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const BEARER = /^bearer +(\S+)$/i;

interface CachedPrincipal {
  principal: Principal;
  /** now()-based epoch ms; the entry is never served at or after it. */
  validUntil: number;
}

/** Errors meaning "could not get the key set", as opposed to "the set has no key for this token". */
function isKeyFetchFailure(err: unknown): boolean {
  if (!(err instanceof errors.JOSEError)) return true; // fetch's TypeError, JSON SyntaxError, AbortError
  return err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || err.code === errors.JOSEError.code;
}

/** Internal: the key set could not be fetched and none is held. */
class KeysUnavailable extends Error {}

/**
 * A key resolver over the provider's JWKS with two guarantees jose's own `createRemoteJWKSet`
 * does not give: after a failed fetch, no further fetch for `jwksCooldownMs` (jose only cools
 * down after successes, so a down IdP plus unknown `kid`s or stale keys would mean one fetch —
 * and one `jwksTimeoutMs` wait — per request), and the keys already fetched keep verifying while
 * the provider is unreachable, even past `JWKS_MAX_AGE_MS`. Cooldowns run on Date.now like jose's.
 */
function keyResolver(config: AuthConfig & { jwksUrl: string }, logger: Logger | undefined): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(config.jwksUrl), {
    timeoutDuration: config.jwksTimeoutMs,
    cooldownDuration: config.jwksCooldownMs,
    cacheMaxAge: JWKS_MAX_AGE_MS,
  });
  let failedAt: number | undefined;
  let fallback: ReturnType<typeof createLocalJWKSet> | undefined;

  const fromHeldKeys = (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    if (!fallback) throw new KeysUnavailable();
    return fallback(header, token);
  };

  return async (header, token) => {
    if (failedAt !== undefined && Date.now() - failedAt < config.jwksCooldownMs) return fromHeldKeys(header, token);
    try {
      const key = await remote(header, token);
      if (failedAt !== undefined) {
        failedAt = undefined;
        fallback = undefined;
        logger?.info({ jwksUrl: config.jwksUrl }, 'auth: JWKS reachable again');
      }
      return key;
    } catch (err) {
      if (!isKeyFetchFailure(err)) throw err;
      failedAt = Date.now();
      const held = remote.jwks();
      fallback = held ? createLocalJWKSet(held) : undefined;
      logger?.warn(
        { jwksUrl: config.jwksUrl, err: err instanceof Error ? err.message : String(err), heldKeys: held?.keys.length ?? 0 },
        'auth: JWKS fetch failed; using the keys already held, next attempt after the cooldown',
      );
      return fromHeldKeys(header, token);
    }
  };
}

function failureOf(err: unknown): AuthFailure {
  if (err instanceof AuthError) return err.reason;
  if (err instanceof KeysUnavailable) return 'keys_unavailable';
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'not_yet_valid';
    if (err.claim === 'iss') return 'wrong_issuer';
    if (err.claim === 'aud') return 'wrong_audience';
    if (err.claim === 'sub') return 'no_subject';
    return 'malformed';
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'algorithm_not_allowed';
  if (err instanceof errors.JWKSNoMatchingKey) return 'unknown_key';
  if (err instanceof errors.JWKSTimeout) return 'keys_unavailable';
  // JWSInvalid, JWTInvalid, JOSENotSupported (e.g. an alg the key set cannot serve), bad key types…
  return 'malformed';
}

/** The claim `name` of the payload: the literal key first (Auth0's `https://x.example/roles`), else a dotted path. */
function claimAt(payload: JWTPayload, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let current: unknown = payload;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, part))
      return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function isAdminOf(payload: JWTPayload, adminClaim: AuthConfig['adminClaim']): boolean {
  if (!adminClaim) return false;
  const claim = claimAt(payload, adminClaim.name);
  return claim === adminClaim.value || (Array.isArray(claim) && claim.includes(adminClaim.value));
}

function tokenOf(authorization: string | null): string {
  const header = authorization?.trim();
  if (!header) throw new AuthError('missing');
  if (header.length > MAX_TOKEN_CHARS + 64) throw new AuthError('malformed');
  const token = BEARER.exec(header)?.[1];
  if (!token || token.length > MAX_TOKEN_CHARS || !COMPACT_JWS.test(token)) throw new AuthError('malformed');
  return token;
}

/**
 * Builds the authenticator for a config from {@link readAuthConfig}. `now` (epoch ms, default
 * Date.now) is the clock for `exp`/`nbf` and the token cache, so tests control time; `logger`
 * gets JWKS outages (warn) and rejections (debug, reason only); `maxCachedTokens` bounds the
 * verified-token LRU (default 10 000 — about one entry per active session). A hand-built config
 * that readAuthConfig would refuse (no issuer, `none`, HS* with a JWKS, both key sources) throws
 * ConfigError here too, so no wiring mistake can weaken the checks. Keys are fetched on first use,
 * not here: a gateway starts while its identity provider is down.
 */
export function createAuthenticator(
  config: AuthConfig,
  options: { now?: () => number; logger?: Logger; maxCachedTokens?: number } = {},
): Authenticator {
  const now = options.now ?? Date.now;
  const logger = options.logger;
  if (config.issuer === null) throw new ConfigError('AUTH_ISSUER', 'required when authentication is on');
  if (config.algorithms.some((alg) => alg.toLowerCase() === 'none'))
    throw new ConfigError('AUTH_ALGORITHMS', '"none" (unsigned tokens) is never accepted');
  let key: Uint8Array | JWTVerifyGetKey;
  if (config.hs256Secret !== null) {
    if (config.jwksUrl !== null)
      throw new ConfigError('AUTH_HS256_SECRET', 'set either AUTH_JWKS_URL or AUTH_HS256_SECRET, not both');
    if (config.algorithms.length !== 1 || config.algorithms[0] !== 'HS256')
      throw new ConfigError('AUTH_ALGORITHMS', 'with AUTH_HS256_SECRET only HS256 is accepted');
    key = new TextEncoder().encode(config.hs256Secret);
  } else if (config.jwksUrl !== null) {
    if (config.algorithms.some((alg) => alg.toUpperCase().startsWith('HS')))
      throw new ConfigError('AUTH_ALGORITHMS', 'HMAC algorithms need AUTH_HS256_SECRET, not a JWKS');
    key = keyResolver({ ...config, jwksUrl: config.jwksUrl }, logger);
  } else {
    throw new ConfigError('AUTH_JWKS_URL', 'set AUTH_JWKS_URL or AUTH_HS256_SECRET');
  }
  const issuer = config.issuer;
  const algorithms = [...config.algorithms];

  const cache = new LRUCache<string, CachedPrincipal>({
    max: options.maxCachedTokens ?? 10_000,
    perf: { now },
    ttlResolution: 0,
  });

  const verify = async (token: string): Promise<Principal> => {
    const at = now();
    const { payload } = await jwtVerify(token, key, {
      issuer,
      ...(config.audience === null ? {} : { audience: config.audience }),
      algorithms,
      clockTolerance: config.clockToleranceSec,
      currentDate: new Date(at),
    });
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_CHARS) throw new AuthError('no_subject');
    const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
    const principal: Principal = Object.freeze({ viewerId: sub, isAdmin: isAdminOf(payload, config.adminClaim), expiresAt });
    const validUntil = Math.min(expiresAt ?? Number.POSITIVE_INFINITY, at + MAX_CACHE_TTL_MS);
    if (validUntil > at) cache.set(token, { principal, validUntil }, { ttl: validUntil - at });
    return principal;
  };

  return {
    async authenticate(authorization) {
      try {
        const token = tokenOf(authorization);
        const hit = cache.get(token);
        if (hit) {
          if (now() < hit.validUntil) return hit.principal;
          cache.delete(token);
        }
        return await verify(token);
      } catch (err) {
        const reason = failureOf(err);
        logger?.debug({ reason }, 'auth: request rejected');
        throw err instanceof AuthError ? err : new AuthError(reason);
      }
    },
    cachedTokens: () => cache.size,
  };
}
