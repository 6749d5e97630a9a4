/**
 * Subscription.viewerChanged over SSE: the current state first, then a commit
 * (`precomputed: false`) and its finished precompute (`precomputed: true`); only the viewer's own
 * changes (two viewers); a cap per viewer; the stream ends when its token expires; across two
 * gateways through Redis; refused and ended with LIVE_UNAVAILABLE while Redis is away.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayOptions } from '../../server/gateway.js';
import { createSqliteStore } from '../../store/sqlite.js';
import { sampleEvents, type TestGateway, testGateway } from '../gateway/harness.js';
import { readSse, type SseReader } from './sse.js';

const SUBSCRIPTION = 'subscription Live { viewerChanged { dataVersion precomputed } }';
const INGEST = 'mutation($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { added dataVersion } }';

const open: SseReader[] = [];
const gateways: TestGateway[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.cancel();
  for (const gw of gateways.splice(0)) await gw.close();
});

/** A gateway whose viewer is the `x-viewer` header (default `local`), token expiry from `x-expires`. */
function gateway(over: Partial<GatewayOptions> = {}): TestGateway {
  const gw = testGateway({
    resolveViewerId: (r) => r.headers.get('x-viewer') ?? 'local',
    resolveTokenExpiry: (r) => (r.headers.get('x-expires') ? Number(r.headers.get('x-expires')) : undefined),
    ...over,
  });
  gateways.push(gw);
  return gw;
}

async function subscribe(gw: TestGateway, viewer: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-viewer': viewer, ...headers },
    body: JSON.stringify({ query: SUBSCRIPTION }),
  });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const sse = readSse(res);
  open.push(sse);
  return sse;
}

async function ingest(gw: TestGateway, viewer: string, n: number, offset = 0) {
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-viewer': viewer },
    body: JSON.stringify({
      query: INGEST,
      variables: { events: sampleEvents(n, Date.UTC(2024, 4, 1, 18) + offset * 60_000) },
    }),
  });
  return ((await res.json()) as { data: { ingestWatchEvents: { dataVersion: number } } }).data.ingestWatchEvents;
}

const change = (dataVersion: number, precomputed: boolean) => ({ data: { viewerChanged: { dataVersion, precomputed } } });

describe('Subscription.viewerChanged', () => {
  it('starts with the current state, then announces a commit and its finished precompute', async () => {
    const gw = gateway();
    const sse = await subscribe(gw, 'alice');
    expect(await sse.next()).toEqual(change(0, true));
    const { dataVersion } = await ingest(gw, 'alice', 5);
    expect(await sse.next()).toEqual(change(dataVersion, false));
    expect(await sse.next(10_000)).toEqual(change(dataVersion, true));
    expect(gw.services.live.streamsOf('alice')).toBe(1);
  });

  it('a subscriber only hears its own viewer (two viewers)', async () => {
    const gw = gateway();
    const alice = await subscribe(gw, 'alice');
    const bob = await subscribe(gw, 'bob');
    expect(await alice.next()).toEqual(change(0, true));
    expect(await bob.next()).toEqual(change(0, true));
    const b = await ingest(gw, 'bob', 3);
    expect(await bob.next()).toEqual(change(b.dataVersion, false));
    expect(await bob.next(10_000)).toEqual(change(b.dataVersion, true));
    await gw.queue.idle();
    // Alice heard nothing of Bob's import; her next event is her own.
    const a = await ingest(gw, 'alice', 2);
    expect(await alice.next()).toEqual(change(a.dataVersion, false));
  });

  it('caps streams per viewer; a closed stream frees its slot', async () => {
    const gw = gateway({ maxLiveStreamsPerViewer: 2 });
    const first = await subscribe(gw, 'alice');
    await subscribe(gw, 'alice');
    expect(gw.services.live.streamsOf('alice')).toBe(2);
    const third = await subscribe(gw, 'alice');
    const refused = await third.next();
    expect(refused).toMatchObject({ errors: [{ extensions: { code: 'TOO_MANY_STREAMS' } }] });
    expect(await third.next()).toBe('complete');
    // Another viewer is not affected by Alice's cap.
    expect(await (await subscribe(gw, 'bob')).next()).toEqual(change(0, true));
    await first.cancel();
    await expect.poll(() => gw.services.live.streamsOf('alice')).toBe(1);
    expect(await (await subscribe(gw, 'alice')).next()).toEqual(change(0, true));
  });

  it('ends the stream with UNAUTHENTICATED when its token expires, and refuses an expired one', async () => {
    const gw = gateway({ now: Date.now });
    const sse = await subscribe(gw, 'alice', { 'x-expires': String(Date.now() + 300) });
    expect(await sse.next()).toEqual(change(0, true));
    expect(await sse.next(3000)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await sse.next()).toBe('complete');
    expect(gw.services.live.streamsOf('alice')).toBe(0);
    const late = await subscribe(gw, 'alice', { 'x-expires': String(Date.now() - 1) });
    expect(await late.next()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('a token that expires in a month keeps its stream open (setTimeout cannot hold that long at once)', async () => {
    const gw = gateway({ now: Date.now });
    const sse = await subscribe(gw, 'bob', { 'x-expires': String(Date.now() + 30 * 86_400_000) });
    expect(await sse.next()).toEqual(change(0, true));
    await ingest(gw, 'bob', 2);
    expect(await sse.next(5000)).toEqual(change(1, false));
    expect(gw.services.live.streamsOf('bob')).toBe(1);
  });

  it('across two gateways through Redis: an import on A reaches a page on B, for its viewer only', async () => {
    const url = process.env.REDIS_URL as string;
    const store = createSqliteStore({ path: ':memory:' });
    const a = gateway({ store, redis: { url } });
    const b = gateway({ store, redis: { url } });
    await Promise.all([a.redisConnected(), b.redisConnected()]);
    const alice = await subscribe(b, 'alice');
    const bob = await subscribe(b, 'bob');
    expect(await alice.next()).toEqual(change(0, true));
    expect(await bob.next()).toEqual(change(0, true));
    const { dataVersion } = await ingest(a, 'alice', 4);
    expect(await alice.next()).toEqual(change(dataVersion, false));
    expect(await alice.next(10_000)).toEqual(change(dataVersion, true));
    await a.queue.idle();
    await expect(bob.next(300)).rejects.toThrow(/no event/);
    await store.close();
  });

  it('refuses and ends streams with LIVE_UNAVAILABLE while Redis is away (clients poll)', async () => {
    const gw = gateway({ redis: { url: 'redis://127.0.0.1:1' } });
    const sse = await subscribe(gw, 'alice');
    expect(await sse.next()).toMatchObject({ errors: [{ extensions: { code: 'LIVE_UNAVAILABLE' } }] });
    expect(gw.services.live.available()).toBe(false);
  });
});
