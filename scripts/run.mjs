/**
 * `node scripts/run.mjs <main|worker|import> [args…]`: runs the compiled entry point from
 * dist/, building first when a source is newer than the build (so `npm start` works on a fresh
 * clone and after an edit). One process: the check costs a few milliseconds.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, buildWeb, DIST, isStale, isWebStale } from './build.mjs';

const ENTRIES = new Set(['main', 'worker', 'import']);
const [name, ...rest] = process.argv.slice(2);
if (!ENTRIES.has(name)) {
  process.stderr.write(`usage: node scripts/run.mjs <${[...ENTRIES].join('|')}> [args…]\n`);
  process.exit(2);
}
try {
  if (isStale()) await build({ quiet: name === 'import' });
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
// The page is the gateway's only: an out-of-date page is rebuilt, but the API runs without one.
if (name === 'main' && isWebStale()) {
  await buildWeb().catch((err) => process.stderr.write(`${err.message}\n(the dashboard page at / is not rebuilt)\n`));
}
// The entry point reads process.argv like it would when run directly: node dist/<name>.js args…
process.argv = [process.argv[0], join(DIST, `${name}.js`), ...rest];
await import(pathToFileURL(join(DIST, `${name}.js`)).href);
