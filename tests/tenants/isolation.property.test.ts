/**
 * Tenant isolation, as a property. Four viewers (three that write, one that only reads) with
 * exclusive markers in every title, URL and channel of their own events, plus a pool of
 * identical "common" events any of them may have. Random histories and random operation
 * sequences — ingest, Takeout import, aggregation queries under random filters (warm repeats
 * and cold combos), setTimeZone, precomputePlan, concurrent bursts mixing viewers — run
 * through the real auth path (HS256 bearer tokens) against (a) one gateway without Redis and
 * (b) two gateways on one SQLite file sharing Redis, alternating which one serves.
 *
 * For every answer to viewer V: no marker or id of another viewer anywhere in its JSON; its
 * data equals the same request on a single-tenant gateway that only ever saw V's operations;
 * ingest/import counts, kpis.videos and precomputePlan (combos, scores) follow a model of V's
 * own events and requests only; V's live stream hears only V's commits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ExecutionResult } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayOptions } from '../../server/gateway.js';
import { createSqliteStore } from '../../store/sqlite.js';
import { NOW, type TestGateway, testGateway } from '../gateway/harness.js';
import { adminRedis, cleanupViewers, redisUrl, uniqueViewer } from '../redis/helpers.js';
import {
  authenticator,
  type Body,
  COMMON,
  comparable,
  type EventSpec,
  foreignTraces,
  ingestInput,
  type LiveStream,
  MARKERS,
  openLive,
  post,
  signFor,
  takeoutEntry,
  upload,
} from './tenants.js';

/** Runs per mode (TENANT_RUNS overrides both): the file stays near a minute on a loaded 2-core machine. */
const RUNS_ONE = Number(process.env.TENANT_RUNS ?? 15);
const RUNS_TWO = Number(process.env.TENANT_RUNS ?? 10);

/** Options every gateway of the property shares (main and reference), so answers are comparable. */
const COMMON_OPTIONS: Partial<GatewayOptions> = {
  now: () => NOW,
  // A loaded machine must not turn a FRESH answer into a stale one (that is not what is tested).
  freshWaitMs: 60_000,
  coldCostBudget: Number.POSITIVE_INFINITY,
  maxColdPerViewer: 64,
  entries: { sweepMs: 0 },
  // TENANT_LOG=1 prints the gateways' errors (an INTERNAL_SERVER_ERROR says nothing more).
  ...(process.env.TENANT_LOG ? { logger: pino({ level: 'error' }) } : {}),
};

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

const META = 'meta { dataVersion filterKey source stale }';
const AGGREGATIONS = {
  kpis: `kpis { id data { videos uniqueChannels estimatedWatchSeconds periods { mtd { videos previousYearVideos deltaPercent } ytd { videos previousYearVideos deltaPercent } } } ${META} }`,
  topChannels: `topChannels(limit: 10) { id data { channel { id channelKey channelTitle channelUrl } videos shareOfVideos } ${META} }`,
  overview: `overview { id data { activeDays firstWatchedAt lastWatchedAt spanDays uniqueChannels videos } ${META} }`,
  heatmap: `heatmap { id data { weekday hour videos } ${META} }`,
  monthlyTrend: `monthlyTrend { id data { month videos uniqueChannels } ${META} }`,
  topics: `topics { id data { topic videos } ${META} }`,
  dataQuality: `dataQuality { id data { records watched ads duplicatesSkipped withChannel firstWatchedAt lastWatchedAt } ${META} }`,
  channelMetrics: `channelMetrics(first: 5) { id data { totalCount edges { cursor node { id channel { channelKey channelTitle } videos } } } ${META} }`,
  dailyStats: `dailyStats { id data { days mean median p90 } ${META} }`,
} as const;
type Agg = keyof typeof AGGREGATIONS;
const AGG_NAMES = Object.keys(AGGREGATIONS) as Agg[];
/** `topChannels` → `TOP_CHANNELS` (the Aggregation enum of precomputePlan). */
const enumOf = (agg: string) => agg.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

const queryOf = (aggs: readonly Agg[]) =>
  `query Tenant($filter: WatchFilter, $v: Int) { viewer { id } analytics(filter: $filter, atLeastVersion: $v) { id filter { timeframe product timeZone includeAds } ${aggs.map((a) => AGGREGATIONS[a]).join(' ')} } }`;
const INGEST =
  'mutation Ingest($events: [WatchEventInput!]!) { ingestWatchEvents(events: $events) { received added duplicates dataVersion } }';
const SET_TZ = 'mutation Tz($z: TimeZone!) { setTimeZone(timeZone: $z) { id timeZone dataVersion } }';
const PLAN =
  'query Plan { viewer { id } precomputePlan(limit: 500) { viewerId dataVersion hot { aggregation filterKey params score } } }';
const OTHER_PLAN = 'query OtherPlan($o: ID) { precomputePlan(viewerId: $o) { viewerId hot { filterKey } } }';
const VIEWER_TZ = 'query Me { viewer { id timeZone } }';

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const ZONES = ['UTC', 'Europe/Paris', 'Asia/Tokyo', 'America/New_York', 'Pacific/Chatham'] as const;
const TIMEFRAMES = ['ALL', 'YTD', 'QTD', 'MTD', 'LAST_6_MONTHS', 'LAST_12_MONTHS'] as const;
const PRODUCTS = ['ALL', 'YOUTUBE', 'YOUTUBE_MUSIC'] as const;

const OWN_INGEST = 12;
const OWN_IMPORT = 6;
const COMMON_INGEST = 4;
const COMMON_IMPORT = 3;

const eventArb = (importable: boolean): fc.Arbitrary<Omit<EventSpec, 'id'>> =>
  fc.record({
    // Seconds, from 2023 to an hour before the gateway's clock (some land in this month/quarter/year).
    watchedAt: fc
      .oneof(
        fc.integer({ min: Date.UTC(2023, 0, 1) / 1000, max: (NOW - 3_600_000) / 1000 }),
        fc.integer({ min: Date.UTC(2024, 5, 1) / 1000, max: (NOW - 3_600_000) / 1000 }),
      )
      .map((s) => s * 1000),
    product: importable ? fc.constant('YOUTUBE' as const) : fc.constantFrom('YOUTUBE' as const, 'YOUTUBE_MUSIC' as const),
    isAd: importable ? fc.constant(false) : fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    channel: fc.integer({ min: 0, max: 2 }),
    topicWord: fc.integer({ min: 0, max: 4 }),
  });
const pool = (n: number, importable: boolean) => fc.array(eventArb(importable), { minLength: n, maxLength: n });

const filterArb = fc.record(
  {
    timeframe: fc.constantFrom(...TIMEFRAMES),
    product: fc.constantFrom(...PRODUCTS),
    timeZone: fc.constantFrom(...ZONES),
    includeAds: fc.boolean(),
  },
  { requiredKeys: [] },
);
type Filter = typeof filterArb extends fc.Arbitrary<infer T> ? T : never;

const idx = (n: number) => fc.subarray(Array.from({ length: n }, (_, i) => i));
const writer = fc.integer({ min: 0, max: 2 }); // delta (3) never writes
const anyViewer = fc.integer({ min: 0, max: 3 });
const gwArb = fc.integer({ min: 0, max: 1 });

const ingestOp = fc.record({
  t: fc.constant('ingest' as const),
  v: writer,
  own: idx(OWN_INGEST),
  common: idx(COMMON_INGEST),
  gw: gwArb,
});
const queryOp = fc.record({
  t: fc.constant('query' as const),
  v: anyViewer,
  aggs: fc.subarray(AGG_NAMES, { minLength: 1 }),
  filter: filterArb,
  repeat: fc.integer({ min: 0, max: 2 }),
  gw: gwArb,
});
const opArb = fc.oneof(
  { weight: 4, arbitrary: ingestOp },
  { weight: 5, arbitrary: queryOp },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('import' as const),
      v: writer,
      own: idx(OWN_IMPORT),
      common: idx(COMMON_IMPORT),
      gw: gwArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('tz' as const), v: writer, zone: fc.constantFrom(...ZONES), gw: gwArb }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('plan' as const), v: anyViewer, other: anyViewer, gw: gwArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('burst' as const),
      ops: fc.array(fc.oneof(ingestOp, queryOp), { minLength: 2, maxLength: 6 }),
    }),
  },
);
type IngestOp = typeof ingestOp extends fc.Arbitrary<infer T> ? T : never;
type QueryOp = typeof queryOp extends fc.Arbitrary<infer T> ? T : never;

const scenarioArb = fc.record({
  own: fc.array(fc.record({ ingest: pool(OWN_INGEST, false), import: pool(OWN_IMPORT, true) }), {
    minLength: 4,
    maxLength: 4,
  }),
  common: fc.record({ ingest: pool(COMMON_INGEST, false), import: pool(COMMON_IMPORT, true) }),
  ops: fc.array(opArb, { minLength: 3, maxLength: 10 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// The model and the run
// ---------------------------------------------------------------------------------------------

interface Tenant {
  n: number;
  marker: string;
  id: string;
  token: string;
  /** A gateway that only ever sees this viewer's operations (no auth; its only viewer is `id`). */
  ref: TestGateway;
  /** Event ids this viewer holds (own and common). */
  events: Map<string, EventSpec>;
  version: number;
  versions: Set<number>;
  commits: number;
  /** `aggregation|filterKey` → requests this viewer made of it. */
  requests: Map<string, number>;
  live: LiveStream;
}

interface Mode {
  name: string;
  mains: () => TestGateway[];
  /** Two gateways: a write on one is seen by the other through Redis pub/sub, not at once. */
  distributed: boolean;
  viewers: string[];
  runs: number;
  /** Requests retried after INTERNAL_SERVER_ERROR (SQLite "database is locked"). */
  retries: number;
}

const isRelative = (f: Filter) => f.timeframe !== undefined && f.timeframe !== 'ALL';
/** kpis.videos under a filter with timeframe ALL: the viewer's own events of the product, ads only with includeAds. */
const modelVideos = (t: Tenant, f: Filter) =>
  [...t.events.values()].filter(
    (e) => (f.product === undefined || f.product === 'ALL' || e.product === f.product) && (f.includeAds === true || !e.isAd),
  ).length;

function fail(what: string, detail: unknown): never {
  throw new Error(`${what}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
}

async function runScenario(mode: Mode, s: Scenario, log: string[]) {
  const mains = mode.mains();
  const gwOf = (i: number) => mains[i % mains.length] as TestGateway;
  const tenants: Tenant[] = [];
  for (let n = 0; n < MARKERS.length; n++) {
    const id = uniqueViewer(String.fromCharCode(65 + n));
    mode.viewers.push(id);
    const token = await signFor(id);
    const ref = testGateway({ ...COMMON_OPTIONS, resolveViewerId: () => id });
    tenants.push({
      n,
      marker: MARKERS[n] as string,
      id,
      token,
      ref,
      events: new Map(),
      version: 0,
      versions: new Set([0]),
      commits: 0,
      requests: new Map(),
      live: await openLive(gwOf(n), token),
    });
  }
  // Two gateways on one SQLite file: a write transaction may fail with "database is locked"
  // despite busy_timeout (product bug: store/sqlite-core.ts commitTx/usageTx are deferred
  // transactions that read before writing, so WAL returns SQLITE_BUSY_SNAPSHOT at once), answered
  // as INTERNAL_SERVER_ERROR.
  // Those requests are retried (they stored nothing) and counted, so the isolation checks run.
  const retried =
    <R extends { body: Body }>(send: () => Promise<R>) =>
    async (): Promise<R> => {
      for (let attempt = 1; ; attempt++) {
        const r = await send();
        const internal = r.body.errors?.some(
          (e) => (e.extensions as { code?: string } | undefined)?.code === 'INTERNAL_SERVER_ERROR',
        );
        if (!internal || !mode.distributed || attempt >= 3) return r;
        mode.retries++;
      }
    };
  const mainPost = (gw: TestGateway, token: string, q: string, vars: Record<string, unknown> = {}) =>
    retried(() => post(gw, token, q, vars))();
  const foreignOf = (t: Tenant) => tenants.filter((o) => o !== t).map((o) => ({ marker: o.marker, id: o.id }));
  const clean = (t: Tenant, what: string, text: string) => {
    const traces = foreignTraces(text, foreignOf(t));
    if (traces.length > 0) fail(`LEAK: ${what} for ${t.marker} contains ${traces.join(', ')}`, text.slice(0, 2000));
  };
  const ownSpec = (t: Tenant, kind: 'ingest' | 'import', i: number): [string, EventSpec, number] => {
    const base = s.own[t.n]?.[kind][i] as Omit<EventSpec, 'id'>;
    return [t.marker, { ...base, id: `${t.marker}:${kind}:${i}` }, (kind === 'ingest' ? 0 : 100) + i];
  };
  const commonSpec = (kind: 'ingest' | 'import', i: number): [string, EventSpec, number] => {
    const base = s.common[kind][i] as Omit<EventSpec, 'id'>;
    return [COMMON, { ...base, id: `${COMMON}:${kind}:${i}` }, (kind === 'ingest' ? 200 : 300) + i];
  };

  const ingest = async (op: IngestOp) => {
    const t = tenants[op.v] as Tenant;
    const picked = [...op.own.map((i) => ownSpec(t, 'ingest', i)), ...op.common.map((i) => commonSpec('ingest', i))];
    if (picked.length === 0) return;
    const events = picked.map(([m, e, n]) => ingestInput(m, e, n));
    const added = picked.filter(([, e]) => !t.events.has(e.id)).length;
    const [main, ref] = await Promise.all([
      mainPost(gwOf(op.gw), t.token, INGEST, { events }),
      post(t.ref, null, INGEST, { events }),
    ]);
    clean(t, 'ingest result', main.text);
    const r = main.body.data?.ingestWatchEvents as Record<string, number> | undefined;
    if (!r) fail(`ingest for ${t.marker} failed`, main.body);
    expect(r, `ingest counts of ${t.marker}`).toMatchObject({
      received: picked.length,
      added,
      duplicates: picked.length - added,
    });
    expect(r).toEqual(ref.body.data?.ingestWatchEvents);
    for (const [, e] of picked) t.events.set(e.id, e);
    t.version = Math.max(t.version, r.dataVersion as number);
    t.versions.add(r.dataVersion as number);
    t.commits++;
  };

  const importTakeout = async (op: { v: number; own: number[]; common: number[]; gw: number }) => {
    const t = tenants[op.v] as Tenant;
    const picked = [...op.own.map((i) => ownSpec(t, 'import', i)), ...op.common.map((i) => commonSpec('import', i))];
    if (picked.length === 0) return;
    const file = JSON.stringify(picked.map(([m, e, n]) => takeoutEntry(m, e, n)));
    const added = picked.filter(([, e]) => !t.events.has(e.id)).length;
    const main = await retried(() => upload(gwOf(op.gw), t.token, file))();
    const ref = await upload(t.ref, null, file);
    clean(t, 'import report', main.text);
    const r = (main.body.data?.importTakeout as { __typename: string; data?: Record<string, unknown> } | undefined) ?? null;
    if (r?.__typename !== 'ImportTakeoutSuccess' || !r.data) fail(`import for ${t.marker} failed`, main.body);
    expect(r.data, `import report of ${t.marker}`).toMatchObject({
      recordsRead: picked.length,
      eventsAdded: added,
      duplicates: picked.length - added,
    });
    expect(comparable(r.data)).toEqual(comparable((ref.body.data?.importTakeout as { data?: unknown } | undefined)?.data));
    for (const [, e] of picked) t.events.set(e.id, e);
    const v = r.data.dataVersion as number;
    t.version = Math.max(t.version, v);
    t.versions.add(v);
    t.commits++;
  };

  /** One query; `strict`: V's data cannot change meanwhile, so it must equal the reference exactly. */
  const query = async (op: QueryOp, strict: boolean, bounds?: { before: Map<string, EventSpec> }) => {
    const t = tenants[op.v] as Tenant;
    const q = queryOf(op.aggs);
    const vars = { filter: op.filter, v: t.version };
    const ref = strict ? await post(t.ref, null, q, vars) : null;
    if (ref?.body.errors) fail(`reference query for ${t.marker} failed`, ref.body.errors);
    for (let k = 0; k <= op.repeat; k++) {
      const main = await mainPost(gwOf(op.gw + k), t.token, q, vars);
      clean(t, `query ${op.aggs.join(',')} ${JSON.stringify(op.filter)}`, main.text);
      if (main.status !== 200 || main.body.errors) fail(`query for ${t.marker} failed (${main.status})`, main.body);
      const data = main.body.data as { viewer: { id: string }; analytics: Record<string, { meta: { filterKey: string } }> };
      expect(data.viewer.id).toBe(t.id);
      for (const a of op.aggs) {
        const key = `${a}|${data.analytics[a]?.meta.filterKey}`;
        t.requests.set(key, (t.requests.get(key) ?? 0) + 1);
      }
      if (op.aggs.includes('kpis') && !isRelative(op.filter)) {
        const videos = (data.analytics.kpis as unknown as { data: { videos: number } }).data.videos;
        if (strict) {
          expect(videos, `kpis.videos of ${t.marker} under ${JSON.stringify(op.filter)}`).toBe(modelVideos(t, op.filter));
        } else if (bounds) {
          const lo = modelVideos({ ...t, events: bounds.before }, op.filter);
          expect(videos).toBeGreaterThanOrEqual(lo);
          expect(videos).toBeLessThanOrEqual(modelVideos(t, op.filter));
        }
      }
      if (ref) {
        expect(
          comparable(main.body.data),
          `${t.marker}: ${op.aggs.join(',')} ${JSON.stringify(op.filter)} (repeat ${k})`,
        ).toEqual(comparable(ref.body.data));
      }
    }
  };

  const setTimeZone = async (op: { v: number; zone: string; gw: number }) => {
    const t = tenants[op.v] as Tenant;
    const [main, ref] = await Promise.all([
      mainPost(gwOf(op.gw), t.token, SET_TZ, { z: op.zone }),
      post(t.ref, null, SET_TZ, { z: op.zone }),
    ]);
    clean(t, 'setTimeZone', main.text);
    expect(main.body.data?.setTimeZone).toMatchObject({ id: t.id, timeZone: op.zone });
    expect(ref.body.data?.setTimeZone).toMatchObject({ timeZone: op.zone });
    t.commits++;
    if (mode.distributed) {
      // The other gateway learns the zone through pub/sub; wait for it (latency is not what is tested).
      const other = gwOf(op.gw + 1);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const me = await post(other, t.token, VIEWER_TZ);
        clean(t, 'viewer', me.text);
        if ((me.body.data?.viewer as { timeZone?: string } | undefined)?.timeZone === op.zone) break;
        if (Date.now() > deadline) fail('the other gateway never saw the new time zone', me.body);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };

  const plan = async (op: { v: number; other: number; gw: number }) => {
    const t = tenants[op.v] as Tenant;
    const main = await mainPost(gwOf(op.gw), t.token, PLAN);
    clean(t, 'precomputePlan', main.text);
    if (main.body.errors) fail(`own precomputePlan of ${t.marker} failed`, main.body.errors);
    const p = main.body.data?.precomputePlan as {
      viewerId: string;
      dataVersion: number;
      hot: { aggregation: string; filterKey: string; params: string; score: number }[];
    };
    expect(p.viewerId).toBe(t.id);
    expect(t.versions.has(p.dataVersion) || p.dataVersion === 0).toBe(true);
    if (!mode.distributed) expect(p.dataVersion).toBe(t.version);
    // `aggregation|filterKey` → V's requests (with Redis too: see the usage-counter case below).
    const requested = new Map<string, number>();
    for (const [k, c] of t.requests) {
      const cut = k.indexOf('|');
      const fk = k.slice(cut + 1);
      requested.set(`${enumOf(k.slice(0, cut))}|${fk}`, c);
    }
    for (const h of p.hot) {
      const fk = h.filterKey.split('#')[0] as string;
      const own = requested.get(`${h.aggregation}|${fk}`);
      if (own === undefined)
        fail(`LEAK: precomputePlan of ${t.marker} holds a combo it never requested`, { h, requested: [...requested] });
      // Scores are decayed request counts (the clock is fixed): never more than V's own requests.
      if (h.score > own + 1e-6) fail(`LEAK: usage of ${t.marker} counts more requests than it made`, { h, own });
    }
    // Another viewer's plan is an admin's to see, never a viewer's.
    const o = tenants[op.other] as Tenant;
    if (o !== t) {
      const other = await post(gwOf(op.gw), t.token, OTHER_PLAN, { o: o.id });
      // The requested id is the caller's own input; only the other viewer's data must not appear.
      const traces = foreignTraces(
        other.text,
        foreignOf(t).map((f) => ({ ...f, id: '\u0000' })),
      );
      if (traces.length > 0) fail(`LEAK: another viewer's plan for ${t.marker}`, other.text);
      expect(other.body.data?.precomputePlan ?? null).toBeNull();
      expect((other.body.errors?.[0]?.extensions as { code?: string } | undefined)?.code).toBe('FORBIDDEN');
    }
  };

  const burst = async (ops: (IngestOp | QueryOp)[]) => {
    const writing = new Map<number, Map<string, EventSpec>>();
    const kept = ops.filter((op) => {
      if (op.t !== 'ingest') return true;
      if (writing.has(op.v)) return false;
      writing.set(op.v, new Map((tenants[op.v] as Tenant).events));
      return true;
    });
    await Promise.all(
      kept.map((op) => {
        if (op.t === 'ingest') return ingest(op);
        const before = writing.get(op.v);
        return query(op, before === undefined, before ? { before } : undefined);
      }),
    );
  };

  try {
    for (const op of s.ops) {
      log.push(JSON.stringify(op));
      if (op.t === 'ingest') await ingest(op);
      else if (op.t === 'import') await importTakeout(op);
      else if (op.t === 'query') await query(op, true);
      else if (op.t === 'tz') await setTimeZone(op);
      else if (op.t === 'plan') await plan(op);
      else await burst(op.ops);
    }
    // Quiesce, then the whole catalogue once more for everyone (warm now), and the live streams.
    await Promise.all([...mains.map((g) => g.queue.idle()), ...tenants.map((t) => t.ref.queue.idle())]);
    for (const t of tenants) await query({ t: 'query', v: t.n, aggs: AGG_NAMES, filter: {}, repeat: 1, gw: t.n }, true);
    for (const t of tenants) {
      const events = await t.live.drain(mode.distributed ? 500 : 250);
      clean(t, 'live stream', JSON.stringify(events));
      const changes = events.map((e) => {
        if (e.errors) fail(`live stream of ${t.marker} errored`, e.errors);
        return (e as ExecutionResult<{ viewerChanged: { dataVersion: number; precomputed: boolean } }>).data?.viewerChanged as {
          dataVersion: number;
          precomputed: boolean;
        };
      });
      expect(changes[0], `first live event of ${t.marker}`).toEqual({ dataVersion: 0, precomputed: true });
      for (const c of changes) {
        if (!t.versions.has(c.dataVersion))
          fail(`LEAK: ${t.marker}'s live stream announced a data version it never had`, { c, own: [...t.versions] });
      }
      const commits = changes.filter((c) => !c.precomputed).length;
      if (commits > t.commits) fail(`LEAK: ${t.marker}'s live stream heard ${commits} commits, it made ${t.commits}`, changes);
      if (t.commits === 0) expect(changes).toHaveLength(1);
    }
  } finally {
    for (const t of tenants) await t.live.sse.cancel();
    for (const t of tenants) {
      await t.ref.close();
      await t.ref.store.close();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The modes
// ---------------------------------------------------------------------------------------------

const admin = adminRedis();
const dir = mkdtempSync(join(tmpdir(), 'wg-tenants-'));
const allViewers: string[] = [];
afterAll(async () => {
  await cleanupViewers(admin, allViewers);
  admin.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const property = (mode: Mode) => async () => {
  const t0 = Date.now();
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      runs++;
      const log: string[] = [];
      try {
        await runScenario(mode, s, log);
      } catch (err) {
        (err as Error).message += `\n  ops so far:\n    ${log.join('\n    ')}`;
        throw err;
      }
    }),
    { numRuns: mode.runs, endOnFailure: true },
  );
  console.log(`[tenants] ${mode.name}: ${runs} runs in ${Date.now() - t0} ms, ${mode.retries} requests retried`);
};

describe('tenant isolation (property)', () => {
  describe('one gateway, no Redis', () => {
    let gw: TestGateway;
    const mode: Mode = {
      name: 'one gateway',
      mains: () => [gw],
      distributed: false,
      viewers: allViewers,
      retries: 0,
      runs: RUNS_ONE,
    };
    beforeAll(() => {
      gw = testGateway({ ...COMMON_OPTIONS, auth: authenticator() });
    });
    afterAll(async () => {
      await gw.close();
      await gw.store.close();
    });
    it('no answer for a viewer holds anything of another viewer', property(mode), 240_000);
  });

  describe('two gateways, one SQLite file, shared Redis', () => {
    let a: TestGateway;
    let b: TestGateway;
    const mode: Mode = {
      name: 'two gateways + Redis',
      mains: () => [a, b],
      distributed: true,
      viewers: allViewers,
      retries: 0,
      runs: RUNS_TWO,
    };
    beforeAll(async () => {
      const file = join(dir, 'shared.db');
      const make = () =>
        testGateway({
          ...COMMON_OPTIONS,
          store: createSqliteStore({ path: file }),
          redis: { url: redisUrl(), timeoutMs: 2000 },
          auth: authenticator(),
          engineThreads: 1,
        });
      a = make();
      b = make();
      await Promise.all([a.redisConnected(), b.redisConnected()]);
    });
    afterAll(async () => {
      for (const g of [a, b]) {
        await g?.close();
        await g?.store.close();
      }
    });
    it('no answer for a viewer holds anything of another viewer', property(mode), 300_000);
  });
});

describe('usage counters with Redis (found by the property)', () => {
  // Found by the property: the shared counters' members were the combo key alone (no
  // aggregation), so every aggregation under one filter landed on one counter. Members are now
  // aggregation + combo key (precompute/usage-redis.ts), as the store counts them.
  it('one request of kpis and topics under one filter counts once for each, not twice for one', async () => {
    const viewer = uniqueViewer('U');
    allViewers.push(viewer);
    const token = await signFor(viewer);
    const gw = testGateway({ ...COMMON_OPTIONS, auth: authenticator(), redis: { url: redisUrl(), timeoutMs: 2000 } });
    try {
      await gw.redisConnected();
      const q = 'query($f: WatchFilter) { analytics(filter: $f) { kpis { id } topics { id } } }';
      expect((await post(gw, token, q, { f: { timeZone: 'Asia/Tokyo' } })).body.errors).toBeUndefined();
      const plan = (await post(gw, token, PLAN)).body.data?.precomputePlan as { hot: { aggregation: string; score: number }[] };
      // Today: [{ aggregation: 'TOPICS', score: 2 }].
      expect(plan.hot.map((h) => [h.aggregation, h.score]).sort()).toEqual([
        ['KPIS', 1],
        ['TOPICS', 1],
      ]);
    } finally {
      await gw.close();
      await gw.store.close();
    }
  });
});
