/**
 * Streaming parser for `watch-history.json`. A byte scanner tracks strings and nesting to find
 * the top-level array's element boundaries; each run of complete elements is decoded and handed
 * to the native JSON.parse at once. Memory is bounded by one chunk plus one element.
 */
import { isUtf8 } from 'node:buffer';
import type { TakeoutEntry } from './classify.js';
import { type EntrySink, ImportRejectedError } from './sink.js';

export interface JsonParseOptions {
  /** Largest single array element accepted, bytes (default 1 MiB); a bigger one rejects the file. */
  maxRecordBytes?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Maps one parsed array element onto a TakeoutEntry, or null when it is not an object with a title. */
function toEntry(v: unknown): { entry: TakeoutEntry; time: string | null } | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const title = str(o.title);
  if (title === null) return null;
  const subtitles: TakeoutEntry['subtitles'] = [];
  if (Array.isArray(o.subtitles)) {
    for (const s of o.subtitles as unknown[]) {
      if (s && typeof s === 'object') {
        const name = str((s as Record<string, unknown>).name);
        if (name !== null) subtitles.push({ name, url: str((s as Record<string, unknown>).url) });
      }
    }
  }
  const details: string[] = [];
  if (Array.isArray(o.details)) {
    for (const d of o.details as unknown[]) {
      const name = d && typeof d === 'object' ? str((d as Record<string, unknown>).name) : null;
      if (name !== null) details.push(name);
    }
  }
  return { entry: { header: str(o.header), title, titleUrl: str(o.titleUrl), subtitles, details }, time: str(o.time) };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object without a string "title"';
  return `a ${typeof v}`;
}

/**
 * Reads a Takeout JSON array from `source`, calling `sink` per element. Throws
 * ImportRejectedError: EMPTY (nothing but white space), NOT_TAKEOUT (not an array, malformed
 * JSON, an oversized element, trailing data), TRUNCATED (ends inside the array), NOT_UTF8,
 * NO_ACTIVITY (an empty array).
 */
export async function parseJsonStream(
  source: AsyncIterable<Uint8Array>,
  sink: EntrySink,
  opts: JsonParseOptions = {},
): Promise<void> {
  const maxRecordBytes = opts.maxRecordBytes ?? 1024 * 1024;
  let pending: Buffer = Buffer.alloc(0);
  /** Absolute byte offset of pending[0]. */
  let base = 0;
  let phase: 'start' | 'array' | 'end' = 'start';
  let depth = 0;
  let inString = false;
  let scan = 0;
  let index = 0;
  let sawComma = false;
  let sawBom = false;
  /** Absolute offsets where the elements of the current region start. */
  let starts: number[] = [];

  const parseRegion = (from: number, to: number, final: boolean): void => {
    const bytes = pending.subarray(from, to);
    if (!isUtf8(bytes)) throw new ImportRejectedError('NOT_UTF8', `invalid UTF-8 in the record at byte ${base + from}`);
    const text = bytes.toString('utf8');
    if (final && text.trim() === '') {
      if (sawComma) throw new ImportRejectedError('NOT_TAKEOUT', `malformed JSON: trailing comma before byte ${base + to}`);
      return;
    }
    let values: unknown[];
    try {
      values = JSON.parse(`[${text}]`) as unknown[];
    } catch (err) {
      throw new ImportRejectedError(
        'NOT_TAKEOUT',
        `malformed JSON between bytes ${base + from} and ${base + to}: ${(err as Error).message}`,
      );
    }
    for (let k = 0; k < values.length; k++) {
      const offset = starts[k] ?? base + from;
      const parsed = toEntry(values[k]);
      if (parsed) sink.entry(parsed.entry, parsed.time === null ? null : { iso: parsed.time }, index, offset);
      else sink.skip('not-an-activity', index, offset, `expected an object with a "title", got ${describe(values[k])}`);
      index++;
    }
    starts = [];
  };

  for await (const chunk of source) {
    if (chunk.byteLength === 0) continue;
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    pending = pending.length === 0 ? buf : Buffer.concat([pending, buf]);
    let i = scan;
    let regionStart = 0;
    let lastComma = -1;
    const n = pending.length;
    if (phase === 'start') {
      if (!sawBom && n >= 3 && pending[0] === 0xef && pending[1] === 0xbb && pending[2] === 0xbf) {
        sawBom = true;
        i = 3;
      }
      while (i < n && isSpace(pending[i]!)) i++;
      if (i === n) {
        // Only white space so far: keep nothing but the count.
        base += n;
        pending = Buffer.alloc(0);
        scan = 0;
        continue;
      }
      if (pending[i] !== 0x5b) {
        const what = pending[i] === 0x7b ? 'a JSON object' : `"${String.fromCharCode(pending[i]!)}"`;
        throw new ImportRejectedError('NOT_TAKEOUT', `expected a JSON array of activities, got ${what} at byte ${base + i}`);
      }
      phase = 'array';
      depth = 1;
      i++;
      regionStart = i;
      starts.push(base + i);
    }
    if (phase === 'array') {
      while (i < n) {
        if (inString) {
          const j = pending.indexOf(QUOTE, i);
          if (j < 0) {
            i = n;
            break;
          }
          let k = j - 1;
          while (pending[k] === BACKSLASH) k--;
          i = j + 1;
          if ((j - 1 - k) % 2 === 0) inString = false;
          continue;
        }
        const c = pending[i]!;
        if (c === QUOTE) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          depth--;
          if (depth === 0) {
            parseRegion(regionStart, i, true);
            phase = 'end';
            i++;
            break;
          }
        } else if (c === 0x2c && depth === 1) {
          lastComma = i;
          sawComma = true;
          starts.push(base + i + 1);
        }
        i++;
      }
      if (phase === 'array') {
        if (lastComma >= 0) {
          const next = starts.pop() as number;
          parseRegion(regionStart, lastComma, false);
          starts.push(next);
          pending = pending.subarray(lastComma + 1);
          base += lastComma + 1;
          i -= lastComma + 1;
        } else if (regionStart > 0) {
          pending = pending.subarray(regionStart);
          base += regionStart;
          i -= regionStart;
        }
        if (pending.length > maxRecordBytes) {
          throw new ImportRejectedError(
            'NOT_TAKEOUT',
            `an array element starting at byte ${base} is larger than ${maxRecordBytes} bytes`,
          );
        }
        // Copy so the consumed part of a large chunk can be collected.
        if (pending.length < n / 4) pending = Buffer.from(pending);
        scan = i;
        await sink.drain();
        continue;
      }
    }
    // phase === 'end': only white space may follow the array.
    for (; i < n; i++) {
      if (!isSpace(pending[i]!))
        throw new ImportRejectedError('NOT_TAKEOUT', `unexpected data after the JSON array at byte ${base + i}`);
    }
    base += n;
    pending = Buffer.alloc(0);
    scan = 0;
    await sink.drain();
  }
  if (phase === 'start')
    throw new ImportRejectedError('EMPTY', base === 0 ? 'the file is empty' : 'the file contains only white space');
  if (phase === 'array')
    throw new ImportRejectedError(
      'TRUNCATED',
      `the JSON array is not closed (input ends at byte ${base + pending.length}): it was cut short, e.g. by an interrupted download; nothing was imported`,
    );
  if (index === 0) throw new ImportRejectedError('NO_ACTIVITY', 'the JSON array is empty');
}
