/** The whole catalogue in one request: one batched cache read when warm, one session build when cold. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionStats } from '../../precompute/engine/state/sessions.js';
import { REGISTRY } from '../../precompute/registry.js';
import { IngestDocument } from '../generated/graphql.js';
import { sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
let opened: TestGateway | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  if (gw && gw !== opened) {
    opened = gw;
    await gw.close();
    await gw.store.close();
  }
});

const FIELDS = [
  'kpis',
  'monthlyTrend',
  'topChannels',
  'heatmap',
  'topics',
  'overview',
  'sessions',
  'viewingPatterns',
  'advancedKpis',
  'habits',
  'dailyStats',
  'timeSeries',
  'channelMetrics',
  'channelRelationships',
  'channelEvolution(channel: "UC1")',
  'topicEvolution',
  'topicDiversity',
  'topicSignals',
  'dataQuality',
];

const ALL = `query All($filter: WatchFilter) { analytics(filter: $filter) {
  ${FIELDS.map((f) => {
    const name = f.split('(')[0];
    const selection =
      name === 'channelEvolution' ? '{ ... on ChannelEvolutionSuccess { meta { source } } }' : '{ meta { source } }';
    return `${name}: ${f} ${selection}`;
  }).join('\n  ')}
} }`;

type AllResult = { analytics: Record<string, { meta: { source: string } }> };

describe('the whole catalogue in one request', () => {
  it('names every registered aggregation exactly once', () => {
    expect(FIELDS.map((f) => f.split('(')[0]).sort()).toEqual(REGISTRY.map((d) => d.id).sort());
    expect(FIELDS).toHaveLength(19);
  });

  it('warm: nineteen fields, one batched read of the memory tier, the engine not run', async () => {
    gw = testGateway();
    await gw.run(IngestDocument, { events: sampleEvents(40) });
    await gw.queue.idle();
    await gw.raw(ALL, { filter: { timeZone: 'Asia/Tokyo' } }); // computes (and caches) every field for this filter
    const memory = vi.spyOn(gw.tiers[0]!, 'getMany');
    const computations = gw.services.aggregations.counters.computations;
    const r = await gw.raw(ALL, { filter: { timeZone: 'Asia/Tokyo' } });
    expect(r.errors).toBeUndefined();
    const sources = Object.values((r.data as AllResult).analytics).map((v) => v.meta.source);
    expect(sources).toHaveLength(19);
    expect(new Set(sources)).toEqual(new Set(['MEMORY']));
    expect(memory).toHaveBeenCalledTimes(1);
    expect(memory.mock.calls[0]![0]).toHaveLength(19);
    expect(gw.services.aggregations.counters.computations).toBe(computations);
  });

  it('cold: every field computed, and the sessions of (filter, 30 min) built once for all of them', async () => {
    gw = testGateway();
    await gw.run(IngestDocument, { events: sampleEvents(40) });
    // The maintained 30-minute sessions of the filter: built once, read by every field needing them.
    const builds = vi.spyOn(SessionStats, 'fromSessions');
    const r = await gw.raw(ALL, { filter: { timeZone: 'Europe/Paris', product: 'YOUTUBE' } });
    expect(r.errors).toBeUndefined();
    expect(new Set(Object.values((r.data as AllResult).analytics).map((v) => v.meta.source))).toEqual(new Set(['COMPUTED']));
    expect(builds).toHaveBeenCalledTimes(1);
  });
});
