/**
 * createAuthenticator against a local JWKS (and HS256): what is accepted and why everything else
 * is rejected, the admin claim, the Authorization header, and the verified-token cache.
 * Keys are generated per run; the verification clock is the `now` option.
 */
import { exportSPKI, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthConfig,
  AuthError,
  type Authenticator,
  type AuthFailure,
  createAuthenticator,
  readAuthConfig,
} from '../../server/auth.js';
import {
  AUDIENCE,
  b64url,
  ISSUER,
  type JwksServer,
  seconds,
  signToken,
  startJwksServer,
  type TestKey,
  testKey,
} from './harness.js';

let rsa: TestKey;
let ec: TestKey;
let jwks: JwksServer;
let clock: number;
const now = () => clock;

beforeAll(async () => {
  rsa = await testKey('RS256');
  ec = await testKey('ES256');
  jwks = await startJwksServer([rsa.jwk, ec.jwk]);
});
afterAll(() => jwks.stop());
beforeEach(() => {
  clock = Date.UTC(2025, 0, 15, 12);
  jwks.mode = 'ok';
});

function jwksConfig(env: Record<string, string> = {}): AuthConfig {
  const config = readAuthConfig({ AUTH_JWKS_URL: jwks.url, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, ...env });
  if (!config) throw new Error('expected a config');
  return config;
}

const authenticator = (config: AuthConfig = jwksConfig(), maxCachedTokens?: number): Authenticator =>
  createAuthenticator(config, { now, ...(maxCachedTokens === undefined ? {} : { maxCachedTokens }) });

/** The AuthFailure `authenticate` rejects with (fails the test if it resolves or throws something else). */
async function failure(auth: Authenticator, header: string | null): Promise<AuthFailure> {
  const err = await auth.authenticate(header).then(
    (principal) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(principal)}`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  const authError = err as AuthError;
  // The message is for clients: never any part of the token.
  if (header) for (const part of header.split(/[ .]/).filter((p) => p.length > 8)) expect(authError.message).not.toContain(part);
  return authError.reason;
}

const bearer = (token: string) => `Bearer ${token}`;

describe('valid tokens', () => {
  it('an RS256 token gives its sub, exp and no admin', async () => {
    const auth = authenticator();
    const token = await signToken(rsa, clock, { sub: 'user_2abc' });
    await expect(auth.authenticate(bearer(token))).resolves.toEqual({
      viewerId: 'user_2abc',
      isAdmin: false,
      expiresAt: (seconds(clock) + 3600) * 1000,
    });
  });

  it('an ES256 token is accepted too', async () => {
    const token = await signToken(ec, clock, { sub: 'viewer-ec', exp: seconds(clock) + 60 });
    await expect(authenticator().authenticate(bearer(token))).resolves.toEqual({
      viewerId: 'viewer-ec',
      isAdmin: false,
      expiresAt: (seconds(clock) + 60) * 1000,
    });
  });

  it('a token without aud is accepted when no audience is configured, and one without exp has no expiresAt', async () => {
    const auth = authenticator(readAuthConfig({ AUTH_JWKS_URL: jwks.url, AUTH_ISSUER: ISSUER })!);
    const token = await signToken(rsa, clock, { aud: undefined, exp: undefined });
    await expect(auth.authenticate(bearer(token))).resolves.toEqual({
      viewerId: 'viewer-1',
      isAdmin: false,
      expiresAt: undefined,
    });
  });

  it('the scheme is case-insensitive', async () => {
    const auth = authenticator();
    const token = await signToken(rsa, clock);
    for (const scheme of ['bearer', 'BEARER', 'BeArEr'])
      expect((await auth.authenticate(`${scheme} ${token}`)).viewerId).toBe('viewer-1');
  });

  it('within the clock tolerance an expired or not-yet-valid token still passes, past it not', async () => {
    const auth = authenticator(jwksConfig({ AUTH_CLOCK_TOLERANCE_SECONDS: '30' }));
    const justExpired = await signToken(rsa, clock - 3600_000, { exp: seconds(clock) - 20 });
    const early = await signToken(rsa, clock, { nbf: seconds(clock) + 20 });
    await expect(auth.authenticate(bearer(justExpired))).resolves.toMatchObject({ viewerId: 'viewer-1' });
    await expect(auth.authenticate(bearer(early))).resolves.toMatchObject({ viewerId: 'viewer-1' });
    const longExpired = await signToken(rsa, clock - 3600_000, { exp: seconds(clock) - 40 });
    expect(await failure(auth, bearer(longExpired))).toBe('expired');
  });
});

describe('admin claim', () => {
  const admin = async (claimConfig: string | null, claims: Record<string, unknown>) => {
    const config = jwksConfig(claimConfig === null ? {} : { AUTH_ADMIN_CLAIM: claimConfig });
    return (await authenticator(config).authenticate(bearer(await signToken(rsa, clock, claims)))).isAdmin;
  };

  it('a matching string claim makes an admin, another value does not', async () => {
    expect(await admin('role=admin', { role: 'admin' })).toBe(true);
    expect(await admin('role=admin', { role: 'administrator' })).toBe(false);
    expect(await admin('role=admin', { role: 'user' })).toBe(false);
    expect(await admin('role=admin', {})).toBe(false);
  });

  it('an array claim counts when it contains the value', async () => {
    expect(await admin('role=admin', { role: ['user', 'admin'] })).toBe(true);
    expect(await admin('role=admin', { role: ['user', 'adminx'] })).toBe(false);
    expect(await admin('role=admin', { role: [] })).toBe(false);
  });

  it('a dotted name reads a nested claim (Clerk public_metadata)', async () => {
    expect(await admin('public_metadata.role=admin', { public_metadata: { role: 'admin' } })).toBe(true);
    expect(await admin('public_metadata.roles=admin', { public_metadata: { roles: ['admin'] } })).toBe(true);
    expect(await admin('public_metadata.role=admin', { public_metadata: { role: 'user' } })).toBe(false);
    expect(await admin('public_metadata.role=admin', { public_metadata: 'admin' })).toBe(false);
    expect(await admin('public_metadata.role=admin', { role: 'admin' })).toBe(false);
  });

  it('a namespaced claim containing dots is read as one name first (Auth0 custom claims)', async () => {
    expect(await admin('https://watchgraph.example/roles=admin', { 'https://watchgraph.example/roles': ['admin'] })).toBe(true);
    expect(await admin('https://watchgraph.example/roles=admin', { 'https://watchgraph.example/roles': ['viewer'] })).toBe(false);
  });

  it('without AUTH_ADMIN_CLAIM nobody is admin, whatever the token says', async () => {
    expect(await admin(null, { role: 'admin', isAdmin: true, admin: true })).toBe(false);
  });

  it('inherited properties are not claims', async () => {
    expect(await admin('constructor.name=Object', {})).toBe(false);
  });
});

describe('rejected tokens', () => {
  it('alg "none" (an unsigned header.payload. token) is never accepted', async () => {
    const auth = authenticator();
    const payload = { iss: ISSUER, aud: AUDIENCE, sub: 'attacker', exp: seconds(clock) + 3600 };
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}.`;
      expect(await failure(auth, bearer(token))).toBe('algorithm_not_allowed');
    }
    // Same with a kid pointing at a real key, and in HS256 mode.
    const withKid = `${b64url({ alg: 'none', kid: rsa.kid })}.${b64url(payload)}.`;
    expect(await failure(auth, bearer(withKid))).toBe('algorithm_not_allowed');
    const hs = authenticator(readAuthConfig({ AUTH_HS256_SECRET: 's'.repeat(32), AUTH_ISSUER: ISSUER })!);
    expect(await failure(hs, bearer(`${b64url({ alg: 'none' })}.${b64url(payload)}.`))).toBe('algorithm_not_allowed');
  });

  it('HS256 signed with the RSA public key as HMAC secret (alg confusion) is rejected', async () => {
    const auth = authenticator();
    const pem = await exportSPKI(rsa.publicKey);
    const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'attacker', exp: seconds(clock) + 3600 };
    for (const secret of [pem, JSON.stringify(rsa.jwk), rsa.jwk.n ?? '']) {
      const forged = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
        .sign(new TextEncoder().encode(secret));
      expect(await failure(auth, bearer(forged))).toBe('algorithm_not_allowed');
    }
  });

  it('with AUTH_HS256_SECRET an HS256 token is accepted and an RS256 one rejected', async () => {
    const secret = 'a-shared-secret-of-at-least-32-bytes!';
    const auth = authenticator(readAuthConfig({ AUTH_HS256_SECRET: secret, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE })!);
    const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'hs-viewer', exp: seconds(clock) + 60 };
    const good = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    await expect(auth.authenticate(bearer(good))).resolves.toEqual({
      viewerId: 'hs-viewer',
      isAdmin: false,
      expiresAt: (seconds(clock) + 60) * 1000,
    });
    expect(await failure(auth, bearer(await signToken(rsa, clock)))).toBe('algorithm_not_allowed');
    expect(await failure(auth, bearer(await signToken(ec, clock)))).toBe('algorithm_not_allowed');
    const otherSecret = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-of-at-least-32-bytes!!'));
    expect(await failure(auth, bearer(otherSecret))).toBe('bad_signature');
    const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(secret));
    expect(await failure(auth, bearer(hs512))).toBe('algorithm_not_allowed');
  });

  it('an algorithm not in AUTH_ALGORITHMS is rejected even with a published key', async () => {
    const auth = authenticator(jwksConfig({ AUTH_ALGORITHMS: 'RS256' }));
    expect(await failure(auth, bearer(await signToken(ec, clock)))).toBe('algorithm_not_allowed');
    expect((await auth.authenticate(bearer(await signToken(rsa, clock)))).viewerId).toBe('viewer-1');
  });

  it('a wrong or missing issuer', async () => {
    const auth = authenticator();
    expect(await failure(auth, bearer(await signToken(rsa, clock, { iss: 'https://evil.example' })))).toBe('wrong_issuer');
    expect(await failure(auth, bearer(await signToken(rsa, clock, { iss: `${ISSUER}/` })))).toBe('wrong_issuer');
    expect(await failure(auth, bearer(await signToken(rsa, clock, { iss: undefined })))).toBe('wrong_issuer');
  });

  it('a wrong or missing audience when AUTH_AUDIENCE is set', async () => {
    const auth = authenticator();
    expect(await failure(auth, bearer(await signToken(rsa, clock, { aud: 'another-api' })))).toBe('wrong_audience');
    expect(await failure(auth, bearer(await signToken(rsa, clock, { aud: undefined })))).toBe('wrong_audience');
    expect((await auth.authenticate(bearer(await signToken(rsa, clock, { aud: ['another-api', AUDIENCE] })))).viewerId).toBe(
      'viewer-1',
    );
  });

  it('an expired token', async () => {
    const token = await signToken(rsa, clock - 7200_000, { exp: seconds(clock) - 60 });
    expect(await failure(authenticator(), bearer(token))).toBe('expired');
  });

  it('a token whose nbf is in the future', async () => {
    const token = await signToken(rsa, clock, { nbf: seconds(clock) + 600 });
    expect(await failure(authenticator(), bearer(token))).toBe('not_yet_valid');
  });

  it('a tampered payload (bad signature)', async () => {
    const auth = authenticator();
    const [header, payload, signature] = (await signToken(rsa, clock, { sub: 'viewer-1' })).split('.') as [
      string,
      string,
      string,
    ];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${b64url({ ...claims, sub: 'viewer-2' })}.${signature}`;
    expect(await failure(auth, bearer(tampered))).toBe('bad_signature');
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await failure(auth, bearer(flipped))).toBe('bad_signature');
    // Signed by a key that is not the published one but claims its kid.
    const impostor = await testKey('RS256', rsa.kid);
    expect(await failure(auth, bearer(await signToken(impostor, clock)))).toBe('bad_signature');
  });

  it('a missing, empty, non-string or over-long sub', async () => {
    const auth = authenticator();
    for (const sub of [undefined, '', 42, null, ['viewer-1'], { id: 'viewer-1' }, 'x'.repeat(257)])
      expect(await failure(auth, bearer(await signToken(rsa, clock, { sub })))).toBe('no_subject');
    expect((await auth.authenticate(bearer(await signToken(rsa, clock, { sub: 'x'.repeat(256) })))).viewerId).toHaveLength(256);
  });
});

describe('the Authorization header', () => {
  it('absent or empty is missing', async () => {
    const auth = authenticator();
    expect(await failure(auth, null)).toBe('missing');
    expect(await failure(auth, '')).toBe('missing');
    expect(await failure(auth, '   ')).toBe('missing');
  });

  it('anything but "Bearer <compact JWS>" is malformed', async () => {
    const auth = authenticator();
    const token = await signToken(rsa, clock);
    for (const header of [
      token,
      `Basic ${Buffer.from('user:pass').toString('base64')}`,
      `Token ${token}`,
      'Bearer',
      'Bearer ',
      `Bearer ${token} extra`,
      `Bearer ${token}.more`,
      `Bearer${token}`,
      'Bearer a.b',
      'Bearer not-a-jwt',
      'Bearer abc.def.ghi',
      'Bearer e30.e30.e30',
      `Bearer ${token.replace('.', '+')}`,
    ])
      expect(await failure(auth, header), header.slice(0, 40)).toBe('malformed');
  });

  it('a token over 8 KiB is malformed before any verification', async () => {
    const auth = authenticator();
    const huge = await signToken(rsa, clock, { padding: 'x'.repeat(9000) });
    expect(huge.length).toBeGreaterThan(8192);
    expect(await failure(auth, bearer(huge))).toBe('malformed');
    expect(await failure(auth, `Bearer ${'a'.repeat(1_000_000)}`)).toBe('malformed');
    // A correctly signed token just over the bound (it would verify without it).
    let padding = 6000;
    let over = await signToken(rsa, clock, { padding: 'x'.repeat(padding) });
    for (let tries = 0; over.length <= 8192 || over.length > 8200; tries++) {
      if (tries > 20) throw new Error(`could not size a token just over 8 KiB (${over.length})`);
      padding += Math.round(((8196 - over.length) * 3) / 4) || 1;
      over = await signToken(rsa, clock, { padding: 'x'.repeat(padding) });
    }
    expect(await failure(auth, bearer(over))).toBe('malformed');
    // Just under the bound is fine.
    const big = await signToken(rsa, clock, { padding: 'x'.repeat(5000) });
    expect(big.length).toBeLessThan(8192);
    expect((await auth.authenticate(bearer(big))).viewerId).toBe('viewer-1');
  });
});

describe('verified-token cache', () => {
  it('a repeated token is served from the cache without verification', async () => {
    const auth = authenticator();
    const token = await signToken(rsa, clock, { nbf: seconds(clock) });
    const first = await auth.authenticate(bearer(token));
    expect(auth.cachedTokens()).toBe(1);
    const requests = jwks.requests;
    // Before nbf a verification would fail with not_yet_valid: only a cache hit can answer.
    clock -= 3600_000;
    await expect(auth.authenticate(bearer(token))).resolves.toEqual(first);
    expect(jwks.requests).toBe(requests);
    // An equal-looking but different token string is verified on its own (and fails here).
    expect(await failure(auth, bearer(await signToken(rsa, clock + 3600_000)))).toBe('not_yet_valid');
    expect(auth.cachedTokens()).toBe(1);
  });

  it('a cached token is rejected once now() passes its exp, and leaves the cache', async () => {
    const auth = authenticator(jwksConfig({ AUTH_CLOCK_TOLERANCE_SECONDS: '0' }));
    const token = await signToken(rsa, clock, { exp: seconds(clock) + 60 });
    await auth.authenticate(bearer(token));
    expect(auth.cachedTokens()).toBe(1);
    clock += 59_000;
    await expect(auth.authenticate(bearer(token))).resolves.toMatchObject({ viewerId: 'viewer-1' });
    clock += 1_000;
    expect(await failure(auth, bearer(token))).toBe('expired');
    expect(auth.cachedTokens()).toBe(0);
  });

  it('the cache never serves past exp even inside the clock tolerance (it re-verifies)', async () => {
    const auth = authenticator(jwksConfig({ AUTH_CLOCK_TOLERANCE_SECONDS: '30' }));
    const token = await signToken(rsa, clock, { exp: seconds(clock) + 60, nbf: seconds(clock) });
    await auth.authenticate(bearer(token));
    // Past exp (within tolerance): served only by a fresh verification, which is not cached again.
    clock += 70_000;
    await expect(auth.authenticate(bearer(token))).resolves.toMatchObject({ viewerId: 'viewer-1' });
    expect(auth.cachedTokens()).toBe(0);
    clock += 30_000;
    expect(await failure(auth, bearer(token))).toBe('expired');
  });

  it('failures are not cached', async () => {
    const auth = authenticator();
    const token = await signToken(rsa, clock, { nbf: seconds(clock) + 600 });
    expect(await failure(auth, bearer(token))).toBe('not_yet_valid');
    expect(auth.cachedTokens()).toBe(0);
    clock += 600_000;
    await expect(auth.authenticate(bearer(token))).resolves.toMatchObject({ viewerId: 'viewer-1' });
    expect(auth.cachedTokens()).toBe(1);
  });

  it('is bounded by maxCachedTokens (least recently used goes)', async () => {
    const auth = authenticator(jwksConfig(), 2);
    const tokens = await Promise.all([1, 2, 3].map((i) => signToken(rsa, clock, { sub: `v${i}` })));
    for (const token of tokens) await auth.authenticate(bearer(token));
    expect(auth.cachedTokens()).toBe(2);
    // v1 was evicted: before its nbf, it now fails; v3 is still a cache hit.
    clock -= 3600_000;
    expect(await failure(auth, bearer(tokens[0]!))).toBe('not_yet_valid');
    expect((await auth.authenticate(bearer(tokens[2]!))).viewerId).toBe('v3');
  });
});
