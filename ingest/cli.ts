/**
 * `npm run import -- <file> [options]` (options in cli-args.ts): imports a Takeout export
 * (.json, .html or .zip) into the SQLite store, with a progress bar on stderr when it is a
 * terminal, and prints the report. Exit codes: 0 imported, 1 rejected/failed, 2 usage.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { type ImportArgs, parseImportArgs, USAGE } from './cli-args.js';
import { ImportRejectedError, type ImportReport, importTakeout } from './takeout.js';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** A one-line progress bar, redrawn at most 10 times a second. */
function progressBar(total: number): { update: (p: { bytes: number; records: number }) => void; done: () => void } {
  const start = performance.now();
  let last = 0;
  const draw = (p: { bytes: number; records: number }) => {
    const secs = Math.max(0.001, (performance.now() - start) / 1000);
    const frac = total > 0 ? Math.min(1, p.bytes / total) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%`;
    const line = `${bar} ${mb(p.bytes)}/${mb(total)} MB  ${mb(p.bytes / secs)} MB/s  ${p.records} records  ${Math.round(p.records / secs)} rec/s`;
    process.stderr.write(`\r${line}\u001b[K`);
  };
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      draw(p);
    },
    done() {
      process.stderr.write('\n');
    },
  };
}

function summary(r: ImportReport): string {
  const iso = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString());
  const lines = [
    `source            ${r.source}${r.files.length ? ` (${r.files.join(', ')})` : ''}`,
    `records read      ${r.recordsRead}`,
    `events added      ${r.eventsAdded}`,
    `duplicates        ${r.duplicates}`,
    `skipped           ${r.skipped.total}`,
    ...Object.entries(r.skipped.byReason).map(
      ([reason, s]) => `  ${reason.padEnd(16)}${s.count}  e.g. ${s.samples[0]?.position ?? ''}: ${s.samples[0]?.detail ?? ''}`,
    ),
    `undated           ${r.undated.count}`,
    `by kind           ${Object.entries(r.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `by product        ${Object.entries(r.byProduct)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `ads               ${r.ads}`,
    `timestamp formats ${
      Object.entries(r.timestampFormats)
        .map(([k, n]) => `"${k}" ${n}`)
        .join(', ') || '—'
    }`,
    `time zones        ${
      Object.entries(r.timeZoneAbbreviations)
        .map(
          ([k, z]) =>
            `${k} ${z.count} (${z.assumedOffsetMinutes === null ? `viewer zone ${r.viewerTimeZone}` : `${z.assumedOffsetMinutes} min`})`,
        )
        .join(', ') || '—'
    }`,
    `ambiguous zones   ${r.ambiguousTimeZones}`,
    `first / last      ${iso(r.firstWatchedAt)} / ${iso(r.lastWatchedAt)}`,
    `data version      ${r.dataVersion}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** What a caller above `ingest/` adds to the CLI (precompute after a commit: see the top-level import.ts). */
export interface CliHooks {
  afterImport?: (store: Store, viewerId: string, report: ImportReport) => Promise<void>;
}

/** Parses `argv` and runs the CLI; resolves to the exit code (0 imported or help, 1 rejected or failed, 2 usage). */
export async function main(argv: string[], hooks: CliHooks = {}): Promise<number> {
  const args = parseImportArgs(argv);
  if (args.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`error: ${args.message}\n${USAGE}`);
    return 2;
  }
  return runImport(args, hooks);
}

/** Imports `args.file`; resolves to the exit code (0 imported, 1 rejected or failed). */
export async function runImport(args: ImportArgs, hooks: CliHooks = {}): Promise<number> {
  let size: number;
  try {
    size = statSync(args.file).size;
  } catch (err) {
    process.stderr.write(`error: cannot read ${args.file}: ${(err as Error).message}\n`);
    return 1;
  }
  let store: Store | null = null;
  const bar = process.stderr.isTTY ? progressBar(size) : null;
  try {
    store = createSqliteStore({ path: args.db });
    const viewer = await store.ensureViewer(args.viewer);
    const report = await importTakeout(
      store,
      args.viewer,
      { stream: createReadStream(args.file, { highWaterMark: 256 * 1024 }), filename: basename(args.file), size },
      { viewerTimeZone: args.timeZone ?? viewer.timeZone, onProgress: bar?.update },
    );
    bar?.done();
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : summary(report));
    await hooks.afterImport?.(store, args.viewer, report);
    return 0;
  } catch (err) {
    bar?.done();
    if (err instanceof ImportRejectedError) {
      process.stderr.write(`error: import rejected (${err.code}): ${err.detail}\nThe store is unchanged.\n`);
    } else {
      process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    return 1;
  } finally {
    await store?.close();
  }
}

// Run directly (`tsx ingest/cli.ts`), not when imported by the top-level import.ts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await main(process.argv.slice(2));
