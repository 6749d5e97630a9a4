import { afterEach, describe, expect, it } from 'vitest';
import { KpisDocument } from '../generated/graphql.js';
import { type TestGateway, testGateway } from './harness.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
  await gw.store.close();
});

const IMPORT = `mutation Import($file: File!) {
  importTakeout(file: $file) {
    __typename
    ... on ImportTakeoutSuccess { data { fromZip formats recordsRead eventsAdded duplicates skipped byKind { kind count } dataVersion } }
    ... on Failure { code message }
  }
}`;

/** POSTs a GraphQL multipart request (operations + map + one file part) through yoga.fetch. */
async function upload(name: string, body: string) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: IMPORT, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new File([body], name));
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    body: form,
    headers: { 'graphql-require-preflight': '1' },
  });
  return (await res.json()) as { data?: { importTakeout: Record<string, unknown> }; errors?: unknown[] };
}

const entry = (i: number) => ({
  header: 'YouTube',
  title: `Watched Learn Rust part ${i}`,
  titleUrl: `https://www.youtube.com/watch?v\u003dvid${i}`,
  subtitles: [{ name: 'Rusty', url: 'https://www.youtube.com/channel/UCrusty' }],
  time: new Date(Date.UTC(2024, 3, 1, 20, i)).toISOString(),
  products: ['YouTube'],
  activityControls: ['YouTube watch history'],
});

describe('importTakeout (multipart upload)', () => {
  it('imports a watch-history.json, is idempotent, and the dashboard sees the events', async () => {
    gw = testGateway();
    const file = JSON.stringify([
      entry(3),
      entry(2),
      entry(1),
      { header: 'YouTube', title: 'Answered survey question', time: '2024-04-01T10:00:00Z', products: ['YouTube'] },
    ]);
    const first = await upload('watch-history.json', file);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importTakeout).toMatchObject({
      __typename: 'ImportTakeoutSuccess',
      data: {
        fromZip: false,
        formats: ['JSON'],
        recordsRead: 4,
        eventsAdded: 3,
        duplicates: 0,
        skipped: 1,
        byKind: [
          { kind: 'WATCHED', count: 3 },
          { kind: 'VIEWED', count: 0 },
          { kind: 'VISITED', count: 0 },
        ],
        dataVersion: 1,
      },
    });
    const again = await upload('watch-history.json', file);
    // Nothing added; the duplicates are counted by dataQuality, so this is data version 2.
    expect(again.data!.importTakeout).toMatchObject({ data: { eventsAdded: 0, duplicates: 3, dataVersion: 2 } });
    await gw.queue.idle();
    const k = await gw.run(KpisDocument, {});
    expect(k.data!.analytics!.kpis!).toMatchObject({ data: { videos: 3, uniqueChannels: 1 }, meta: { dataVersion: 2 } });
  });

  it('rejects a truncated file as a typed result and stores nothing', async () => {
    gw = testGateway();
    const text = JSON.stringify([entry(1), entry(2)]);
    const r = await upload('watch-history.json', text.slice(0, text.length - 20));
    expect(r.data!.importTakeout).toMatchObject({ __typename: 'ImportRejected', code: 'TRUNCATED' });
    expect(await gw.store.countEvents('local')).toBe(0);
    expect((await gw.store.getViewer('local'))?.dataVersion).toBe(0);
  });

  it('rejects a file over the upload limit before reading it', async () => {
    gw = testGateway({ maxUploadBytes: 100 });
    const r = await upload('watch-history.json', JSON.stringify([entry(1), entry(2)]));
    expect(r.data!.importTakeout).toMatchObject({ __typename: 'ImportRejected', code: 'TOO_LARGE' });
  });
});
