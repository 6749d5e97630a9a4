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
/** Bytes inflated from a member of unknown name to decide whether it is a watch history. */
const SNIFF_BYTES = 64 * 1024;
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

/** A member of unknown name is a watch history when its start looks like a Takeout activity list with watch links. */
function looksLikeWatchHistory(head: string, format: 'json' | 'html'): boolean {
  const watchLink = /watch\?v(?:=|\\u003d)/i.test(head);
  if (format === 'json') return watchLink && /^\s*\[/.test(head.replace(/^\uFEFF/, '')) && head.includes('"titleUrl"');
  return watchLink && head.includes('content-cell');
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
      // Localised file names: sniff every .json/.html member's first bytes.
      chosen = [];
      for (const e of files.filter((f) => CANDIDATE.test(base(f)))) {
        checkDeclared(e, limits);
        const parts: Buffer[] = [];
        for await (const c of budget.inflate(zf, e, SNIFF_BYTES)) parts.push(Buffer.from(c));
        if (looksLikeWatchHistory(Buffer.concat(parts).subarray(0, SNIFF_BYTES).toString('utf8'), formatOf(e.fileName)))
          chosen.push(e);
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
