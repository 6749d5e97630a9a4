/**
 * Ingest benchmark: a generated 1 000 000-entry Takeout export in JSON and HTML (bench/out/,
 * git-ignored), each case in its own child process. JSON: time and peak RSS as ratios to
 * `JSON.parse(readFileSync(file))`. HTML: time as a ratio to one streaming regex pass counting
 * the entries, and entries per second. Targets: JSON ingest ≤ 1.5× JSON.parse time with lower
 * peak memory; HTML ≥ 100 000 entries/s. `BENCH_INGEST_ENTRIES` scales the export down.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ImportReport, importTakeout } from '../ingest/takeout.js';
import { createSqliteStore } from '../store/sqlite.js';
import type { CommitResult, ImportSession, Store } from '../store/types.js';
import { type BenchRow, printTable, summarise } from './lib.js';
import { htmlParts, jsonParts, writeFileFrom } from './support/takeout.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'out');
const ENTRIES = Number(process.env.BENCH_INGEST_ENTRIES ?? 1_000_000);

// ---------------------------------------------------------------------------------------
// Cases (each runs alone in a child process)

interface CaseResult {
  ms: number;
  /** User + system CPU time of the case: steadier than wall time on a shared machine. */
  cpuMs: number;
  maxRssBytes: number;
  count: number;
}

/** A store that accepts batches and forgets them: isolates parsing + normalisation. */
function discardingStore(): Store {
  let staged = 0;
  const session: ImportSession = {
    async addBatch(events) {
      staged += events.length;
    },
    async commit(): Promise<CommitResult> {
      return { added: staged, duplicates: 0, dataVersion: 1 };
    },
    async abort() {},
  };
  return { kind: 'sqlite', beginImport: async () => session } as unknown as Store;
}

async function ingest(path: string, store: Store): Promise<number> {
  const report: ImportReport = await importTakeout(
    store,
    'bench',
    { stream: createReadStream(path, { highWaterMark: 256 * 1024 }), filename: path },
    { viewerTimeZone: 'America/New_York', maxBytes: 8 * 1024 ** 3 },
  );
  return report.eventsParsed;
}

async function regexCount(path: string): Promise<number> {
  let n = 0;
  let carry = '';
  const re = /class="outer-cell/g;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
    const text = carry + (chunk as string);
    n += text.match(re)?.length ?? 0;
    // Keep a tail shorter than the pattern so a match across chunks is counted once.
    carry = text.slice(-16);
  }
  return n;
}

const CASES: Record<string, (file: string) => Promise<number>> = {
  'json.parse': async (file) => (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length,
  'ingest.parse-only': (file) => ingest(file, discardingStore()),
  'ingest.sqlite': async (file) => {
    const db = join(OUT, `bench-${process.pid}.db`);
    rmSync(db, { force: true });
    const store = createSqliteStore({ path: db });
    try {
      return await ingest(file, store);
    } finally {
      await store.close();
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
    }
  },
  'html.regex': regexCount,
};

async function runCase(name: string, file: string): Promise<void> {
  const fn = CASES[name];
  if (!fn) throw new TypeError(`[bench/ingest] unknown case ${name}`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const count = await fn(file);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const result: CaseResult = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    count,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function child(name: string, file: string): CaseResult {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), '--ingest-case', name, file],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`[bench/ingest] case ${name} failed (exit ${r.status ?? r.signal}): ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as CaseResult;
}

const rate = (count: number, ms: number) => `${Math.round(count / (ms / 1000)).toLocaleString('en-US')} entries/s`;

export async function run(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const jsonFile = join(OUT, `watch-history-${ENTRIES}.json`);
  const htmlFile = join(OUT, `watch-history-${ENTRIES}.html`);
  await writeFileFrom(jsonFile, jsonParts(ENTRIES));
  await writeFileFrom(htmlFile, htmlParts(ENTRIES));
  const mib = (p: string) => `${(statSync(p).size / 1024 ** 2).toFixed(0)} MiB`;
  process.stdout.write(`${ENTRIES.toLocaleString('en-US')} entries: JSON ${mib(jsonFile)}, HTML ${mib(htmlFile)}\n`);
  process.stdout.write('time ratios are wall clock (one run per case, each in a fresh child); CPU = user+system time ratio\n\n');

  const row = (name: string, c: CaseResult, base: CaseResult | null): BenchRow => ({
    name,
    timing: summarise([c.ms]),
    rssBytes: c.maxRssBytes,
    baseline: base === null,
    note: `${rate(c.count, c.ms)}, CPU ${base ? `${(c.cpuMs / base.cpuMs).toFixed(2)}×` : '1.00×'}, peak RSS ${(c.maxRssBytes / 1024 ** 2).toFixed(0)} MiB`,
  });

  const parse = child('json.parse', jsonFile);
  const jsonOnly = child('ingest.parse-only', jsonFile);
  const jsonStore = child('ingest.sqlite', jsonFile);
  printTable('JSON export (memory = peak RSS of the child process)', [
    row('JSON.parse(readFileSync(file))', parse, null),
    row('importTakeout, parse + normalise (no store)', jsonOnly, parse),
    row('importTakeout into SQLite (file)', jsonStore, parse),
  ]);
  process.stdout.write('target: importTakeout ≤ 1.50× JSON.parse time, memory < 1.00×\n\n');

  const regex = child('html.regex', htmlFile);
  const htmlOnly = child('ingest.parse-only', htmlFile);
  const htmlStore = child('ingest.sqlite', htmlFile);
  printTable('HTML export (memory = peak RSS of the child process)', [
    row('one streaming regex pass counting entries', regex, null),
    row('importTakeout, parse + normalise (no store)', htmlOnly, regex),
    row('importTakeout into SQLite (file)', htmlStore, regex),
  ]);
  process.stdout.write('target: HTML importTakeout ≥ 100,000 entries/s\n');
}

const caseIndex = process.argv.indexOf('--ingest-case');
if (caseIndex >= 0) {
  runCase(process.argv[caseIndex + 1] ?? '', process.argv[caseIndex + 2] ?? '').catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
