import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, importBuffer, memoryStore } from './helpers.js';
import { renderJson } from './render.js';
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

  it('deletes the temp file after a rejected archive too', async () => {
    const zip = makeZip([{ name: 'Takeout/YouTube/history/watch-history.json', data: '[1,2]' }]);
    await expect(importBuffer(memoryStore(), zip, 'archive.zip')).rejects.toMatchObject({ code: 'NOT_TAKEOUT' });
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});
