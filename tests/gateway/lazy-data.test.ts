/** An entry's data is parsed and cut to the request only when a selection reads it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REGISTRY } from '../../precompute/registry.js';
import { NOW, sampleEvents, type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
  await gw.store.close();
});

describe('lazy entry data', () => {
  it('a query of meta only never reads the data; selecting data reads it once', async () => {
    gw = testGateway();
    await gw.raw('mutation($e: [WatchEventInput!]!) { ingestWatchEvents(events: $e) { added } }', {
      e: sampleEvents(30, NOW - 86_400_000),
    });
    await gw.queue.idle();
    const def = REGISTRY.find((d) => d.id === 'channelMetrics') as Required<(typeof REGISTRY)[number]>;
    const project = vi.spyOn(def, 'project');
    const meta = await gw.raw('{ analytics { channelMetrics { meta { source } } } }');
    expect(meta.errors).toBeUndefined();
    expect(project).not.toHaveBeenCalled();
    const data = (await gw.raw('{ analytics { channelMetrics(first: 2) { data { totalCount } } } }')) as {
      data: { analytics: { channelMetrics: { data: { totalCount: number } } } };
    };
    expect(data.data.analytics.channelMetrics.data.totalCount).toBe(3);
    expect(project).toHaveBeenCalledTimes(1);
    project.mockRestore();
  });
});
