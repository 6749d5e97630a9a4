/**
 * The activity group through the gateway: overview, sessions (with its list connection),
 * advancedKpis, habits, dailyStats, channelMetrics (a connection) and channelRelationships,
 * on generated data whose answers are worked out by hand below; bad arguments name the field.
 */
import { type GraphQLObjectType, isObjectType } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';
import { IngestDocument } from '../generated/graphql.js';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
  await gw.store.close();
});

/**
 * 20 videos a minute apart from Wed 1 May 2024 18:00 UTC, then 10 from Fri 3 May 09:00, over
 * channels UC0/UC1/UC2 (i mod 3): UC0 has 7 + 4 = 11 videos, UC1 7 + 3 = 10, UC2 6 + 3 = 9.
 * Two sessions (30-minute gap); today (the harness clock) is 15 June 2024.
 */
async function twoSessions(): Promise<void> {
  gw = testGateway();
  for (const [n, start] of [
    [20, Date.UTC(2024, 4, 1, 18)],
    [10, Date.UTC(2024, 4, 3, 9)],
  ] as const) {
    const r = await gw.run(IngestDocument, { events: sampleEvents(n, start) });
    expect(r.errors).toBeUndefined();
  }
  await gw.queue.idle();
}

interface Result<T> {
  data: T;
  meta: { source: string };
}
interface Connection<N> {
  totalCount: number;
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface SessionNode {
  start: string;
  end: string;
  videos: number;
  channels: { channelKey: string; channelTitle: string }[];
}
interface ChannelNode {
  channel: { channelKey: string };
  [field: string]: unknown;
}

const analytics = (fields: string) =>
  gw.raw(`query($f: WatchFilter) { analytics(filter: $f) { ${fields} } }`, { f: { timeZone: 'UTC' } });

/** The aggregation fields selected by `fields`, which must answer without errors. */
async function ok(fields: string): Promise<Record<string, Result<unknown>>> {
  const r = await analytics(fields);
  expect(r.errors).toBeUndefined();
  return (r.data as { analytics: Record<string, Result<unknown>> }).analytics;
}

/** One aggregation field `name` selected by `fields`, typed by the caller. */
const one = async <T>(name: string, fields: string): Promise<Result<T>> => (await ok(fields))[name] as Result<T>;

describe('long lists through the gateway: entries hold windows, pages past them are their own entries', () => {
  it('walks 450 sessions and 250 channels page by page, each once, in order', async () => {
    gw = testGateway();
    // One video every 40 minutes (so each is a session of its own), 250 channels.
    const events = Array.from({ length: 450 }, (_, i) => ({
      watchedAt: new Date(Date.UTC(2024, 4, 1) + i * 40 * 60_000).toISOString(),
      videoTitle: `Learn TypeScript part ${i}`,
      videoUrl: `https://www.youtube.com/watch?v=long${i}`,
      channelTitle: `Channel ${i % 250}`,
      channelUrl: `https://www.youtube.com/channel/UClong${i % 250}`,
    }));
    expect((await gw.run(IngestDocument, { events })).errors).toBeUndefined();
    await gw.queue.idle();

    const starts: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const s: Result<{ list: Connection<SessionNode> }> = await one(
        'sessions',
        `sessions { data { list(first: 100, after: ${JSON.stringify(after)}) { totalCount edges { cursor node { start channels { channelKey } } } pageInfo { hasNextPage endCursor } } } }`,
      );
      const list = s.data.list;
      expect(list.totalCount).toBe(450);
      for (const e of list.edges) expect(e.node.channels).toHaveLength(1);
      starts.push(...list.edges.map((e) => e.node.start));
      if (!list.pageInfo.hasNextPage) break;
      after = list.pageInfo.endCursor;
    }
    expect(starts).toHaveLength(450);
    expect(starts).toEqual(events.map((e) => new Date(e.watchedAt).toISOString()).reverse());

    const keys: string[] = [];
    after = null;
    for (let page = 0; page < 10; page++) {
      const c: Result<Connection<ChannelNode>> = await one(
        'channelMetrics',
        `channelMetrics(first: 100, orderBy: RECENT, after: ${JSON.stringify(after)}) { data { totalCount edges { node { channel { channelKey } } } pageInfo { hasNextPage endCursor } } }`,
      );
      expect(c.data.totalCount).toBe(250);
      keys.push(...c.data.edges.map((e) => e.node.channel.channelKey));
      if (!c.data.pageInfo.hasNextPage) break;
      after = c.data.pageInfo.endCursor;
    }
    // RECENT: the channel of the last video first; every channel once.
    expect(keys).toEqual(Array.from({ length: 250 }, (_, k) => `UClong${(449 - k) % 250}`));
  });
});

describe('activity aggregations through the gateway', () => {
  it('answers overview, dailyStats, advancedKpis and habits', async () => {
    await twoSessions();
    const a = await ok(`
      overview { data { videos uniqueChannels firstWatchedAt lastWatchedAt activeDays spanDays videosPerDay videosPerActiveDay } }
      dailyStats { data { days mean median mode p10 p50 p99 standardDeviation } }
      advancedKpis { data { repeatChannelShareOfChannels top10ChannelShareOfVideos weekendShareOfVideos weekendIntensity peakHour peakWindow { startHour endHour } growth30d growth90d } }
      habits { data { habit confidence evidence } }`);
    expect(a.overview?.data).toEqual({
      videos: 30,
      uniqueChannels: 3,
      firstWatchedAt: '2024-05-01T18:00:00.000Z',
      lastWatchedAt: '2024-05-03T09:09:00.000Z',
      activeDays: 2,
      spanDays: 3,
      videosPerDay: 10,
      videosPerActiveDay: 15,
    });
    // Days: 20, 0, 10.
    expect(a.dailyStats?.data).toMatchObject({ days: 3, mean: 10, median: 10, mode: 0, p10: 0, p50: 10, p99: 20 });
    expect((a.dailyStats!.data as { standardDeviation: number }).standardDeviation).toBeCloseTo(Math.sqrt(200 / 3), 12);
    expect(a.advancedKpis?.data).toEqual({
      repeatChannelShareOfChannels: 1,
      top10ChannelShareOfVideos: 1,
      weekendShareOfVideos: 0,
      weekendIntensity: null, // Wednesday to Friday: no weekend day in the span
      peakHour: 18,
      peakWindow: { startHour: 16, endHour: 19 },
      growth30d: -100, // 30 videos in 17 Apr – 16 May, none since
      growth90d: null, // nothing in the 90 days before 18 Mar
    });
    expect(a.habits?.data).toEqual([
      { habit: 'BINGE_WATCHER', confidence: 1, evidence: '2 of 2 sessions (100.0%) had 5 or more videos.' },
    ]);
  });

  it('answers sessions and pages through them newest first from one cached entry', async () => {
    await twoSessions();
    const q = (args: string) => `sessions { data { count binge short maxVideos meanDurationMinutes startsByHour
        list(${args}) { totalCount edges { cursor node { start end videos channels { channelKey channelTitle } } } pageInfo { hasNextPage endCursor } } }
        meta { source } }`;
    type SessionsData = Record<string, unknown> & { startsByHour: number[]; list: Connection<SessionNode> };
    const first = await one<SessionsData>('sessions', q('first: 1'));
    expect(first.data).toMatchObject({ count: 2, binge: 2, short: 0, maxVideos: 20, meanDurationMinutes: 14 });
    expect(first.data.startsByHour[18]).toBe(1);
    const list = first.data.list;
    expect(list.totalCount).toBe(2);
    expect(list.edges.map((e) => e.node)).toEqual([
      {
        start: '2024-05-03T09:00:00.000Z',
        end: '2024-05-03T09:09:00.000Z',
        videos: 10,
        channels: [0, 1, 2].map((i) => ({ channelKey: `UC${i}`, channelTitle: `Channel ${i}` })),
      },
    ]);
    expect(list.pageInfo).toEqual({ hasNextPage: true, endCursor: list.edges[0]?.cursor });

    const computations = gw.services.aggregations.counters.computations;
    const second = await one<SessionsData>('sessions', q(`first: 5, after: "${list.pageInfo.endCursor}"`));
    expect(second.data.list.edges.map((e) => e.node.start)).toEqual(['2024-05-01T18:00:00.000Z']);
    expect(second.data.list.pageInfo.hasNextPage).toBe(false);
    expect(second.meta.source).toBe('MEMORY'); // the base set holds gap 30; pages never recompute
    expect(gw.services.aggregations.counters.computations).toBe(computations);
  });

  it('pages channelMetrics in each order and lists related channels', async () => {
    await twoSessions();
    const page = (args: string) =>
      one<Connection<ChannelNode>>(
        'channelMetrics',
        `channelMetrics(${args}) { data { totalCount edges { cursor node { channel { channelKey } videos loyaltyScore isNew shareOfSessions topics } }
          pageInfo { hasNextPage endCursor } } meta { source } }`,
      );
    const p1 = await page('first: 2');
    expect(p1.data.totalCount).toBe(3);
    expect(p1.data.edges.map((e) => e.node.channel.channelKey)).toEqual(['UC0', 'UC1']);
    // Last video 3 May, today 15 June: months May–June = 2; consistency 50, frequency 10 × 11 / 2 → 55, recency 60 (43 days).
    expect(p1.data.edges[0]?.node).toMatchObject({
      videos: 11,
      loyaltyScore: 55,
      isNew: false,
      shareOfSessions: 1,
      topics: ['TECHNOLOGY', 'EDUCATION'],
    });
    expect(p1.data.pageInfo.hasNextPage).toBe(true);
    const p2 = await page(`first: 2, after: "${p1.data.pageInfo.endCursor}"`);
    expect(p2.data.edges.map((e) => e.node.channel.channelKey)).toEqual(['UC2']);
    expect(p2.data.pageInfo.hasNextPage).toBe(false);
    expect(p2.meta.source).toBe('MEMORY');
    // Same loyalty for the three (ties by videos), and the same last video day: RECENT ties by instant then videos.
    const recent = await page('first: 3, orderBy: RECENT');
    expect(recent.data.edges.map((e) => e.node.channel.channelKey)).toEqual(['UC0', 'UC2', 'UC1']); // last videos 09:09, 09:08, 09:07

    const rel = await ok(
      'channelRelationships(limit: 2) { data { a { channelKey } b { channelKey channelTitle } sharedSessions score sharedTopics } }',
    );
    expect(rel.channelRelationships?.data).toEqual([
      {
        a: { channelKey: 'UC0' },
        b: { channelKey: 'UC1', channelTitle: 'Channel 1' },
        sharedSessions: 2,
        score: 100,
        sharedTopics: ['TECHNOLOGY', 'EDUCATION'],
      },
      {
        a: { channelKey: 'UC0' },
        b: { channelKey: 'UC2', channelTitle: 'Channel 2' },
        sharedSessions: 2,
        score: 100,
        sharedTopics: ['TECHNOLOGY', 'EDUCATION'],
      },
    ]);
  });

  it('rejects bad arguments naming the field', async () => {
    await twoSessions();
    const cases: [string, string][] = [
      ['sessions(gapMinutes: 4) { data { count } }', 'sessions.gapMinutes'],
      ['sessions(gapMinutes: 241) { data { count } }', 'sessions.gapMinutes'],
      ['sessions { data { list(after: "bm90IGEgY3Vyc29y") { totalCount } } }', 'sessions.list.after'],
      ['sessions { data { list(first: 101) { totalCount } } }', 'sessions.list.first'],
      ['channelMetrics(first: 500) { data { totalCount } }', 'channelMetrics.first'],
      ['channelMetrics(after: "garbage") { data { totalCount } }', 'channelMetrics.after'],
      ['channelRelationships(minScore: 200) { data { score } }', 'channelRelationships.minScore'],
      ['channelRelationships(limit: 0) { data { score } }', 'channelRelationships.limit'],
    ];
    for (const [fields, field] of cases) {
      const r = await analytics(fields);
      expect(r.errors?.[0]?.extensions, fields).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.errors?.[0]?.message).toContain(field);
    }
    // A cursor of another order is refused rather than misread.
    const first = await one<Connection<ChannelNode>>(
      'channelMetrics',
      'channelMetrics(first: 1) { data { pageInfo { endCursor } } }',
    );
    const cursor = first.data.pageInfo.endCursor;
    const r = await analytics(`channelMetrics(orderBy: LOYALTY, after: "${cursor}") { data { totalCount } }`);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channelMetrics.after' });
  });

  it('describes every type, field and argument of the group', () => {
    gw = testGateway();
    const names = [
      'Overview',
      'AdvancedKpis',
      'HourWindow',
      'DailyStats',
      'Sessions',
      'Session',
      'SessionEdge',
      'SessionConnection',
      'PageInfo',
      'HabitSignal',
      'ChannelMetric',
      'ChannelMetricEdge',
      'ChannelMetricConnection',
      'ChannelRelationship',
      'ChannelRef',
      'TopChannel',
    ];
    const missing: string[] = [];
    for (const name of names) {
      const type = schema.getType(name);
      expect(type && isObjectType(type), name).toBe(true);
      if (!type?.description) missing.push(name);
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        if (!field.description) missing.push(`${name}.${field.name}`);
        for (const arg of field.args) if (!arg.description) missing.push(`${name}.${field.name}(${arg.name})`);
      }
    }
    const analyticsFields = (schema.getType('Analytics') as GraphQLObjectType).getFields();
    for (const f of ['overview', 'sessions', 'advancedKpis', 'habits', 'dailyStats', 'channelMetrics', 'channelRelationships']) {
      if (!analyticsFields[f]?.description) missing.push(`Analytics.${f}`);
      for (const arg of analyticsFields[f]?.args ?? []) if (!arg.description) missing.push(`Analytics.${f}(${arg.name})`);
    }
    for (const e of ['Habit', 'ChannelOrder']) {
      const type = schema.getType(e);
      if (!type?.description) missing.push(e);
    }
    expect(missing).toEqual([]);
  });
});
