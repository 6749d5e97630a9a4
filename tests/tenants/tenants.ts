/**
 * Helpers of the tenant-isolation property: viewers with exclusive markers, their event pools,
 * authenticated requests through the real front door, and the reference (single-tenant) model.
 */
import { randomBytes } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import { SignJWT } from 'jose';
import { createAuthenticator } from '../../server/auth.js';
import { NOW, type TestGateway } from '../gateway/harness.js';
import { readSse, type SseReader } from '../gateway/sse.js';

export const ISSUER = 'https://issuer.test';
const SECRET = randomBytes(32).toString('hex');
const KEY = new TextEncoder().encode(SECRET);

/** The authenticator every gateway of the property uses (HS256, secret made here), on the gateways' fixed clock. */
export const authenticator = () =>
  createAuthenticator(
    {
      jwksUrl: null,
      issuer: ISSUER,
      audience: null,
      algorithms: ['HS256'],
      hs256Secret: SECRET,
      adminClaim: null,
      jwksTimeoutMs: 5000,
      jwksCooldownMs: 30_000,
      clockToleranceSec: 5,
    },
    { now: () => NOW },
  );

export const signFor = (viewerId: string): Promise<string> =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(viewerId)
    .setIssuer(ISSUER)
    .setIssuedAt(Math.floor(NOW / 1000))
    .setExpirationTime(Math.floor(NOW / 1000) + 2 * 3600)
    .sign(KEY);

/** Exclusive markers: every title, URL and channel of a viewer's own events holds its marker. */
export const MARKERS = ['zqalpha', 'zqbeta', 'zqgamma', 'zqdelta'] as const;
/** Events any viewer may have (same content): dedupe and counting must still be per viewer. */
export const COMMON = 'zqcommon';

export interface EventSpec {
  /** Unique across the run: `<marker>:<pool>:<index>`. */
  id: string;
  watchedAt: number;
  product: 'YOUTUBE' | 'YOUTUBE_MUSIC';
  isAd: boolean;
  channel: number;
  topicWord: number;
}

const TOPIC_WORDS = ['typescript tutorial', 'official music video', 'speedrun gaming', 'breaking news', 'cooking recipe'];

/** 11 characters: the marker (padded with x) and a three-digit number. */
const videoIdOf = (marker: string, n: number) => `${`${marker}xxxx`.slice(0, 8)}${String(n).padStart(3, '0')}`;

export function ingestInput(marker: string, e: EventSpec, n: number) {
  const vid = videoIdOf(marker, n);
  return {
    watchedAt: new Date(e.watchedAt).toISOString(),
    videoTitle: `${marker} ${TOPIC_WORDS[e.topicWord]} ${n}`,
    videoUrl: `https://${e.product === 'YOUTUBE_MUSIC' ? 'music' : 'www'}.youtube.com/watch?v=${vid}`,
    channelTitle: `${marker} channel ${e.channel}`,
    channelUrl: `https://www.youtube.com/channel/UC${marker}${e.channel}`,
    product: e.product,
    isAd: e.isAd,
  };
}

/** The Takeout watch-history.json entry of an event (YouTube, not an ad). */
export function takeoutEntry(marker: string, e: EventSpec, n: number) {
  const vid = videoIdOf(marker, n);
  return {
    header: 'YouTube',
    title: `Watched ${marker} ${TOPIC_WORDS[e.topicWord]} ${n}`,
    titleUrl: `https://www.youtube.com/watch?v\u003d${vid}`,
    subtitles: [{ name: `${marker} channel ${e.channel}`, url: `https://www.youtube.com/channel/UC${marker}${e.channel}` }],
    time: new Date(e.watchedAt).toISOString(),
    products: ['YouTube'],
    activityControls: ['YouTube watch history'],
  };
}

export type Body = ExecutionResult & { extensions?: Record<string, unknown> };

/** A GraphQL POST through the front door: the viewer comes from the bearer token (or from the gateway's resolver when `token` is null). */
export async function post(
  gw: TestGateway,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: Body; text: string }> {
  const body = JSON.stringify({ query, variables });
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Body, text };
}

export const IMPORT = `mutation Import($file: File!) {
  importTakeout(file: $file) {
    __typename
    ... on ImportTakeoutSuccess { data { fromZip formats recordsRead eventsParsed eventsAdded duplicates skipped undated ads
      byKind { kind count } byProduct { product count } firstWatchedAt lastWatchedAt dataVersion } }
    ... on Failure { code message }
  }
}`;

export async function upload(gw: TestGateway, token: string | null, fileText: string) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: IMPORT, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new File([fileText], 'watch-history.json'));
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    body: form,
    headers: { 'graphql-require-preflight': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Body, text };
}

export interface LiveStream {
  sse: SseReader;
  /** Every `next` payload read so far. */
  events: ExecutionResult[];
  /** Reads what has arrived until nothing comes for `quietMs`. */
  drain(quietMs?: number): Promise<ExecutionResult[]>;
}

export async function openLive(gw: TestGateway, token: string): Promise<LiveStream> {
  const body = JSON.stringify({ query: 'subscription Live { viewerChanged { dataVersion precomputed } }' });
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      accept: 'text/event-stream',
      authorization: `Bearer ${token}`,
    },
    body,
  });
  if (!(res.headers.get('content-type') ?? '').startsWith('text/event-stream'))
    throw new Error(`not an event stream: ${res.status} ${await res.text()}`);
  const sse = readSse(res);
  const events: ExecutionResult[] = [];
  return {
    sse,
    events,
    async drain(quietMs = 300) {
      for (;;) {
        let e: ExecutionResult | 'complete';
        try {
          e = await sse.next(quietMs);
        } catch {
          return events;
        }
        if (e === 'complete') return events;
        events.push(e);
      }
    },
  };
}

/** Drops what legitimately differs between two gateways (where and when a result was computed) and rounds floats. */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(9));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'source' || k === 'stale' || k === 'computedAt' || k === 'expiresAt' || k === 'computeMillis') continue;
    out[k] = comparable(v);
  }
  return out;
}

/** Which foreign markers or viewer ids occur in a response text (lower-cased search). */
export function foreignTraces(text: string, foreign: readonly { marker: string; id: string }[]): string[] {
  const t = text.toLowerCase();
  const found: string[] = [];
  for (const f of foreign) {
    if (t.includes(f.marker)) found.push(f.marker);
    if (t.includes(f.id.toLowerCase())) found.push(f.id);
  }
  return found;
}
