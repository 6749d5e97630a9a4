/**
 * Streaming parser for `watch-history.html` (htmlScanner.ts, fed chunk by chunk). Entries are
 * recognised by structure — header cell, body cell, caption cell — not by lines, so re-indented
 * files and files cut from a larger export (no `<html>`, no first outer `<div>`) still parse.
 * A file whose end is missing is rejected, as a JSON file is (see parseHtmlStream).
 */
import type { TakeoutEntry } from './classify.js';
import { HtmlScanner } from './htmlScanner.js';
import { TAKEOUT_LOCALES } from './locales.js';
import { type EntrySink, ImportRejectedError } from './sink.js';

/** Longest text kept per line of a cell, chars: bounds memory on hostile input. */
const MAX_LINE_CHARS = 16 * 1024;
/** Most lines kept per cell. */
const MAX_LINES = 64;

type Role = 'header' | 'body' | 'caption' | 'other';
/** An open div: a cell's role, or `outer` for an entry's outer cell (which has no role itself). */
type Frame = Role | 'outer';

interface Line {
  text: string;
  links: { href: string; text: string }[];
}

interface Cell {
  offset: number;
  header: string;
  body: Line[];
  hasBody: boolean;
  /** Caption values under a Details label, one per line. */
  details: string[];
  /** Text of the current caption line while under a Details label, else null. */
  detailLine: string | null;
  /** Text of the current bold caption label. */
  label: string;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
const newLine = (): Line => ({ text: '', links: [] });
const HAS_TEXT = /\S/;

const DETAIL_LABELS = new Set(TAKEOUT_LOCALES.map((l) => l.detailsLabel.toLowerCase()));

/** Ends the current Details value line of a caption (a `<br>`, a label or the cell's end). */
function endDetailLine(cell: Cell): void {
  if (cell.detailLine === null) return;
  const v = norm(cell.detailLine);
  if (v !== '' && cell.details.length < MAX_LINES) cell.details.push(v);
  cell.detailLine = '';
}

function roleOf(cls: string | undefined): Role {
  if (!cls) return 'other';
  if (cls.includes('header-cell')) return 'header';
  if (cls.includes('content-cell')) {
    if (cls.includes('mdl-typography--caption')) return 'caption';
    // The empty right-aligned cell shares body-1 with the real body.
    if (cls.includes('mdl-typography--text-right')) return 'other';
    if (cls.includes('mdl-typography--body-1')) return 'body';
  }
  return 'other';
}

/** Builds the TakeoutEntry and date line of one parsed cell group. */
function toEntry(cell: Cell): { entry: TakeoutEntry; date: string | null } {
  const lines = cell.body.filter((l) => l.links.length > 0 || HAS_TEXT.test(l.text));
  const first = lines[0];
  const titleLink = first?.links[0];
  const rest = lines.slice(1);
  // The date is the last line; zero to two `Watched at …` lines precede it for ads.
  const dateLine = rest.length > 0 && rest[rest.length - 1]!.links.length === 0 ? norm(rest[rest.length - 1]!.text) : null;
  const subtitles: TakeoutEntry['subtitles'] = [];
  for (const l of rest) {
    if (l.links.length > 0) for (const a of l.links) subtitles.push({ name: a.text, url: a.href });
  }
  endDetailLine(cell);
  const details = cell.details;
  return {
    entry: {
      header: norm(cell.header) || null,
      title: first ? first.text : null,
      titleUrl: titleLink ? titleLink.href : null,
      subtitles,
      details,
    },
    date: dateLine,
  };
}

/**
 * Reads a Takeout HTML export from `source` (UTF-8, validated while decoding), calling `sink`
 * per activity cell. Throws ImportRejectedError: NOT_UTF8, NO_ACTIVITY (no activity cell),
 * NOT_TAKEOUT (a tag or comment longer than 16 Mi chars), TRUNCATED (the file's end is missing).
 *
 * Truncation rule: the file ends inside a tag, a comment or a raw-text element (the
 * stylesheet); or inside an entry — an outer cell or a header/body/caption cell opened in the
 * file and not closed; or with a `<body>`/`<html>` it opened not closed. Only the end is
 * judged: a file cut at its start (no `<html>`, unmatched closing tags) that ends after a
 * complete entry is imported. Unclosed wrapper divs alone do not count, so a stray one in a
 * hand-edited file is no reason to refuse it.
 */
export async function parseHtmlStream(source: AsyncIterable<Uint8Array>, sink: EntrySink): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let index = 0;
  let cell: Cell | null = null;
  const stack: Frame[] = [];
  /** Open/closed `<html>` and `<body>`: 1 opened, 2 closed too. */
  let html = 0;
  let body = 0;
  let chars = 0;
  let role: Role = 'other';
  let line: Line | null = null;
  let linkHref: string | null = null;
  let linkText = '';
  let bold = 0;

  const emit = (): void => {
    if (!cell) return;
    const c = cell;
    cell = null;
    const { entry, date } = toEntry(c);
    sink.entry(entry, date === null ? null : { html: date }, index++, c.offset);
  };
  const currentRole = (): Role => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const f = stack[i];
      if (f !== 'other' && f !== 'outer') return f as Role;
    }
    return 'other';
  };
  const breakLine = (): void => {
    if (cell && role === 'caption') {
      endDetailLine(cell);
      return;
    }
    const lines = cell && role === 'body' ? cell.body : null;
    if (lines && lines.length < MAX_LINES) {
      line = newLine();
      lines.push(line);
    } else line = null;
  };

  const scanner = new HtmlScanner({
    // Exactly the texts `text` below would drop (the "Why is this here?" caption lines, the
    // empty right-hand cells): skipped before the scanner slices and decodes them.
    wantsText() {
      return cell !== null && role !== 'other' && (role !== 'caption' || bold > 0 || cell.detailLine !== null);
    },
    open(name, attr, offset) {
      if (name === 'div') {
        const cls = attr('class');
        const r = roleOf(cls);
        stack.push(r === 'other' && cls?.includes('outer-cell') ? 'outer' : r);
        if (r === 'header' || (r === 'body' && cell?.hasBody)) emit();
        if (r !== 'other' && !cell)
          cell = { offset, header: '', body: [], hasBody: false, details: [], detailLine: null, label: '' };
        if (r === 'body' && cell) cell.hasBody = true;
        role = currentRole();
        if (r === 'body' || r === 'caption') breakLine();
      } else if (name === 'br') {
        if (role === 'body' || role === 'caption') breakLine();
      } else if (name === 'a' && role === 'body') {
        linkHref = attr('href') ?? '';
        linkText = '';
      } else if (name === 'b' && role === 'caption') {
        bold++;
      } else if (name === 'html' || name === 'body') {
        if (name === 'html') html ||= 1;
        else body ||= 1;
      }
    },
    text(text) {
      if (!cell || role === 'other') return;
      if (role === 'header') {
        if (cell.header.length < MAX_LINE_CHARS) cell.header += text;
        return;
      }
      if (role === 'caption') {
        if (bold > 0) {
          if (cell.label.length < MAX_LINE_CHARS) cell.label += text;
        } else if (cell.detailLine !== null && cell.detailLine.length < MAX_LINE_CHARS) cell.detailLine += text;
        return;
      }
      if (!line) return;
      if (line.text.length < MAX_LINE_CHARS) line.text += text;
      if (linkHref !== null && linkText.length < MAX_LINE_CHARS) linkText += text;
    },
    close(name) {
      if (name === 'div') {
        stack.pop();
        role = currentRole();
        line = null;
      } else if (name === 'a' && linkHref !== null) {
        if (line) line.links.push({ href: linkHref, text: linkText });
        linkHref = null;
      } else if (name === 'b' && bold > 0) {
        bold--;
        if (bold === 0 && cell && role === 'caption') {
          // A bold caption line is a label; values follow on the next lines.
          endDetailLine(cell);
          cell.detailLine = DETAIL_LABELS.has(norm(cell.label).replace(/\s*:$/, '').toLowerCase()) ? '' : null;
          cell.label = '';
        }
      } else if (name === 'br' && (role === 'body' || role === 'caption')) {
        breakLine(); // `</br>` is a line break too, as in browsers
      } else if (name === 'html') html = 2;
      else if (name === 'body') body = 2;
    },
  });

  try {
    for await (const chunk of source) {
      const text = decoder.decode(chunk, { stream: true });
      chars += text.length;
      scanner.write(text);
      await sink.drain();
    }
    const rest = decoder.decode();
    chars += rest.length;
    scanner.write(rest);
  } catch (err) {
    if (err instanceof TypeError && (err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new ImportRejectedError('NOT_UTF8', 'the HTML file is not valid UTF-8');
    }
    if (err instanceof RangeError && err.message.startsWith('[ingest/html]'))
      throw new ImportRejectedError('NOT_TAKEOUT', err.message);
    throw err;
  }
  const cut = scanner.end();
  const inEntry = stack.some((f) => f !== 'other') ? `entry ${index + 1}` : null;
  const inside = cut === 'tag' || cut === 'comment' ? `a ${cut}` : cut !== null ? `<${cut}>` : null;
  const where =
    inside !== null
      ? `inside ${inside}${inEntry ? ` of ${inEntry}` : ''}`
      : inEntry
        ? `inside ${inEntry}`
        : body === 1
          ? 'without closing <body>'
          : html === 1
            ? 'without closing <html>'
            : null;
  if (where !== null) {
    // Outside an entry, the last complete one is still waiting to be emitted.
    const complete = inEntry === null && (cell as Cell | null) !== null ? index + 1 : index;
    throw new ImportRejectedError(
      'TRUNCATED',
      `the HTML file ends ${where} (char ${chars}): it was cut short, e.g. by an interrupted download; ` +
        `nothing was imported (${complete} complete entries came before the cut)`,
    );
  }
  emit();
  await sink.drain();
  if (index === 0) {
    throw new ImportRejectedError('NO_ACTIVITY', 'the HTML page has no activity cells (is it a Takeout watch-history.html?)');
  }
}
