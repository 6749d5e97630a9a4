/**
 * Takeout `.zip` support: spool the upload to a temp file (yauzl needs the central directory),
 * find the watch-history member(s) whatever the localised folder names, and inflate them with
 * size and ratio limits enforced while inflating — a zip bomb is rejected, never inflated.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { ImportRejectedError } from './sink.js';

export interface ZipLimits {
  /** Total uncompressed bytes accepted over the imported members. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of one member (checked after its first MiB). */
  maxRatio: number;
}

/** A member is judged by ratio only past this size, so tiny well-compressed files pass. */
const RATIO_GRACE_BYTES = 1024 * 1024;
/**
 * Most bytes inflated from a member of unknown name looking for its first entry: real HTML
 * exports carry ~141 KB of inline CSS before it, so a fixed 64 KiB missed them.
 */
const SNIFF_MAX_BYTES = 4 * 1024 * 1024;
const MAX_ENTRIES = 200_000;

/** Basenames Takeout gives the watch history (`watch-history.json`, split exports `watch-history(1).html`). */
const KNOWN_NAME = /^watch-history(?:\s*\(\d+\)|-\d+)?\.(json|html?)$/i;
const CANDIDATE = /\.(json|html?)$/i;

export interface ZipMember {
  name: string;
  format: 'json' | 'html';
  stream: AsyncIterable<Uint8Array>;
}

/** Writes `source` to a new temp file; the caller must call `cleanup`. */
export async function spool(source: AsyncIterable<Uint8Array>): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'watchgraph-import-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload.zip');
  try {
    const fh = await open(path, 'w');
    try {
      for await (const chunk of source) await fh.write(chunk);
    } finally {
      await fh.close();
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { path, cleanup };
}

const openZip = (path: string): Promise<yauzl.ZipFile> =>
  new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zf) =>
      err ? reject(err) : resolve(zf),
    );
  });

function readEntries(zf: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zf.on('entry', (e: yauzl.Entry) => {
      if (out.length >= MAX_ENTRIES) {
        reject(new ImportRejectedError('ZIP_BOMB', `the archive has more than ${MAX_ENTRIES} entries`));
        return;
      }
      out.push(e);
      zf.readEntry();
    });
    zf.once('end', () => resolve(out));
    zf.once('error', reject);
    zf.readEntry();
  });
}

const openStream = (zf: yauzl.ZipFile, e: yauzl.Entry): Promise<NodeJS.ReadableStream> =>
  new Promise((resolve, reject) => zf.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s))));

function zipError(err: unknown): Error {
  if (err instanceof ImportRejectedError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  if (/central directory|end of central|unexpected EOF/i.test(msg))
    return new ImportRejectedError('TRUNCATED', `the zip is incomplete: ${msg}`);
  if (/too many bytes|size mismatch|expected .* bytes/i.test(msg))
    return new ImportRejectedError('ZIP_BOMB', `a member's size does not match its header: ${msg}`);
  return new ImportRejectedError('UNSUPPORTED_FORMAT', `unreadable zip: ${msg}`);
}

/** Budget shared by every member inflated from one archive. */
class InflateBudget {
  used = 0;
  constructor(readonly limits: ZipLimits) {}

  async *inflate(zf: yauzl.ZipFile, e: yauzl.Entry, stopAfter = Number.POSITIVE_INFINITY): AsyncGenerator<Uint8Array> {
    const stream = await openStream(zf, e).catch((err) => {
      throw zipError(err);
    });
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        this.used += chunk.length;
        if (this.used > this.limits.maxUncompressedBytes) {
          throw new ImportRejectedError(
            'ZIP_BOMB',
            `inflating exceeds the limit of ${this.limits.maxUncompressedBytes} uncompressed bytes`,
          );
        }
        if (bytes > RATIO_GRACE_BYTES && bytes / Math.max(1, e.compressedSize) > this.limits.maxRatio) {
          throw new ImportRejectedError(
            'ZIP_BOMB',
            `${e.fileName} inflates more than ${this.limits.maxRatio}× its compressed size`,
          );
        }
        yield chunk;
        if (bytes >= stopAfter) return;
      }
    } catch (err) {
      throw zipError(err);
    } finally {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    }
  }
}

function checkDeclared(e: yauzl.Entry, limits: ZipLimits): void {
  if (e.uncompressedSize > limits.maxUncompressedBytes) {
    throw new ImportRejectedError(
      'ZIP_BOMB',
      `${e.fileName} declares ${e.uncompressedSize} uncompressed bytes (limit ${limits.maxUncompressedBytes})`,
    );
  }
  if (e.uncompressedSize > RATIO_GRACE_BYTES && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio) {
    throw new ImportRejectedError('ZIP_BOMB', `${e.fileName} declares a compression ratio over ${limits.maxRatio}`);
  }
}

const formatOf = (name: string): 'json' | 'html' => (/\.json$/i.test(name) ? 'json' : 'html');

const WATCH_LINK = /watch\?v(?:=|\\u003d)/i;
/** Chars kept from the previous chunk so a marker split across two chunks is still seen. */
const SNIFF_OVERLAP = 32;
const BOM_LATIN1 = '\u00ef\u00bb\u00bf';

/**
 * Decides, from a member's bytes fed in order, whether it is a watch history: a Takeout
 * activity list (a JSON array with "titleUrl" keys, or HTML content cells) with watch links,
 * wherever its first entry starts. Markers are ASCII, so bytes are read as latin1.
 */
export class HistorySniffer {
  private tail = '';
  private started = false;
  private link = false;
  private marker = false;
  /** True or false once decided; null while more bytes could decide. */
  verdict: boolean | null = null;

  constructor(private readonly format: 'json' | 'html') {}

  /** Feeds the next bytes; returns the verdict so far. */
  push(chunk: Uint8Array): boolean | null {
    if (this.verdict !== null) return this.verdict;
    const text = this.tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    if (this.format === 'json' && !this.started) {
      // The first meaningful char must open the array (after a UTF-8 BOM, read as latin1).
      const lead = /^(?:\u00ef\u00bb\u00bf)?\s*/.exec(text)![0].length;
      if (lead === text.length || (text.length < 3 && BOM_LATIN1.startsWith(text))) {
        this.tail = lead === text.length ? '' : text;
        return null;
      }
      this.started = true;
      if (text[lead] !== '[') {
        this.verdict = false;
        return false;
      }
    }
    this.link ||= WATCH_LINK.test(text);
    this.marker ||= text.includes(this.format === 'json' ? '"titleUrl"' : 'content-cell');
    if (this.link && this.marker) {
      this.verdict = true;
      return true;
    }
    this.tail = text.slice(-SNIFF_OVERLAP);
    return null;
  }

  /** No more bytes: undecided means no. */
  end(): boolean {
    this.verdict ??= false;
    return this.verdict;
  }
}

/**
 * Opens the zip at `path` and yields its watch-history members, in archive order. Throws
 * ImportRejectedError: ZIP_NO_HISTORY, ZIP_BOMB (declared or actual size/ratio over the limits),
 * TRUNCATED / UNSUPPORTED_FORMAT for unreadable archives.
 */
export async function* watchHistoryMembers(path: string, limits: ZipLimits): AsyncGenerator<ZipMember> {
  let zf: yauzl.ZipFile;
  try {
    zf = await openZip(path);
  } catch (err) {
    throw zipError(err);
  }
  try {
    const entries = await readEntries(zf).catch((err) => {
      throw zipError(err);
    });
    const files = entries.filter((e) => !e.fileName.endsWith('/'));
    const base = (e: yauzl.Entry) => e.fileName.slice(e.fileName.lastIndexOf('/') + 1);
    let chosen = files.filter((e) => KNOWN_NAME.test(base(e)));
    const budget = new InflateBudget(limits);
    if (chosen.length === 0) {
      // Localised file names: read every .json/.html member until its content decides (at most
      // SNIFF_MAX_BYTES each; the budget and ratio limits apply while sniffing too).
      chosen = [];
      for (const e of files.filter((f) => CANDIDATE.test(base(f)))) {
        checkDeclared(e, limits);
        const sniffer = new HistorySniffer(formatOf(e.fileName));
        for await (const c of budget.inflate(zf, e, SNIFF_MAX_BYTES)) if (sniffer.push(c) !== null) break;
        if (sniffer.end()) chosen.push(e);
      }
      budget.used = 0;
    }
    if (chosen.length === 0) {
      throw new ImportRejectedError('ZIP_NO_HISTORY', `no watch history among the ${files.length} files of the archive`);
    }
    let declared = 0;
    for (const e of chosen) {
      checkDeclared(e, limits);
      declared += e.uncompressedSize;
    }
    if (declared > limits.maxUncompressedBytes) {
      throw new ImportRejectedError(
        'ZIP_BOMB',
        `the watch-history members declare ${declared} bytes (limit ${limits.maxUncompressedBytes})`,
      );
    }
    for (const e of chosen) yield { name: e.fileName, format: formatOf(e.fileName), stream: budget.inflate(zf, e) };
  } finally {
    zf.close();
  }
}
