/**
 * Test identity provider: key pairs generated per run with jose, tokens signed with SignJWT, and
 * a JWKS served from a local node:http server on port 0 that counts requests and can be switched
 * to fail (500), hang (never answer) or be stopped (connection refused).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

export const ISSUER = 'https://idp.test.example';
export const AUDIENCE = 'watchgraph';

/** A signing key of the test IdP: its private key and its public JWK (with `kid` and `alg`). */
export interface TestKey {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

export async function testKey(alg: 'RS256' | 'ES256', kid: string = randomUUID()): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicKey, jwk };
}

/** Epoch seconds of an epoch-ms clock value. */
export const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * A token signed by `key`. Defaults: iss ISSUER, aud AUDIENCE, sub "viewer-1", iat/nbf at `at`,
 * exp an hour later; `claims` overrides or adds (a claim set to undefined is left out).
 */
export async function signToken(key: TestKey, at: number, claims: Record<string, unknown> = {}): Promise<string> {
  const payload: JWTPayload = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'viewer-1',
    iat: seconds(at),
    nbf: seconds(at),
    exp: seconds(at) + 3600,
    jti: randomUUID(),
    ...claims,
  };
  for (const [name, v] of Object.entries(payload)) if (v === undefined) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

export const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export type JwksMode = 'ok' | 'fail' | 'hang';

/** The JWKS endpoint of the test IdP. */
export interface JwksServer {
  url: string;
  /** Requests received so far (any mode). */
  requests: number;
  /** Keys currently published. */
  keys: JWK[];
  mode: JwksMode;
  /** Stops listening (later fetches get ECONNREFUSED) and drops open connections. */
  stop(): Promise<void>;
}

export async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  const hanging = new Set<ServerResponse>();
  let server: Server | null = null;
  const state: JwksServer = {
    url: '',
    requests: 0,
    keys,
    mode: 'ok',
    async stop() {
      const s = server;
      server = null;
      if (!s) return;
      for (const res of hanging) res.destroy();
      hanging.clear();
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.requests++;
    req.resume();
    if (state.mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (state.mode === 'fail') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('identity provider is down');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }));
  });
  const s = server;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/.well-known/jwks.json`;
  return state;
}
