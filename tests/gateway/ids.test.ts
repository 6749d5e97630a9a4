/**
 * Ids for a normalised client cache: the same thing has the same id in every request and
 * process; two different things (other filter, other arguments, other gap) never share one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
  await gw.store.close();
});

// biome-ignore lint/suspicious/noExplicitAny: responses are walked by path; their shape is what is under test.
type Json = any;

/** 12 videos a minute apart from each start, over channels UC0..UC2. */
async function withData(starts = [Date.UTC(2024, 4, 1, 18), Date.UTC(2024, 4, 3, 9)]): Promise<void> {
  gw = testGateway();
  for (const start of starts) {
    const r = await gw.raw('mutation($e: [WatchEventInput!]!) { ingestWatchEvents(events: $e) { added } }', {
      e: sampleEvents(12, start),
    });
    expect(r.errors).toBeUndefined();
  }
}

const analytics = async (gateway: TestGateway, fields: string, filter?: Record<string, unknown>): Promise<Json> => {
  const r = await gateway.raw(`query($f: WatchFilter) { analytics(filter: $f) { ${fields} } }`, { f: filter });
  expect(r.errors).toBeUndefined();
  return (r.data as Json).analytics;
};

describe('stable ids', () => {
  it('result ids depend on viewer, aggregation, canonical filter and arguments — not on the request or process', async () => {
    await withData();
    const q = 'id kpis { id } top: topChannels { id } top5: topChannels(limit: 5) { id } top10: topChannels(limit: 10) { id }';
    const a = await analytics(gw, q, { topics: ['EDUCATION', 'TECHNOLOGY'], timeZone: 'Asia/Kolkata' });
    const again = await analytics(gw, q, { topics: ['TECHNOLOGY', 'EDUCATION', 'TECHNOLOGY'], timeZone: 'Asia/Calcutta' });
    expect(again).toEqual(a); // the same canonical filter
    const other = testGateway({ store: gw.store });
    expect(await analytics(other, q, { topics: ['EDUCATION', 'TECHNOLOGY'], timeZone: 'Asia/Kolkata' })).toEqual(a);
    await other.close();

    expect(a.top.id).toBe(a.top10.id); // limit 10 is the default
    expect(a.top5.id).not.toBe(a.top.id); // other arguments, other data
    const plain = await analytics(gw, q);
    expect(plain.id).not.toBe(a.id);
    expect(plain.kpis.id).not.toBe(a.kpis.id);
    expect(new Set([plain.id, plain.kpis.id, plain.top.id, plain.top5.id]).size).toBe(4);
  });

  it('a channel has one id everywhere, whatever the filter; its per-filter metrics have filter-scoped ids', async () => {
    await withData();
    const fields = `
      topChannels { data { channel { id channelKey } } }
      channelRelationships(minScore: 0) { data { a { id channelKey } b { id channelKey } } }
      sessions { data { list { edges { node { channels { id channelKey } } } } } }
      byVideos: channelMetrics(first: 2) { data { edges { node { id channel { id channelKey } } } pageInfo { endCursor } } }
      byLoyalty: channelMetrics(orderBy: LOYALTY) { data { edges { node { id channel { channelKey } } } } }`;
    const a = await analytics(gw, fields);
    const ids = new Map<string, Set<string>>();
    const see = (c: { id: string; channelKey: string }) => ids.set(c.channelKey, (ids.get(c.channelKey) ?? new Set()).add(c.id));
    for (const t of a.topChannels.data) see(t.channel);
    for (const r of a.channelRelationships.data) for (const c of [r.a, r.b]) see(c);
    for (const e of a.sessions.data.list.edges) for (const c of e.node.channels) see(c);
    for (const e of a.byVideos.data.edges) see(e.node.channel);
    expect([...ids.keys()].sort()).toEqual(['UC0', 'UC1', 'UC2']);
    expect([...ids.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    expect(new Set([...ids.values()].flatMap((s) => [...s])).size).toBe(3);

    const filtered = await analytics(gw, 'topChannels { data { channel { id channelKey } } }', { timeZone: 'Asia/Tokyo' });
    for (const t of filtered.topChannels.data) expect(ids.get(t.channel.channelKey)).toEqual(new Set([t.channel.id]));

    // Metrics: one id per (filter, channel) across orders and pages; another filter, another id.
    const metricIds = (page: Json) =>
      Object.fromEntries(page.data.edges.map((e: Json) => [e.node.channel.channelKey, e.node.id]));
    const byLoyalty = metricIds(a.byLoyalty);
    for (const [key, id] of Object.entries(metricIds(a.byVideos))) expect(byLoyalty[key]).toBe(id);
    const next = await analytics(
      gw,
      `channelMetrics(first: 2, after: "${a.byVideos.data.pageInfo.endCursor}") { data { edges { node { id channel { channelKey } } } } }`,
    );
    expect(metricIds(next.channelMetrics)).toEqual({ UC2: byLoyalty.UC2 });
    const tokyo = await analytics(gw, 'channelMetrics { data { edges { node { id channel { channelKey } } } } }', {
      timeZone: 'Asia/Tokyo',
    });
    for (const [key, id] of Object.entries(metricIds(tokyo.channelMetrics))) expect(byLoyalty[key]).not.toBe(id);
  });

  it('a session id names the filter and the gap: the same start under another gap is another session', async () => {
    await withData([Date.UTC(2024, 4, 1, 18), Date.UTC(2024, 4, 1, 19)]); // 49 minutes apart
    const q = (gap: number) => `s${gap}: sessions(gapMinutes: ${gap}) { data { list { edges { node { id start videos } } } } }`;
    const a = await analytics(gw, `${q(30)} ${q(60)}`);
    const thirty = a.s30.data.list.edges.map((e: Json) => e.node);
    const long = a.s60.data.list.edges.map((e: Json) => e.node);
    expect(thirty.map((s: Json) => s.videos)).toEqual([12, 12]);
    expect(long.map((s: Json) => s.videos)).toEqual([24]);
    expect(long[0].start).toBe(thirty[1].start);
    expect(long[0].id).not.toBe(thirty[1].id);
    const again = await analytics(gw, q(30));
    expect(again.s30.data.list.edges.map((e: Json) => e.node.id)).toEqual(thirty.map((s: Json) => s.id));
  });
});
