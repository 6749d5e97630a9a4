/**
 * readAuthConfig: local mode when no AUTH_* is set, the defaults, and a ConfigError naming the
 * variable for every setting that would make the gateway accept more than intended.
 */
import { describe, expect, it } from 'vitest';
import { type AuthConfig, createAuthenticator, readAuthConfig } from '../../server/auth.js';
import { ConfigError } from '../../server/config.js';

const JWKS = { AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json', AUTH_ISSUER: 'https://idp.example/' };
const SECRET = 'a-shared-secret-of-at-least-32-bytes!';
const HS = { AUTH_HS256_SECRET: SECRET, AUTH_ISSUER: 'https://supabase.example/auth/v1' };

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    readAuthConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

/** Asserts a ConfigError naming `variable`. */
const rejects = (env: NodeJS.ProcessEnv, variable: string) => expect(configError(env).message).toContain(`${variable}:`);

describe('readAuthConfig', () => {
  it('is null (local mode) when no AUTH_* variable is set, or only empty ones', () => {
    expect(readAuthConfig({})).toBeNull();
    expect(readAuthConfig({ PORT: '4000', AUTHOR: 'x', NODE_ENV: 'production' })).toBeNull();
    expect(readAuthConfig({ AUTH_ISSUER: '', AUTH_JWKS_URL: '  ' })).toBeNull();
  });

  it('reads a JWKS setup with its defaults', () => {
    expect(readAuthConfig(JWKS)).toEqual({
      jwksUrl: 'https://idp.example/.well-known/jwks.json',
      issuer: 'https://idp.example/',
      audience: null,
      algorithms: ['RS256', 'ES256'],
      hs256Secret: null,
      adminClaim: null,
      jwksTimeoutMs: 5000,
      jwksCooldownMs: 30000,
      clockToleranceSec: 5,
    });
  });

  it('reads every variable', () => {
    expect(
      readAuthConfig({
        ...JWKS,
        AUTH_AUDIENCE: 'https://api.watchgraph.example',
        AUTH_ALGORITHMS: 'rs256, PS256,eddsa',
        AUTH_ADMIN_CLAIM: 'public_metadata.role=admin',
        AUTH_JWKS_TIMEOUT_MS: '2000',
        AUTH_JWKS_COOLDOWN_MS: '0',
        AUTH_CLOCK_TOLERANCE_SECONDS: '0',
      }),
    ).toEqual({
      jwksUrl: 'https://idp.example/.well-known/jwks.json',
      issuer: 'https://idp.example/',
      audience: 'https://api.watchgraph.example',
      algorithms: ['RS256', 'PS256', 'EdDSA'],
      hs256Secret: null,
      adminClaim: { name: 'public_metadata.role', value: 'admin' },
      jwksTimeoutMs: 2000,
      jwksCooldownMs: 0,
      clockToleranceSec: 0,
    });
  });

  it('with AUTH_HS256_SECRET the algorithms are exactly HS256', () => {
    expect(readAuthConfig(HS)).toMatchObject({ jwksUrl: null, hs256Secret: SECRET, algorithms: ['HS256'] });
    expect(readAuthConfig({ ...HS, AUTH_ALGORITHMS: 'HS256' })).toMatchObject({ algorithms: ['HS256'] });
    rejects({ ...HS, AUTH_ALGORITHMS: 'RS256' }, 'AUTH_ALGORITHMS');
    rejects({ ...HS, AUTH_ALGORITHMS: 'HS256,RS256' }, 'AUTH_ALGORITHMS');
    rejects({ ...HS, AUTH_ALGORITHMS: 'HS512' }, 'AUTH_ALGORITHMS');
  });

  it('a short secret is rejected without showing it', () => {
    const err = configError({ ...HS, AUTH_HS256_SECRET: 'short-secret-31-bytes-long-xxxx' });
    expect(err.message).toContain('AUTH_HS256_SECRET:');
    expect(err.message).not.toContain('short-secret');
    // 32 bytes counted as UTF-8: 11 × "é" (2 bytes) + 10 = 32.
    expect(readAuthConfig({ ...HS, AUTH_HS256_SECRET: `${'é'.repeat(11)}0123456789` })?.hs256Secret).toBeTruthy();
  });

  it('both or neither key source is an error', () => {
    const both = configError({ ...JWKS, AUTH_HS256_SECRET: SECRET });
    expect(both.message).toContain('AUTH_HS256_SECRET:');
    expect(both.message).toContain('AUTH_JWKS_URL');
    expect(both.message).not.toContain(SECRET);
    rejects({ AUTH_ISSUER: 'https://idp.example/' }, 'AUTH_JWKS_URL');
    rejects({ AUTH_AUDIENCE: 'api' }, 'AUTH_JWKS_URL');
    rejects({ AUTH_ADMIN_CLAIM: 'role=admin' }, 'AUTH_JWKS_URL');
  });

  it('AUTH_ISSUER is required', () => {
    rejects({ AUTH_JWKS_URL: JWKS.AUTH_JWKS_URL }, 'AUTH_ISSUER');
    rejects({ AUTH_HS256_SECRET: SECRET }, 'AUTH_ISSUER');
  });

  it('"none", unknown and HMAC-without-secret algorithms are rejected', () => {
    for (const algorithms of ['none', 'RS256,none', 'NONE', 'XX256', 'RS256,', ',', 'RS256;ES256'])
      rejects({ ...JWKS, AUTH_ALGORITHMS: algorithms }, 'AUTH_ALGORITHMS');
    for (const algorithms of ['HS256', 'RS256,HS256', 'hs384'])
      expect(configError({ ...JWKS, AUTH_ALGORITHMS: algorithms }).message).toMatch(/AUTH_ALGORITHMS:.*AUTH_HS256_SECRET/);
  });

  it('the JWKS URL must be https unless it is on the loopback', () => {
    for (const url of [
      'http://idp.example/.well-known/jwks.json',
      'http://10.0.0.1/jwks',
      'http://localhost.evil.example/jwks',
      'ftp://idp.example/jwks',
      'file:///etc/jwks.json',
      'idp.example/.well-known/jwks.json',
      'not a url',
    ])
      rejects({ ...JWKS, AUTH_JWKS_URL: url }, 'AUTH_JWKS_URL');
    for (const url of ['http://localhost:3000/jwks', 'http://127.0.0.1:8080/.well-known/jwks.json', 'https://localhost/jwks'])
      expect(readAuthConfig({ ...JWKS, AUTH_JWKS_URL: url })?.jwksUrl).toBe(url);
  });

  it('AUTH_ADMIN_CLAIM must be claim=value', () => {
    for (const claim of ['role', '=admin', 'role=', 'a..b=admin', '.role=admin', 'role.=admin'])
      rejects({ ...JWKS, AUTH_ADMIN_CLAIM: claim }, 'AUTH_ADMIN_CLAIM');
    expect(readAuthConfig({ ...JWKS, AUTH_ADMIN_CLAIM: 'role=admin' })?.adminClaim).toEqual({ name: 'role', value: 'admin' });
    expect(readAuthConfig({ ...JWKS, AUTH_ADMIN_CLAIM: 'https://watchgraph.example/roles=admin' })?.adminClaim).toEqual({
      name: 'https://watchgraph.example/roles',
      value: 'admin',
    });
  });

  it('the durations must be integers in range', () => {
    for (const [name, bad] of [
      ['AUTH_JWKS_TIMEOUT_MS', 'abc'],
      ['AUTH_JWKS_TIMEOUT_MS', '0'],
      ['AUTH_JWKS_TIMEOUT_MS', '1.5'],
      ['AUTH_JWKS_COOLDOWN_MS', '-1'],
      ['AUTH_CLOCK_TOLERANCE_SECONDS', '86400'],
      ['AUTH_CLOCK_TOLERANCE_SECONDS', '5s'],
    ] as const)
      rejects({ ...JWKS, [name]: bad }, name);
  });

  it('createAuthenticator refuses hand-built configs that readAuthConfig would refuse', () => {
    const base = readAuthConfig(JWKS)!;
    const hs = readAuthConfig(HS)!;
    const cases: [AuthConfig, string][] = [
      [{ ...base, issuer: null }, 'AUTH_ISSUER'],
      [{ ...base, algorithms: ['RS256', 'none'] }, 'AUTH_ALGORITHMS'],
      [{ ...base, algorithms: ['RS256', 'HS256'] }, 'AUTH_ALGORITHMS'],
      [{ ...hs, algorithms: ['HS256', 'RS256'] }, 'AUTH_ALGORITHMS'],
      [{ ...base, hs256Secret: SECRET }, 'AUTH_HS256_SECRET'],
      [{ ...base, jwksUrl: null }, 'AUTH_JWKS_URL'],
    ];
    for (const [config, variable] of cases) expect(() => createAuthenticator(config)).toThrow(new RegExp(`${variable}:`));
    expect(createAuthenticator(base).cachedTokens()).toBe(0);
  });
});
