/**
 * The Takeout import entry point: sniff the format (zip magic, `[`, `<`), stream-parse,
 * normalise, write events in batches inside one store import session, and report. Any failure
 * aborts the session, so a failed import leaves the store exactly as before.
 */
import { isValidTimeZone } from '../domain/calendar.js';
import type { WatchEvent } from '../domain/events.js';
import type { ImportSession, Store } from '../store/types.js';
import { classifyEntry, type TakeoutEntry } from './classify.js';
import { type ParsedTimestamp, parseHtmlDate, parseIsoTime, ZoneResolver } from './dates.js';
import { parseHtmlStream } from './html.js';
import { parseJsonStream } from './json.js';
import { InvalidActivityError, normalizeActivity } from './normalize.js';
import { type ImportReport, ReportBuilder } from './report.js';
import { type EntrySink, ImportRejectedError, type RawTime, type SkipReason } from './sink.js';
import { clockSkewOf, type EventRules } from './validate.js';
import { spool, watchHistoryMembers } from './zip.js';

export type { ImportReport, RecordSample } from './report.js';
export { ImportRejectedError } from './sink.js';

export interface ImportOptions {
  /** IANA zone of the viewer: resolves ambiguous, unknown or missing zone labels in HTML dates. */
  viewerTimeZone: string;
  /** Largest input accepted, bytes as uploaded (compressed for a zip). Default 1 GiB. */
  maxBytes?: number;
  /** Largest total uncompressed size of the zip members imported. Default 4 GiB. */
  maxUncompressedBytes?: number;
  /** Largest uncompressed/compressed ratio of a zip member. Default 200. */
  maxRatio?: number;
  /** Events per store batch. Default 5000. */
  batchSize?: number;
  /** Clock, epoch ms, read once per import: entries later than now + `maxClockSkewMs` are skipped. Default Date.now. */
  now?: () => number;
  /** How far past now an entry may be dated, ms ≥ 0. Default 24 h (validate.ts). */
  maxClockSkewMs?: number;
  /** Called after every input chunk with the bytes read and records parsed so far. */
  onProgress?: (p: { bytes: number; records: number }) => void;
}

export interface ImportInput {
  stream: AsyncIterable<Uint8Array> | NodeJS.ReadableStream;
  /** Used in messages only; the format is sniffed from the content. */
  filename: string;
  /** Declared size in bytes, when known: rejects an oversized upload before reading it. */
  size?: number;
}

const GiB = 1024 ** 3;
/** Chunks are re-sliced to at most this size so one huge chunk cannot defeat the batch bound. */
const MAX_CHUNK = 1024 * 1024;
/** How far the sniffer reads looking for the first non-white-space byte. */
const MAX_LEADING_SPACE = 1024 * 1024;

/** The sink: classify → date → normalise → batch → store. */
class ImportRun implements EntrySink {
  private batch: WatchEvent[] = [];
  private readonly zones: ZoneResolver;
  activityRecords = 0;
  prefix = '';
  unit: 'record' | 'entry' = 'record';
  offsetUnit: 'byte' | 'char' = 'byte';

  constructor(
    private readonly session: ImportSession,
    private readonly viewerId: string,
    readonly report: ReportBuilder,
    private readonly batchSize: number,
    viewerTimeZone: string,
    private readonly rules: EventRules,
  ) {
    this.zones = new ZoneResolver(viewerTimeZone);
  }

  private position(index: number, offset: number): string {
    return `${this.prefix}${this.unit} ${index + 1} (${this.offsetUnit} ${offset})`;
  }

  entry(entry: TakeoutEntry, time: RawTime, index: number, offset: number): void {
    this.report.recordsRead++;
    this.activityRecords++;
    const c = classifyEntry(entry);
    if (!c.ok) {
      this.report.skip(c.reason, this.position(index, offset), c.detail);
      return;
    }
    let ts: ParsedTimestamp | null = null;
    if (time !== null) {
      if ('iso' in time) {
        const ms = parseIsoTime(time.iso);
        ts = ms === null ? null : { ms, format: 'ISO 8601', zone: null };
      } else ts = parseHtmlDate(time.html, this.zones);
    }
    c.raw.watchedAt = ts ? ts.ms : null;
    let event: WatchEvent;
    try {
      event = normalizeActivity(this.viewerId, c.raw, this.rules);
    } catch (err) {
      if (!(err instanceof InvalidActivityError)) throw err;
      // Counted under the rule's code (`date-in-future`, `foreign-video-url`, …) and nowhere else.
      this.report.skip(err.code, this.position(index, offset), `${err.field}: ${err.reason}`);
      return;
    }
    if (ts) this.report.timestamp(ts.format, ts.zone);
    else {
      const text = time === null ? 'no date' : `unparsable date ${JSON.stringify('iso' in time ? time.iso : time.html)}`;
      this.report.undatedRecord(this.position(index, offset), text);
    }
    this.report.event(event);
    this.batch.push(event);
  }

  skip(reason: SkipReason, index: number, offset: number, detail: string): void {
    this.report.recordsRead++;
    this.report.skip(reason, this.position(index, offset), detail);
  }

  async drain(): Promise<void> {
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const b = this.batch;
    this.batch = [];
    await this.session.addBatch(b);
  }
}

function positive(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !(v > 0)) throw new TypeError(`[ingest/takeout] expected ${name} > 0, got ${v}`);
  return v;
}

/** Byte counting, the size limit, progress and chunk re-slicing over the raw input. */
async function* metered(
  input: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw new ImportRejectedError('TOO_LARGE', `the input is larger than ${maxBytes} bytes`);
    for (let i = 0; i < chunk.byteLength; i += MAX_CHUNK) yield chunk.subarray(i, Math.min(chunk.byteLength, i + MAX_CHUNK));
    onBytes(bytes);
  }
}

type Format = 'zip' | 'json' | 'html';

/** Reads until the first meaningful byte, decides the format, and returns a stream that replays what it read. */
async function sniff(
  source: AsyncIterable<Uint8Array>,
  filename: string,
): Promise<{ format: Format; stream: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let length = 0;
  let first = -1;
  let buf = Buffer.alloc(0);
  while (first < 0) {
    const r = await it.next();
    if (r.done) break;
    head.push(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
    length += r.value.byteLength;
    buf = Buffer.concat(head, length);
    let i = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
    if (i < buf.length && buf.length >= 4) first = i;
    else if (buf.length > MAX_LEADING_SPACE) {
      await it.return?.();
      throw new ImportRejectedError(
        'UNSUPPORTED_FORMAT',
        `${filename}: only white space in the first ${MAX_LEADING_SPACE} bytes`,
      );
    }
  }
  const replay = async function* (): AsyncGenerator<Uint8Array> {
    if (length > 0) yield buf;
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.return?.();
    }
  };
  if (length === 0) throw new ImportRejectedError('EMPTY', `${filename} is empty`);
  if (first < 0) {
    // Fewer than 4 bytes, or only white space.
    const t = buf
      .toString('utf8')
      .trim()
      .replace(/^\uFEFF/, '');
    if (t === '') throw new ImportRejectedError('EMPTY', `${filename} contains only white space`);
    first = buf.indexOf(t.charCodeAt(0));
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    await it.return?.();
    throw new ImportRejectedError('NOT_UTF8', `${filename} is UTF-16; export it again or convert it to UTF-8`);
  }
  if (buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5) && (buf[3] === 4 || buf[3] === 6)) {
    return { format: 'zip', stream: replay() };
  }
  const c = buf[first];
  if (c === 0x5b) return { format: 'json', stream: replay() };
  if (c === 0x3c) return { format: 'html', stream: replay() };
  await it.return?.();
  if (c === 0x7b) throw new ImportRejectedError('NOT_TAKEOUT', `${filename} is a JSON object, not a Takeout activity array`);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, Math.min(buf.length, 4096)), { stream: true });
  } catch {
    throw new ImportRejectedError('NOT_UTF8', `${filename} is neither UTF-8 text nor a zip archive`);
  }
  throw new ImportRejectedError('UNSUPPORTED_FORMAT', `${filename} is not a Takeout watch history (.json, .html or .zip)`);
}

async function parseInto(format: 'json' | 'html', stream: AsyncIterable<Uint8Array>, run: ImportRun): Promise<void> {
  run.report.formats.add(format);
  run.unit = format === 'json' ? 'record' : 'entry';
  run.offsetUnit = format === 'json' ? 'byte' : 'char';
  const before = run.activityRecords;
  const recordsBefore = run.report.recordsRead;
  if (format === 'json') await parseJsonStream(stream, run);
  else await parseHtmlStream(stream, run);
  if (run.activityRecords === before && run.report.recordsRead > recordsBefore) {
    throw new ImportRejectedError('NOT_TAKEOUT', 'the JSON array holds no Takeout activity (no element has a "title")');
  }
}

/**
 * Imports a Takeout watch history (JSON, HTML or the Takeout zip) for `viewerId` in one store
 * import session and returns the report. Throws ImportRejectedError for bad input (the store is
 * left unchanged), TypeError for misuse, and store errors as they come (after aborting).
 */
export async function importTakeout(
  store: Store,
  viewerId: string,
  input: ImportInput,
  opts: ImportOptions,
): Promise<ImportReport> {
  if (typeof viewerId !== 'string' || viewerId === '')
    throw new TypeError(`[ingest/takeout] expected a viewer id, got ${String(viewerId)}`);
  if (!isValidTimeZone(opts.viewerTimeZone)) {
    throw new TypeError(`[ingest/takeout] expected an IANA viewerTimeZone, got ${String(opts.viewerTimeZone)}`);
  }
  const maxBytes = positive('maxBytes', opts.maxBytes, GiB);
  const limits = {
    maxUncompressedBytes: positive('maxUncompressedBytes', opts.maxUncompressedBytes, 4 * GiB),
    maxRatio: positive('maxRatio', opts.maxRatio, 200),
  };
  const batchSize = Math.floor(positive('batchSize', opts.batchSize, 5000));
  const rules: EventRules = { nowMs: (opts.now ?? Date.now)(), maxClockSkewMs: opts.maxClockSkewMs };
  clockSkewOf(rules);
  if (input.size !== undefined && input.size > maxBytes) {
    throw new ImportRejectedError('TOO_LARGE', `${input.filename} is ${input.size} bytes; the limit is ${maxBytes}`);
  }

  const report = new ReportBuilder(viewerId, opts.viewerTimeZone);
  const progress = () => opts.onProgress?.({ bytes: report.bytesRead, records: report.recordsRead });
  const raw = metered(input.stream as AsyncIterable<Uint8Array | string>, maxBytes, (b) => {
    report.bytesRead = b;
    progress();
  });
  const { format, stream } = await sniff(raw, input.filename);

  const session = await store.beginImport(viewerId);
  const run = new ImportRun(session, viewerId, report, batchSize, opts.viewerTimeZone, rules);
  let cleanup: (() => Promise<void>) | null = null;
  try {
    if (format === 'zip') {
      report.markZip();
      const spooled = await spool(stream);
      cleanup = spooled.cleanup;
      for await (const member of watchHistoryMembers(spooled.path, limits)) {
        report.files.push(member.name);
        run.prefix = `${member.name}: `;
        try {
          await parseInto(member.format, member.stream, run);
        } catch (err) {
          // One empty member of a split export is not fatal; an archive with no activity at all is.
          if (!(err instanceof ImportRejectedError && err.code === 'NO_ACTIVITY')) throw err;
        }
        progress();
      }
      if (report.recordsRead === 0) throw new ImportRejectedError('NO_ACTIVITY', 'the watch history in the archive is empty');
    } else {
      await parseInto(format, stream, run);
    }
    await run.flush();
    const result = await session.commit(report.stats());
    progress();
    return report.build(result);
  } catch (err) {
    await session.abort();
    throw err;
  } finally {
    await cleanup?.();
  }
}
