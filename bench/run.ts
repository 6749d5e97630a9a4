/**
 * Runs benchmarks by name, each in its own child process (no JIT or heap state shared):
 * `npx tsx bench/run.ts engine [other …]`. A benchmark is one file `bench/<name>.ts`
 * exporting `async function run(): Promise<void>` that prints its tables.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const NOT_BENCHMARKS = new Set(['lib', 'run']);
const NAME_RE = /^[a-z][a-z0-9-]*$/;

/** Benchmark names available in bench/ (every `<name>.ts` but the harness itself). */
function availableBenchmarks(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .filter((n) => NAME_RE.test(n) && !NOT_BENCHMARKS.has(n))
    .sort();
}

async function runChild(name: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(BENCH_DIR, `${name}.ts`)).href)) as { run?: unknown };
  if (typeof mod.run !== 'function')
    throw new TypeError(`[bench/run] expected bench/${name}.ts to export async function run(), got ${typeof mod.run}`);
  await (mod.run as () => Promise<void>)();
}

function main(argv: string[]): number {
  const names = argv.filter((a) => !a.startsWith('-'));
  const available = availableBenchmarks();
  if (names.length === 0) {
    process.stderr.write(`usage: tsx bench/run.ts <benchmark …>\navailable: ${available.join(', ') || '(none)'}\n`);
    return 2;
  }
  const unknown = names.filter((n) => !NAME_RE.test(n) || NOT_BENCHMARKS.has(n) || !existsSync(join(BENCH_DIR, `${n}.ts`)));
  if (unknown.length > 0) {
    process.stderr.write(`[bench/run] unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
    return 2;
  }
  let failed = 0;
  for (const name of names) {
    process.stdout.write(`\n# ${name}\n\n`);
    // --expose-gc lets lib.ts collect between runs; a large old space because 10⁶ events are a few GB.
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', name],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) {
      failed++;
      process.stderr.write(`[bench/run] ${name} failed (exit ${child.status ?? child.signal})\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  const name = process.argv[childIndex + 1] ?? '';
  runChild(name).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  process.exitCode = main(process.argv.slice(2));
}
