import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistorySniffer } from '../../ingest/zip.js';
import { fixture, importBuffer, memoryStore } from './helpers.js';
import { type HistoryItem, renderHtmlCell, renderJson, renderJsonEntry } from './render.js';
import { makeZip } from './zipWriter.js';

// A private temp dir for this test file (its own process), so leftovers can be counted.
let spoolDir = '';
beforeAll(() => {
  spoolDir = mkdtempSync(join(tmpdir(), 'wg-zip-test-'));
  process.env.TMPDIR = spoolDir;
});

const noise = [
  { name: 'Takeout/archive_browser.html', data: '<html><body>Archive index</body></html>' },
  { name: 'Takeout/YouTube and YouTube Music/subscriptions/subscriptions.csv', data: 'Channel Id,Channel Url\n' },
];

describe('Takeout zip', () => {
  it.each([
    ['English folders', 'Takeout/YouTube and YouTube Music/history/watch-history.json'],
    ['French folders', 'Takeout/YouTube et YouTube Music/historique/watch-history.json'],
    ['German folders, stored (no compression)', 'Takeout/YouTube und YouTube Music/Verlauf/watch-history.json'],
  ])('finds the watch history in %s', async (_what, path) => {
    const zip = makeZip([...noise, { name: path, data: fixture('watch-history.json'), deflate: !path.includes('Verlauf') }]);
    const store = memoryStore();
    const r = await importBuffer(store, zip, 'takeout-20240101.zip', { chunkSize: 1000 });
    expect(r.source).toBe('takeout-zip+json');
    expect(r.files).toEqual([path]);
    expect(r.eventsAdded).toBe(11);
    expect(r.skipped.byReason['other-activity']?.samples[0]?.position.startsWith(`${path}: record `)).toBe(true);
    expect(readdirSync(spoolDir)).toEqual([]); // temp file deleted
  });

  it('sniffs a watch history whose file name is localised, and ignores the search history', async () => {
    const zip = makeZip([
      ...noise,
      {
        name: 'Takeout/YouTube et YouTube Music/historique/historique-des-recherches.json',
        data: '[{"header":"YouTube","title":"Vous avez recherché chats","titleUrl":"https://www.youtube.com/results?search_query\\u003dchats"}]',
      },
      { name: 'Takeout/YouTube et YouTube Music/historique/historique-des-vidéos.html', data: fixture('watch-history.html.txt') },
    ]);
    const r = await importBuffer(memoryStore(), zip, 'archive.zip');
    expect(r.files).toEqual(['Takeout/YouTube et YouTube Music/historique/historique-des-vidéos.html']);
    expect(r.source).toBe('takeout-zip+html');
    expect(r.eventsAdded).toBe(11);
  });

  it('imports every member of an archive holding both formats, counting the overlap as duplicates', async () => {
    const zip = makeZip([
      { name: 'Takeout/YouTube and YouTube Music/history/watch-history.json', data: fixture('watch-history.json') },
      { name: 'Takeout/YouTube and YouTube Music/history/watch-history.html', data: fixture('watch-history.html.txt') },
    ]);
    const r = await importBuffer(memoryStore(), zip, 'archive.zip');
    expect(r.source).toBe('takeout-zip+html+json');
    expect(r.recordsRead).toBe(28);
    expect(r.eventsAdded).toBe(11);
    expect(r.duplicates).toBe(11);
  });

  it('accepts a large, well-compressed history under the default limits', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      kind: 'watched' as const,
      at: Date.UTC(2020, 0, 1) + i * 60_000,
      videoId: `v${String(i).padStart(10, '0')}`,
      title: `Video number ${i}`,
      channel: { name: `Channel ${i % 10}`, id: `UC_${i % 10}` },
      music: false,
    }));
    const zip = makeZip([{ name: 'Takeout/YouTube/history/watch-history.json', data: renderJson(items) }]);
    const r = await importBuffer(memoryStore(), zip, 'archive.zip', { batchSize: 500 });
    expect(r.eventsAdded).toBe(3000);
    expect(readdirSync(spoolDir)).toEqual([]);
  });

  describe('recognises a member of unusual name by content wherever its first entry starts', () => {
    const items: HistoryItem[] = Array.from({ length: 20 }, (_, i) => ({
      kind: 'watched',
      at: Date.UTC(2021, 0, 1) + i * 60_000,
      videoId: `z${String(i).padStart(10, '0')}`,
      title: `Video ${i}`,
      channel: { name: 'Chan', id: 'UC_z' },
      music: false,
    }));
    const STYLE = { date: 'en-GB', zone: { label: 'UTC', offsetMinutes: 0 } } as const;
    /** Inline CSS of about `bytes` bytes that compresses about as well as Google's does. */
    const css = (bytes: number) => {
      const rules: string[] = [];
      for (let i = 0, n = 0; n < bytes; i++) {
        const rule = `.mdl-c${i.toString(36)}{margin:${i % 17}px;color:#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0')}}`;
        rules.push(rule);
        n += rule.length;
      }
      return rules.join('');
    };
    const page = (style: string) =>
      `<html><head><meta charset="UTF-8"><title>Mon historique d'activité</title><style>${style}</style></head><body><div class="mdl-grid">${items.map((i) => renderHtmlCell(i, STYLE)).join('')}</div></body></html>`;
    const NAME = 'Takeout/YouTube et YouTube Music/historique/historique-des-vidéos.html';

    it('HTML after hundreds of KB of inline CSS (real exports carry ~141 KB; 64 KiB were read)', async () => {
      const html = page(css(600_000));
      expect(html.indexOf('content-cell')).toBeGreaterThan(600_000);
      const zip = makeZip([...noise, { name: NAME, data: html }]);
      const r = await importBuffer(memoryStore(), zip, 'archive.zip');
      expect(r).toMatchObject({ files: [NAME], source: 'takeout-zip+html', eventsAdded: 20 });
    });

    it('JSON whose first watch link comes after 64 KiB of other activity', async () => {
      const other = JSON.stringify({ header: 'YouTube Music', title: 'Visited YouTube Music', time: '2021-02-01T00:00:00Z' });
      const json = `[${Array.from({ length: 2000 }, () => other).join(',')},${items.map((i) => renderJsonEntry(i)).join(',')}]`;
      expect(json.indexOf('watch?v')).toBeGreaterThan(100_000);
      const zip = makeZip([{ name: 'Takeout/YouTube/Verlauf/Wiedergabeverlauf.json', data: json }]);
      const r = await importBuffer(memoryStore(), zip, 'archive.zip');
      expect(r).toMatchObject({ source: 'takeout-zip+json', eventsAdded: 20 });
      expect(r.skipped.byReason['other-activity']?.count).toBe(2000);
    });

    it('within a bound: a first entry past 4 MiB is not looked for', async () => {
      // Incompressible filler, so the ratio limit is not what stops it.
      const zip = makeZip([{ name: NAME, data: page(`/*${randomBytes(2_200_000).toString('hex')}*/`) }]);
      await expect(importBuffer(memoryStore(), zip, 'archive.zip')).rejects.toMatchObject({ code: 'ZIP_NO_HISTORY' });
    });

    it('keeps the zip-bomb limits while sniffing', async () => {
      const bomb = { name: 'Takeout/YouTube/historique.json', data: Buffer.alloc(3_000_000, 0x20), declaredSize: 1000 };
      await expect(importBuffer(memoryStore(), makeZip([bomb]), 'archive.zip', { maxRatio: 50 })).rejects.toMatchObject({
        code: 'ZIP_BOMB',
      });
      const big = { name: NAME, data: page(css(2_000_000)) };
      await expect(
        importBuffer(memoryStore(), makeZip([big]), 'archive.zip', { maxUncompressedBytes: 1_000_000 }),
      ).rejects.toMatchObject({ code: 'ZIP_BOMB' });
    });
  });

  it('deletes the temp file after a rejected archive too', async () => {
    const zip = makeZip([{ name: 'Takeout/YouTube/history/watch-history.json', data: '[1,2]' }]);
    await expect(importBuffer(memoryStore(), zip, 'archive.zip')).rejects.toMatchObject({ code: 'NOT_TAKEOUT' });
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});

describe('HistorySniffer', () => {
  const feed = (text: string, format: 'json' | 'html', chunk: number): boolean => {
    const s = new HistorySniffer(format);
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length && s.push(bytes.subarray(i, i + chunk)) === null; i += chunk);
    return s.end();
  };
  it.each([
    ['json', '\ufeff  [{"titleUrl":"https://www.youtube.com/watch?v\\u003dx"}]', true],
    ['json', '[{"title":"Watched x","titleUrl":"https://www.youtube.com/watch?v=x"}]', true],
    ['json', '{"titleUrl":"https://www.youtube.com/watch?v=x"}', false],
    ['json', '[{"titleUrl":"https://www.youtube.com/results?search_query=x"}]', false],
    ['html', '<div class="content-cell">Watched <a href="https://www.youtube.com/watch?v=x">x</a></div>', true],
    ['html', '<html><body>Archive index <a href="https://www.youtube.com/watch?v=x">x</a></body></html>', false],
  ] as const)('%s %j → %s, whatever the chunking', (format, text, expected) => {
    for (const chunk of [1, 2, 5, 64]) expect(feed(text, format, chunk), `chunks of ${chunk}`).toBe(expected);
  });
});
