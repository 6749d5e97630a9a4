/**
 * `npm run build`: compiles the server, worker and CLI sources to JavaScript in `dist/`, one
 * output file per source file (same tree, so worker-thread entry points resolve the same way
 * in the sources and in the build). esbuild, not tsc: it transpiles the whole tree in well
 * under a second; types are checked separately (`npm run typecheck`, in CI). Then the dashboard
 * page (`web/`, Vite) into `dist/web/`, which the gateway serves as static files.
 *
 * `--if-stale` builds only what a newer source makes stale (server and page apart); `--if-available`
 * (the `prepare` hook of npm install) skips quietly when esbuild or Vite is not installed.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
/** Committed manifests copied into a build, as dist/manifests/<name>. */
const MANIFESTS = [
  ['web/src/gql/persisted-documents.json', 'web.json'],
  ['schema/trusted-documents.json', 'shipped.json'],
];
export const WEB_SRC = join(ROOT, 'web');
export const WEB_DIST = join(DIST, 'web');
/** What the running gateway, worker and CLI need; tests, benchmarks and the web page are not part of it. */
const ENTRY_FILES = ['main.ts', 'worker.ts', 'import.ts'];
const SOURCE_DIRS = [
  'runtime',
  'server',
  'schema',
  'resolvers',
  'precompute',
  'cache',
  'store',
  'ingest',
  'domain',
  'demo',
  'convex',
];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : walk(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every source file of the build. */
export function sourceFiles() {
  return [...ENTRY_FILES.map((f) => join(ROOT, f)), ...SOURCE_DIRS.flatMap((d) => walk(join(ROOT, d)))];
}

/** True when dist/ is missing or older than a source file (or package.json). */
export function isStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return [...sourceFiles(), join(ROOT, 'package.json')].some((f) => statSync(f).mtimeMs > built);
}

/** Every file the page is built from (sources, index.html, public/, its Vite config). */
export function webSourceFiles() {
  const all = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? (d.name === 'node_modules' ? [] : all(join(dir, d.name))) : [join(dir, d.name)],
    );
  return existsSync(WEB_SRC) ? all(WEB_SRC) : [];
}

/** True when dist/web/ is missing or older than a file of web/ (or package.json). */
export function isWebStale(outDir = WEB_DIST) {
  const stamp = join(outDir, '.build-stamp');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return [...webSourceFiles(), join(ROOT, 'package.json')].some((f) => statSync(f).mtimeMs > built);
}

/** Builds the dashboard page with Vite into `outDir` (default dist/web/); throws when Vite is missing or the build fails. */
export async function buildWeb({ quiet = false, outDir = WEB_DIST } = {}) {
  const t0 = performance.now();
  let vite;
  try {
    vite = await import('vite');
  } catch {
    throw new Error(
      '[scripts/build] vite is not installed (a production install without dev dependencies?): build before `npm prune --omit=dev`',
    );
  }
  const config = (await import(pathToFileURL(join(WEB_SRC, 'vite.config.mjs')).href)).default;
  await vite.build({ ...config, build: { ...config.build, outDir } });
  writeFileSync(join(outDir, '.build-stamp'), `${new Date().toISOString()}\n`);
  if (!quiet) {
    process.stderr.write(`build: web page → ${relative(ROOT, outDir)}/ in ${Math.round(performance.now() - t0)} ms\n`);
  }
}

/** Compiles every source file to `outdir` (default dist/, whose web/ is left alone); throws on a syntax error. */
export async function build({ quiet = false, outdir = DIST } = {}) {
  const t0 = performance.now();
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error(
      '[scripts/build] esbuild is not installed (a production install without dev dependencies?): build before `npm prune --omit=dev`',
    );
  }
  // The page has its own build (buildWeb) and stamp: keep it.
  if (existsSync(outdir)) {
    for (const name of readdirSync(outdir)) if (name !== 'web') rmSync(join(outdir, name), { recursive: true, force: true });
  }
  const files = sourceFiles();
  await esbuild.build({
    entryPoints: files,
    outdir,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    bundle: false,
    logLevel: 'warning',
  });
  mkdirSync(outdir, { recursive: true });
  // The trusted-documents manifests go with the code: a build runs on its own (server/trusted-documents.ts).
  mkdirSync(join(outdir, 'manifests'), { recursive: true });
  for (const [from, to] of MANIFESTS) copyFileSync(join(ROOT, from), join(outdir, 'manifests', to));
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(outdir, '.build-stamp'), `${new Date().toISOString()}\n`);
  if (!quiet) {
    process.stderr.write(
      `build: ${files.length} files → ${relative(ROOT, outdir)}/ in ${Math.round(performance.now() - t0)} ms\n`,
    );
  }
}

const installed = (name) =>
  import(name).then(
    () => true,
    () => false,
  );

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    const ifAvailable = process.argv.includes('--if-available');
    if (ifAvailable && !(await installed('esbuild'))) process.exit(0);
    if (!ifStale || isStale()) await build();
    if (!(ifAvailable && !(await installed('vite'))) && (!ifStale || isWebStale())) await buildWeb();
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
