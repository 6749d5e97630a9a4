/**
 * The compiled build (`npm run build`): it compiles, its entry points run from JavaScript, and
 * it needs nothing but production dependencies, so `npm ci && npm run build && npm prune
 * --omit=dev` gives a working install.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { build, ROOT } from '../../scripts/build.mjs';

const outdir = join(ROOT, '.build-test', `dist-${process.pid}`);
const data = mkdtempSync(join(tmpdir(), 'wg-build-'));

beforeAll(async () => {
  await build({ quiet: true, outdir });
}, 60_000);
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

const jsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? jsFiles(join(dir, d.name)) : d.name.endsWith('.js') ? [join(dir, d.name)] : [],
  );

/** Package name of a bare specifier (`@scope/pkg/sub` → `@scope/pkg`), null for relative and node built-ins. */
const packageOf = (spec: string): string | null => {
  if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec)) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
};

describe('npm run build', () => {
  it('imports only production dependencies at run time', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const used = new Set<string>();
    for (const file of jsFiles(outdir)) {
      const src = readFileSync(file, 'utf8');
      // Static imports/exports and dynamic import('…'); type-only imports are erased by the build.
      for (const m of src.matchAll(
        /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm,
      )) {
        const name = packageOf((m[1] ?? m[2]) as string);
        if (name) used.add(name);
      }
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((name) => !(name in pkg.dependencies)).sort()).toEqual([]);
  });

  it('the import CLI answers --help from the build at once, exit 0, listing its options', () => {
    const r = spawnSync(process.execPath, [join(outdir, 'import.js'), '--help'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    for (const option of ['--viewer', '--time-zone', '--db', '--json']) expect(r.stdout).toContain(option);
    const bad = spawnSync(process.execPath, [join(outdir, 'import.js'), '--frobnicate'], { encoding: 'utf8', timeout: 20_000 });
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('unknown option --frobnicate')]);
  });

  it('the gateway starts from the build on embedded defaults and becomes ready', async () => {
    const child = spawn(process.execPath, [join(outdir, 'main.js')], {
      env: {
        ...process.env,
        PORT: '0',
        WATCHGRAPH_DB: join(data, 'wg.db'),
        DEMO_EVENTS: '300',
        REDIS_URL: '',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let log = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no server.listening within 20 s:\n${log}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          log += d.toString();
          const m = /"event":"server\.listening","url":"([^"]+)"/.exec(log);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${log}`)));
      });
      const base = new URL(url).origin;
      await expect.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 20_000 }).toBe(200);
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ viewer { dataVersion } }' }),
      });
      expect(await res.json()).toMatchObject({ data: { viewer: { dataVersion: 1 } } });
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
