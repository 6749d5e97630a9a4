import { describe, expect, it } from 'vitest';
import { parseHtmlStream } from '../../ingest/html.js';
import type { EntrySink } from '../../ingest/sink.js';
import { ImportRejectedError, importTakeout } from '../../ingest/takeout.js';
import type { Store } from '../../store/types.js';
import { fixture, importBuffer, memoryStore } from './helpers.js';
import { type HistoryItem, HTML_HEAD, HTML_TAIL, renderHtml, renderHtmlCell } from './render.js';
import { makeZip } from './zipWriter.js';

const ENTRY = (id: string, time = '2021-01-01T00:00:00Z') =>
  `{"header":"YouTube","title":"Watched T ${id}","titleUrl":"https://www.youtube.com/watch?v=${id}","time":"${time}","products":["YouTube"]}`;

/** Imports `data` into a store already holding the JSON fixture; expects a rejection with `code` and an untouched store. */
async function expectRejected(
  data: Buffer | string,
  code: string,
  opts: Parameters<typeof importBuffer>[3] = {},
): Promise<ImportRejectedError> {
  const store: Store = memoryStore();
  const seeded = await importBuffer(store, fixture('watch-history.json'));
  const before = {
    events: await store.loadEvents('viewer-1'),
    log: await store.changeLog('viewer-1'),
    viewer: await store.getViewer('viewer-1'),
  };
  let caught: unknown;
  try {
    await importBuffer(store, data, 'upload', opts);
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected a rejection').toBeInstanceOf(ImportRejectedError);
  expect((caught as ImportRejectedError).code).toBe(code);
  expect((caught as ImportRejectedError).detail.length).toBeGreaterThan(0);
  expect(await store.loadEvents('viewer-1')).toEqual(before.events);
  expect(await store.changeLog('viewer-1')).toEqual(before.log);
  expect((await store.getViewer('viewer-1'))?.dataVersion).toBe(seeded.dataVersion);
  return caught as ImportRejectedError;
}

describe('bad input: a clear error, and the store exactly as before', () => {
  it.each([
    ['an empty file', '', 'EMPTY'],
    ['only white space', '  \n\t ', 'EMPTY'],
    ['a UTF-8 BOM and nothing else', '\ufeff', 'EMPTY'],
    ['an empty array', '[ ]', 'NO_ACTIVITY'],
    ['a truncated array', `[${ENTRY('a')},${ENTRY('b')},{"header":"YouTube","tit`, 'TRUNCATED'],
    ['an array cut after a comma', `[${ENTRY('a')},`, 'TRUNCATED'],
    ['a JSON object', '{"title":"Watched x"}', 'NOT_TAKEOUT'],
    ['an array of numbers', '[1, 2, 3]', 'NOT_TAKEOUT'],
    ['an array of objects without titles', '[{"a":1},{"b":2}]', 'NOT_TAKEOUT'],
    ['malformed JSON inside the array', `[${ENTRY('a')},{"title": }]`, 'NOT_TAKEOUT'],
    ['a trailing comma', `[${ENTRY('a')},]`, 'NOT_TAKEOUT'],
    ['data after the array', `[${ENTRY('a')}] [1]`, 'NOT_TAKEOUT'],
    [
      'an HTML page with no activity cells',
      '<html><head><title>Hello</title></head><body><p>nothing</p></body></html>',
      'NO_ACTIVITY',
    ],
    ['plain text', 'hello world', 'UNSUPPORTED_FORMAT'],
  ])('%s → %s', async (_what, data, code) => {
    await expectRejected(data, code, { chunkSize: 3 });
  });

  it('rejects a file over the size limit while streaming, and before reading when the size is declared', async () => {
    const big = `[${Array.from({ length: 200 }, (_, i) => ENTRY(`v${i}`)).join(',')}]`;
    await expectRejected(big, 'TOO_LARGE', { maxBytes: 4096 });
    const neverRead: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => {
        throw new Error('the stream must not be read');
      },
    };
    const store = memoryStore();
    await expect(
      importTakeout(
        store,
        'viewer-1',
        { stream: neverRead, filename: 'big.zip', size: 5000 },
        { viewerTimeZone: 'UTC', maxBytes: 4096 },
      ),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('rejects a non-UTF-8 JSON file (Latin-1 title)', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`[${ENTRY('a')},{"title":"Watched caf`),
      Buffer.from([0xe9]),
      Buffer.from('","time":"2021-01-01T00:00:00Z"}]'),
    ]);
    await expectRejected(latin1, 'NOT_UTF8');
  });

  it('rejects a non-UTF-8 HTML file', async () => {
    const html = fixture('watch-history.fr.html.txt').toString('utf8');
    await expectRejected(Buffer.from(html, 'latin1'), 'NOT_UTF8', { chunkSize: 5 });
  });

  it('rejects UTF-16 and binary garbage', async () => {
    await expectRejected(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[]', 'utf16le')]), 'NOT_UTF8');
    await expectRejected(Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x81, 0x00]), 'NOT_UTF8');
  });

  it('rejects an oversized single JSON element instead of buffering it', async () => {
    const huge = `[{"title":"Watched ${'x'.repeat(1_200_000)}"}]`;
    await expectRejected(huge, 'NOT_TAKEOUT', { chunkSize: 65536 });
  });

  it('rejects a 100 000-deep JSON nesting cleanly (no stack overflow), changing nothing', async () => {
    const deep = `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`;
    const err = await expectRejected(deep, 'NOT_TAKEOUT', { chunkSize: 65536 });
    expect(err.detail).not.toMatch(/call stack/i);
  });

  it('rejects a huge array of non-entries without holding it (bounded by the element limit)', async () => {
    const many = `[${Array.from({ length: 200_000 }, () => '1').join(',')}]`;
    const store: Store = memoryStore();
    await expect(importBuffer(store, many, 'upload', { chunkSize: 65536 })).rejects.toBeInstanceOf(ImportRejectedError);
    expect(await store.loadEvents('viewer-1')).toEqual([]);
  });

  it('rejects a zip with no watch history', async () => {
    const zip = makeZip([
      { name: 'Takeout/archive_browser.html', data: '<html><body>index</body></html>' },
      {
        name: 'Takeout/YouTube and YouTube Music/history/search-history.json',
        data: '[{"title":"Searched for cats","titleUrl":"https://www.youtube.com/results?search_query=cats"}]',
      },
    ]);
    await expectRejected(zip, 'ZIP_NO_HISTORY');
  });

  it('rejects a zip bomb by its declared size, without inflating it', async () => {
    const zip = makeZip([
      { name: 'Takeout/YouTube and YouTube Music/history/watch-history.json', data: Buffer.alloc(2_000_000, 0x20) },
    ]);
    await expectRejected(zip, 'ZIP_BOMB', { maxRatio: 50 });
    await expectRejected(zip, 'ZIP_BOMB', { maxUncompressedBytes: 1_000_000 });
  });

  it('rejects a zip bomb that lies about its size, while inflating', async () => {
    const zip = makeZip([
      {
        name: 'Takeout/YouTube and YouTube Music/history/watch-history.json',
        data: Buffer.alloc(3_000_000, 0x20),
        declaredSize: 1000,
      },
    ]);
    await expectRejected(zip, 'ZIP_BOMB', { maxRatio: 50 });
  });

  it('rejects a truncated zip', async () => {
    const zip = makeZip([{ name: 'Takeout/YouTube/watch-history.json', data: `[${ENTRY('a')}]` }]);
    await expectRejected(zip.subarray(0, zip.length - 30), 'TRUNCATED');
  });

  it('rejects a zip whose watch history is truncated JSON', async () => {
    const zip = makeZip([{ name: 'Takeout/YouTube/history/watch-history.json', data: `[${ENTRY('a')},${ENTRY('b')}` }]);
    await expectRejected(zip, 'TRUNCATED');
  });
});

describe('a truncated HTML export is rejected as a truncated JSON one is', () => {
  const KINDS = ['watched', 'ad', 'post', 'removed', 'story', 'adLink', 'titleIsUrl', 'homepageAd'] as const;
  const items = (n: number): HistoryItem[] =>
    Array.from({ length: n }, (_, i) => ({
      kind: KINDS[i % KINDS.length]!,
      at: Date.UTC(2022, 0, 1) - i * 3_600_000,
      videoId: `v${String(i).padStart(10, '0')}`,
      title: `Video & <title> ${i}`,
      channel: i % 3 === 0 ? null : { name: `Channel ${i % 5}`, id: `UC_${i % 5}` },
      music: i % 4 === 1,
    }));
  const STYLE = { date: 'en-US', zone: { label: 'EST', offsetMinutes: -300 } } as const;
  const sink: EntrySink = { entry() {}, skip() {}, drain: async () => {} };
  const parse = (html: string) =>
    parseHtmlStream(chunkedText(html), sink).then(
      () => 'ok',
      (err: ImportRejectedError) => err.code,
    );
  async function* chunkedText(html: string): AsyncGenerator<Uint8Array> {
    yield Buffer.from(html, 'utf8');
  }

  it('rejects the export cut in the middle (2 223 of 4 651 entries were imported silently)', async () => {
    const html = renderHtml(items(4651), STYLE);
    const err = await expectRejected(html.slice(0, Math.floor(html.length / 2)), 'TRUNCATED', { chunkSize: 65536 });
    expect(err.detail).toMatch(/^the HTML file ends inside (?:a tag of )?entry \d+ \(char \d+\): it was cut short/);
    expect(err.detail).toContain('nothing was imported');
  });

  it('rejects every proper prefix of a whole export, wherever the cut falls', async () => {
    const html = renderHtml(items(KINDS.length), STYLE);
    expect(await parse(html)).toBe('ok');
    const bad: number[] = [];
    for (let cut = 1; cut < html.length; cut++) if ((await parse(html.slice(0, cut))) !== 'TRUNCATED') bad.push(cut);
    expect(bad).toEqual([]);
  });

  it('rejects an export cut exactly between two entries, or before </html>', async () => {
    const cells = items(3).map((i) => renderHtmlCell(i, STYLE));
    await expectRejected(HTML_HEAD + cells.join(''), 'TRUNCATED', { chunkSize: 5 });
    await expectRejected(`${HTML_HEAD}${cells.join('')}</div></body>`, 'TRUNCATED');
    const head = await expectRejected(HTML_HEAD.slice(0, HTML_HEAD.indexOf('</style>')), 'TRUNCATED');
    expect(head.detail).toContain('inside <style>');
  });

  it('imports a file cut at its start that ends after a complete entry (TAKEOUT.md: no <html>, no first outer div)', async () => {
    const html = renderHtml(items(KINDS.length), STYLE);
    const starts = [...html.matchAll(/<div/g)].map((m) => m.index);
    for (const start of starts) expect(await parse(html.slice(start)), `from char ${start}`).not.toBe('TRUNCATED');
    // And without the closing </div></body></html> either: the last entry is whole.
    const cells = items(3).map((i) => renderHtmlCell(i, STYLE));
    const store = memoryStore();
    const r = await importBuffer(store, cells.join('').slice(cells[0]!.indexOf('<div class="mdl-grid">')), 'x', { chunkSize: 7 });
    expect(r).toMatchObject({ recordsRead: 3, eventsAdded: 3 });
    expect(HTML_TAIL).toBe('</div></body></html>');
  });

  it('rejects a zip whose watch history is truncated HTML', async () => {
    const html = renderHtml(items(40), STYLE);
    const zip = makeZip([{ name: 'Takeout/YouTube/history/watch-history.html', data: html.slice(0, html.length - 200) }]);
    await expectRejected(zip, 'TRUNCATED');
  });
});

describe('bad records: counted skips, never a crash', () => {
  it('keeps going past garbage entries and reports them with positions', async () => {
    const data = `[${ENTRY('good1')}, 42, null, "text", [1], {"title": 7}, {"header":"YouTube","title":""}, ${ENTRY('good2', 'not a date')}, ${ENTRY('good3', '2021-13-45T99:00:00Z')}]`;
    const store = memoryStore();
    const r = await importBuffer(store, data, 'x', { chunkSize: 2 });
    expect(r.recordsRead).toBe(9);
    expect(r.eventsAdded).toBe(3);
    expect(r.skipped.byReason['not-an-activity']?.count).toBe(5);
    expect(r.skipped.byReason['no-title']?.count).toBe(1);
    expect(r.skipped.byReason['not-an-activity']?.samples.map((s) => s.position.split(' ').slice(0, 2).join(' '))).toEqual([
      'record 2',
      'record 3',
      'record 4',
      'record 5',
      'record 6',
    ]);
    const offset = Number(/byte (\d+)/.exec(r.skipped.byReason['not-an-activity']!.samples[0]!.position)![1]);
    expect(data.slice(offset, offset + 3).trim()).toMatch(/^42/);
    expect(r.undated.count).toBe(2);
    expect(r.undated.samples[0]?.detail).toContain('not a date');
  });

  it('treats markup and <script> in HTML titles as text', async () => {
    const html = `<div class="header-cell"><p>YouTube<br></p></div><div class="content-cell mdl-typography--body-1">Watched&nbsp;<a href="https://www.youtube.com/watch?v=scr1">&lt;script&gt;alert("x")&lt;/script&gt; <b>bold</b> <script>evil()</script></a><br>6 Feb 2012, 14:09:23 UTC<br></div>`;
    const store = memoryStore();
    const r = await importBuffer(store, html, 'x', { chunkSize: 9 });
    expect(r.eventsAdded).toBe(1);
    const [e] = await store.loadEvents('viewer-1');
    expect(e?.videoTitle).toBe('<script>alert("x")</script> bold evil()');
    expect(e?.watchedAt).toBe(Date.parse('2012-02-06T14:09:23Z'));
  });
});
