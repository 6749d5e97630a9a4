/**
 * The JWKS side of createAuthenticator against a local, request-counting key server: a rotated
 * key is picked up, unknown kids cannot cause a request storm, keys already fetched keep working
 * while the provider is down (even past jose's cache age), and a hanging provider costs at most
 * about AUTH_JWKS_TIMEOUT_MS. jose's cooldown and cache age run on Date.now, which the tests move
 * forward (`advance`); token verification runs on the fixed `now` option.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AuthConfig,
  AuthError,
  type Authenticator,
  type AuthFailure,
  createAuthenticator,
  readAuthConfig,
} from '../../server/auth.js';
import { AUDIENCE, ISSUER, type JwksServer, signToken, startJwksServer, type TestKey, testKey } from './harness.js';

const COOLDOWN_MS = 30_000;
const realNow = Date.now;
let offset = 0;
const advance = (ms: number) => {
  offset += ms;
};
const clock = Date.UTC(2025, 0, 15, 12);
let servers: JwksServer[] = [];

beforeEach(() => {
  offset = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

async function server(keys: TestKey[]): Promise<JwksServer> {
  const s = await startJwksServer(keys.map((k) => k.jwk));
  servers.push(s);
  return s;
}

function authFor(s: JwksServer, env: Record<string, string> = {}): Authenticator {
  const config: AuthConfig | null = readAuthConfig({
    AUTH_JWKS_URL: s.url,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_JWKS_COOLDOWN_MS: String(COOLDOWN_MS),
    ...env,
  });
  return createAuthenticator(config!, { now: () => clock });
}

const bearer = (token: string) => `Bearer ${token}`;

async function reasonOf(promise: Promise<unknown>): Promise<AuthFailure> {
  const err = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return (err as AuthError).reason;
}

/** Tokens with random kids the server has never published (signed by one unpublished key). */
let stranger: TestKey | undefined;
const strangers = async (n: number): Promise<string[]> => {
  stranger ??= await testKey('ES256');
  const key = stranger;
  return Promise.all(Array.from({ length: n }, () => signToken({ ...key, kid: randomUUID() }, clock)));
};

describe('JWKS', () => {
  it('fetches the key set once and reuses it', async () => {
    const k1 = await testKey('RS256');
    const s = await server([k1]);
    const auth = authFor(s);
    for (let i = 0; i < 5; i++) await auth.authenticate(bearer(await signToken(k1, clock, { sub: `v${i}` })));
    expect(s.requests).toBe(1);
  });

  it('a rotated key (new kid) is fetched once the cooldown allows', async () => {
    const k1 = await testKey('RS256');
    const k2 = await testKey('ES256');
    const s = await server([k1]);
    const auth = authFor(s);
    await auth.authenticate(bearer(await signToken(k1, clock)));
    expect(s.requests).toBe(1);

    s.keys = [k1.jwk, k2.jwk]; // the provider rotates in k2
    const rotated = await signToken(k2, clock, { sub: 'rotated' });
    // Inside the cooldown of the last fetch, an unknown kid does not refetch.
    expect(await reasonOf(auth.authenticate(bearer(rotated)))).toBe('unknown_key');
    expect(s.requests).toBe(1);

    advance(COOLDOWN_MS + 1);
    await expect(auth.authenticate(bearer(rotated))).resolves.toMatchObject({ viewerId: 'rotated' });
    expect(s.requests).toBe(2);
    // The old key still works, without another fetch.
    await auth.authenticate(bearer(await signToken(k1, clock, { sub: 'old' })));
    expect(s.requests).toBe(2);
  });

  it('20 tokens with random unknown kids make at most one fetch per cooldown', async () => {
    const k1 = await testKey('RS256');
    const s = await server([k1, await testKey('ES256')]);
    const auth = authFor(s);
    await auth.authenticate(bearer(await signToken(k1, clock)));
    expect(s.requests).toBe(1);

    const burst = await strangers(20);
    const concurrent = await Promise.all(burst.slice(0, 10).map((t) => reasonOf(auth.authenticate(bearer(t)))));
    const sequential: AuthFailure[] = [];
    for (const t of burst.slice(10)) sequential.push(await reasonOf(auth.authenticate(bearer(t))));
    expect(new Set([...concurrent, ...sequential])).toEqual(new Set(['unknown_key']));
    expect(s.requests).toBeLessThanOrEqual(2);

    // After the cooldown another burst may cost one more fetch, not twenty.
    advance(COOLDOWN_MS + 1);
    const before = s.requests;
    await Promise.all((await strangers(10)).map((t) => reasonOf(auth.authenticate(bearer(t)))));
    for (const t of await strangers(10)) expect(await reasonOf(auth.authenticate(bearer(t)))).toBe('unknown_key');
    expect(s.requests - before).toBeLessThanOrEqual(1);
  });

  it('an unknown-kid burst on a cold authenticator makes one fetch', async () => {
    const s = await server([await testKey('RS256'), await testKey('ES256')]);
    const auth = authFor(s);
    const reasons = await Promise.all((await strangers(20)).map((t) => reasonOf(auth.authenticate(bearer(t)))));
    expect(new Set(reasons)).toEqual(new Set(['unknown_key']));
    expect(s.requests).toBe(1);
  });

  it('while the provider fails, unknown kids still make at most one fetch per cooldown', async () => {
    const k1 = await testKey('ES256');
    const s = await server([k1]);
    const auth = authFor(s);
    await auth.authenticate(bearer(await signToken(k1, clock)));
    s.mode = 'fail';
    advance(COOLDOWN_MS + 1);
    for (const t of await strangers(20)) expect(await reasonOf(auth.authenticate(bearer(t)))).toBe('unknown_key');
    expect(s.requests).toBe(2);
    // Known keys keep working meanwhile.
    await expect(auth.authenticate(bearer(await signToken(k1, clock, { sub: 'still' })))).resolves.toMatchObject({
      viewerId: 'still',
    });
    expect(s.requests).toBe(2);
  });

  it('provider unreachable after the first fetch: tokens with known kids still verify, even past the cache age', async () => {
    const rsa = await testKey('RS256');
    const ec = await testKey('ES256');
    const s = await server([rsa, ec]);
    const auth = authFor(s);
    await auth.authenticate(bearer(await signToken(rsa, clock)));
    expect(s.requests).toBe(1);
    await s.stop(); // connection refused from now on

    await expect(auth.authenticate(bearer(await signToken(ec, clock, { sub: 'a' })))).resolves.toMatchObject({ viewerId: 'a' });
    // Past jose's cache age (10 minutes) a refetch is due; it fails; the held keys still answer.
    advance(11 * 60_000);
    await expect(auth.authenticate(bearer(await signToken(rsa, clock, { sub: 'b' })))).resolves.toMatchObject({ viewerId: 'b' });
    await expect(auth.authenticate(bearer(await signToken(ec, clock, { sub: 'c' })))).resolves.toMatchObject({ viewerId: 'c' });
    advance(60 * 60_000);
    await expect(auth.authenticate(bearer(await signToken(rsa, clock, { sub: 'd' })))).resolves.toMatchObject({ viewerId: 'd' });
    // A bad signature is still a bad signature.
    const forged = await signToken(await testKey('RS256', rsa.kid), clock);
    expect(await reasonOf(auth.authenticate(bearer(forged)))).toBe('bad_signature');
  });

  it('a hanging provider past the cache age delays one request by at most the timeout, then held keys answer', async () => {
    const k1 = await testKey('RS256');
    const s = await server([k1]);
    const auth = authFor(s, { AUTH_JWKS_TIMEOUT_MS: '300' });
    await auth.authenticate(bearer(await signToken(k1, clock)));
    s.mode = 'hang';
    advance(11 * 60_000);
    const started = performance.now();
    await expect(auth.authenticate(bearer(await signToken(k1, clock, { sub: 'slow' })))).resolves.toMatchObject({
      viewerId: 'slow',
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(s.requests).toBe(2);
    // Inside the cooldown after the failure: no fetch, no wait.
    const again = performance.now();
    await auth.authenticate(bearer(await signToken(k1, clock, { sub: 'fast' })));
    expect(performance.now() - again).toBeLessThan(250);
    expect(s.requests).toBe(2);
  });

  it('a hanging provider with no keys yet gives keys_unavailable within about the timeout, then fails fast', async () => {
    const k1 = await testKey('RS256');
    const s = await server([k1]);
    s.mode = 'hang';
    const auth = authFor(s, { AUTH_JWKS_TIMEOUT_MS: '300' });
    const token = await signToken(k1, clock);
    const started = performance.now();
    expect(await reasonOf(auth.authenticate(bearer(token)))).toBe('keys_unavailable');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
    expect(s.requests).toBe(1);

    const again = performance.now();
    expect(await reasonOf(auth.authenticate(bearer(token)))).toBe('keys_unavailable');
    expect(performance.now() - again).toBeLessThan(250);
    expect(s.requests).toBe(1);
    expect(auth.cachedTokens()).toBe(0);
  });

  it('a failing provider at startup recovers after the cooldown', async () => {
    const k1 = await testKey('RS256');
    const s = await server([k1]);
    s.mode = 'fail';
    const auth = authFor(s);
    const token = await signToken(k1, clock);
    expect(await reasonOf(auth.authenticate(bearer(token)))).toBe('keys_unavailable');
    s.mode = 'ok';
    expect(await reasonOf(auth.authenticate(bearer(token)))).toBe('keys_unavailable');
    expect(s.requests).toBe(1);
    advance(COOLDOWN_MS + 1);
    await expect(auth.authenticate(bearer(token))).resolves.toMatchObject({ viewerId: 'viewer-1' });
    expect(s.requests).toBe(2);
  });
});
