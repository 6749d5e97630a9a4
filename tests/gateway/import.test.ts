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

type UploadBody = {
  data?: { importTakeout: Record<string, unknown> };
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

/** POSTs a GraphQL multipart request (operations + map + file parts) through yoga.fetch. */
async function uploadWithStatus(name: string, body: string, extraFiles = 0): Promise<{ status: number; body: UploadBody }> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: IMPORT, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new File([body], name));
  for (let i = 1; i <= extraFiles; i++) form.set(String(i), new File([body], `${i}-${name}`));
  const res = await gw.yoga.fetch('http://test/graphql', {
    method: 'POST',
    body: form,
    headers: { 'graphql-require-preflight': '1' },
  });
  return { status: res.status, body: (await res.json()) as UploadBody };
}
const upload = async (name: string, body: string) => (await uploadWithStatus(name, body)).body;

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

  it('refuses a file over MAX_UPLOAD_MB as it streams in (413, nothing stored)', async () => {
    gw = testGateway({ maxUploadBytes: 100 });
    const r = await uploadWithStatus('watch-history.json', JSON.stringify([entry(1), entry(2)]));
    expect(r.status).toBe(413);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(r.body.errors?.[0]?.message).toMatch(/MAX_UPLOAD_MB/);
    expect(await gw.store.countEvents('local')).toBe(0);
  });

  it('accepts one file per request, not two', async () => {
    gw = testGateway();
    const r = await uploadWithStatus('watch-history.json', JSON.stringify([entry(1)]), 1);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toMatch(/one file per upload/);
    expect(await gw.store.countEvents('local')).toBe(0);
  });

  it("applies MAX_UPLOAD_MB, not Yoga's 25 MB default: a 30 MB export imports", async () => {
    gw = testGateway({ maxUploadBytes: 64 * 1024 * 1024 });
    const pad = 'x'.repeat(2000);
    const entries = Array.from({ length: 12_000 }, (_, i) => ({ ...entry(i), title: `Watched ${pad} ${i}` }));
    const text = JSON.stringify(entries);
    expect(text.length).toBeGreaterThan(25_000_000);
    const r = await uploadWithStatus('watch-history.json', text);
    expect(r.status).toBe(200);
    expect(r.body.data!.importTakeout).toMatchObject({ __typename: 'ImportTakeoutSuccess' });
  });
});
