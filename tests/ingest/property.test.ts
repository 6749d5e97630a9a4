import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture, importBuffer, memoryStore } from './helpers.js';
import { type HistoryItem, type HtmlStyle, langOf, renderHtml, renderJson } from './render.js';

const textChars = fc.constantFrom(
  ...'abcXYZ 019',
  '&',
  '<',
  '>',
  '"',
  "'",
  '\u00a0',
  '\u200b',
  '\n',
  '\t',
  'é',
  'ß',
  '日',
  '😀',
  ';',
  '#',
  '=',
  '\\',
  '/',
);
const text = fc.string({ unit: textChars, minLength: 0, maxLength: 30 });
const visible = (s: string) => s.replace(/[\s\u200b]/g, '') !== '';
const item: fc.Arbitrary<HistoryItem> = fc
  .record({
    kind: fc.constantFrom(
      'watched',
      'watched',
      'watched',
      'titleIsUrl',
      'removed',
      'post',
      'story',
      'ad',
      'adLink',
      'homepageAd',
    ),
    // 2006..2026, with milliseconds that the HTML export does not carry (later ones are in the future, and skipped).
    at: fc.integer({ min: Date.UTC(2006, 0, 1), max: Date.UTC(2026, 0, 1) }),
    videoId: fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABC0123456789_-'), minLength: 11, maxLength: 11 }),
    title: text,
    channel: fc.option(fc.record({ name: text.filter(visible), id: fc.constantFrom('UC_a', 'UC_b', 'UC_c-1') }), { nil: null }),
    music: fc.boolean(),
  })
  .map((i) => (i.kind === 'homepageAd' && !visible(i.title) ? { ...i, title: `ad ${i.title}` } : i)); // its title is all it has
const style: fc.Arbitrary<HtmlStyle> = fc.record({
  date: fc.constantFrom('en-US', 'en-GB', 'fr', 'de'),
  zone: fc.constantFrom(
    { label: 'UTC', offsetMinutes: 0 },
    { label: 'CET', offsetMinutes: 60 },
    { label: 'EDT', offsetMinutes: -240 },
    { label: 'AEDT', offsetMinutes: 660 },
    { label: 'UTC+05:30', offsetMinutes: 330 },
  ),
});

describe('property: HTML and JSON renderings of one history import to the same events', () => {
  it('holds for generated histories, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { minLength: 1, maxLength: 25 }),
        style,
        fc.integer({ min: 1, max: 300 }),
        async (items, st, chunkSize) => {
          const lang = langOf(st.date);
          const a = memoryStore();
          const b = memoryStore();
          const ra = await importBuffer(a, renderJson(items, lang), 'h.json', { chunkSize, batchSize: 7 });
          const rb = await importBuffer(b, renderHtml(items, st), 'h.html', { chunkSize, batchSize: 7 });
          expect(rb.recordsRead).toBe(items.length);
          expect(ra.recordsRead).toBe(items.length);
          expect(rb.skipped.total).toBe(0);
          expect(rb.undated.count).toBe(0);
          const ea = await a.loadEvents('viewer-1');
          expect(await b.loadEvents('viewer-1')).toEqual(ea);
          // And the second format adds nothing on top of the first.
          const again = await importBuffer(a, renderHtml(items, st), 'h.html', { chunkSize });
          expect(again.eventsAdded).toBe(0);
          expect(again.duplicates).toBe(items.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the hand-written fixture pair agrees too (sanity check of the renderer-free path)', async () => {
    const a = memoryStore();
    await importBuffer(a, fixture('watch-history.json'));
    const r = await importBuffer(a, fixture('watch-history.html.txt'));
    expect(r.eventsAdded).toBe(0);
  });
});
