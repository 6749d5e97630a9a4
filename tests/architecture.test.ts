/**
 * The layering of ../shared/ARCHITECTURE.md, checked on the source: arrows point one way
 * (schema → resolvers → cache/precompute → store), and nothing below resolvers/ knows GraphQL.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === '_generated' || name === 'node_modules') return [];
    return statSync(join(ROOT, path)).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] as string,
  );

/** Top-level folder a relative import of `file` lands in (null for packages). */
const targetFolder = (file: string, spec: string): string | null =>
  spec.startsWith('.') ? (relative(ROOT, join(ROOT, file, '..', spec)).split('/')[0] ?? null) : null;

// runtime/ (worker threads, event-loop plumbing) sits below everything, like domain/.
const RULES: Record<string, string[]> = {
  domain: [],
  runtime: [],
  store: ['domain', 'runtime', 'store', 'convex'],
  ingest: ['domain', 'runtime', 'store', 'ingest'],
  cache: ['domain', 'runtime', 'store', 'cache'],
  precompute: ['domain', 'runtime', 'store', 'cache', 'precompute'],
  resolvers: ['domain', 'runtime', 'store', 'cache', 'precompute', 'ingest', 'resolvers'],
  convex: ['convex'],
};
const GRAPHQL = /^(graphql|graphql-yoga|graphql-jit|@pothos\/|@envelop\/)/;

describe('architecture', () => {
  for (const [folder, allowed] of Object.entries(RULES)) {
    it(`${folder}/ imports only ${allowed.join(', ') || 'itself'}`, () => {
      const bad = sources(folder).flatMap((file) =>
        importsOf(file)
          .map((spec) => ({ spec, to: targetFolder(file, spec) }))
          .filter(({ to }) => to !== null && to !== folder && !allowed.includes(to))
          .map(({ spec }) => `${file} → ${spec}`),
      );
      expect(bad).toEqual([]);
    });
  }

  it('precompute/engine/ is pure: it imports only domain/ and itself, and no package', () => {
    const engine = join(ROOT, 'precompute/engine');
    const bad = sources('precompute/engine').flatMap((file) =>
      importsOf(file)
        .filter((spec) => {
          if (spec.startsWith('node:')) return true;
          if (!spec.startsWith('.')) return true;
          const target = join(ROOT, file, '..', spec);
          return !target.startsWith(`${engine}/`) && !target.startsWith(join(ROOT, 'domain/'));
        })
        .map((spec) => `${file} → ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('nothing in domain/, store/, ingest/, cache/ or precompute/ imports GraphQL', () => {
    const bad = ['domain', 'store', 'ingest', 'cache', 'precompute'].flatMap((folder) =>
      sources(folder).flatMap((file) =>
        importsOf(file)
          .filter((spec) => GRAPHQL.test(spec))
          .map((spec) => `${file} → ${spec}`),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('schema/builder.ts defines no types and schema/index.ts exports only the schema', () => {
    const builder = readFileSync(join(ROOT, 'schema/builder.ts'), 'utf8');
    expect(builder).not.toMatch(/\.(objectRef|objectType|inputType|enumType|unionType)\(/);
    const index = readFileSync(join(ROOT, 'schema/index.ts'), 'utf8');
    expect(index.match(/^export /gm)).toEqual(['export ']);
  });
});
