import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, HtmlScanner } from '../../ingest/htmlScanner.js';

type Ev = ['open', string, string | undefined, string | undefined] | ['close', string] | ['text', string];

/** Scans `html` fed in the given chunk sizes; adjacent text events are merged (chunking may split text). */
function scan(html: string, chunk = html.length || 1): Ev[] {
  const out: Ev[] = [];
  const s = new HtmlScanner({
    open: (name, attr) => out.push(['open', name, attr('class'), attr('href')]),
    close: (name) => out.push(['close', name]),
    text: (t) => {
      const last = out[out.length - 1];
      if (last?.[0] === 'text') last[1] += t;
      else out.push(['text', t]);
    },
  });
  for (let i = 0; i < html.length; i += chunk) s.write(html.slice(i, i + chunk));
  s.end();
  return out;
}

describe('decodeEntities', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;script&gt;', '<script>'],
    ['it&#39;s', "it's"],
    ['&#x1F600;', '😀'],
    ['&eacute;t&eacute;', 'été'], // a name outside the fast table
    ['&emsp;YouTube', '\u2003YouTube'],
    ['&nbsp;', '\u00a0'],
    ['&zzzz; &', '&zzzz; &'], // unknown names stay as written
    ['&notit;', '\u00acit;'], // HTML5 legacy prefix, as browsers read it
    ['&#0; &#xD800;', '\ufffd \ufffd'],
    ['no entities', 'no entities'],
  ])('%j → %j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('HtmlScanner', () => {
  it('reports tags, attributes and decoded text', () => {
    expect(scan('<div class="a &amp; b"><A HREF=\'x?a=1&amp;b=2\'>T&#39;s</A><br/></div>')).toEqual([
      ['open', 'div', 'a & b', undefined],
      ['open', 'a', undefined, 'x?a=1&b=2'],
      ['text', "T's"],
      ['close', 'a'],
      ['open', 'br', undefined, undefined],
      ['close', 'div'],
    ]);
  });

  it('skips comments and doctype, keeps a stray < as text, and ignores > inside quoted values', () => {
    expect(scan('<!DOCTYPE html><!-- <div> --><p title="a>b" class=c>1 < 2 <3</p>')).toEqual([
      ['open', 'p', 'c', undefined],
      ['text', '1 < 2 <3'],
      ['close', 'p'],
    ]);
  });

  it('passes script and style content through as raw text', () => {
    expect(scan('<style>.a>b{x:1}</style><script>if (a<b) x="</div>"</script>')).toEqual([
      ['open', 'style', undefined, undefined],
      ['text', '.a>b{x:1}'],
      ['close', 'style'],
      ['open', 'script', undefined, undefined],
      ['text', 'if (a<b) x="</div>"'],
      ['close', 'script'],
    ]);
  });

  it('gives the same events however the input is chunked', () => {
    const piece = fc.constantFrom(
      '<div class="x y">',
      '</div>',
      '<a href="https://e.example/?a=1&amp;b=2">',
      '</a>',
      '<br>',
      '<!-- c -->',
      '<style>p>q{}</style>',
      'text',
      ' ',
      '&amp;',
      '&#39;',
      '&eacute;',
      '<3',
      'é日😀',
      '&',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 17 }), (pieces, chunk) => {
        const html = pieces.join('');
        expect(scan(html, chunk)).toEqual(scan(html));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a construct longer than its limit instead of buffering it', () => {
    const s = new HtmlScanner({ open() {}, close() {}, text() {} });
    s.write('<!-- never closed');
    expect(() => {
      for (let i = 0; i < 20; i++) s.write('x'.repeat(1024 * 1024));
    }).toThrow('[ingest/html]');
  });
});

describe('HtmlScanner.end reports what the input ended inside (how a cut file shows)', () => {
  const endOf = (html: string, chunk = html.length || 1): string | null => {
    const s = new HtmlScanner({ open() {}, close() {}, text() {} });
    for (let i = 0; i < html.length; i += chunk) s.write(html.slice(i, i + chunk));
    return s.end();
  };
  it.each([
    ['<div class="a">text</div>', null],
    ['text only', null],
    ['a <3 b', null],
    ['a &lt; b <3', null],
    ['<div class="a', 'tag'],
    ['<div class="a">x</di', 'tag'],
    ['<div>x<', 'tag'],
    ['<div>x</', 'tag'],
    ['<div>x<!-- note', 'comment'],
    ['<!DOCTYPE html', 'tag'],
    ['<style>.a{color:red}', 'style'],
    ['<title>My Activity', 'title'],
  ])('%j → %s', (html, expected) => {
    expect(endOf(html)).toBe(expected);
    expect(endOf(html, 3)).toBe(expected);
  });
});
