/**
 * The page's trusted documents (web/src/gql/persisted-documents.json, written by the client
 * preset): each id is the sha256 of its text, each document is valid against the schema, is one
 * operation, and stays small (depth, aliases, directives, tokens), so the gateway's limits can
 * accept it with margin. The figures are printed for whoever sizes those limits.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ASTNode, type DocumentNode, Kind, parse, type SelectionSetNode, validate, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';

const manifest = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../web/src/gql/persisted-documents.json'), 'utf8'),
) as Record<string, string>;

/** Field depth of the deepest selection, fragments inlined. */
function depthOf(doc: DocumentNode): number {
  const fragments = new Map(
    doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])),
  );
  const walk = (set: SelectionSetNode): number =>
    Math.max(
      0,
      ...set.selections.map((s) =>
        s.kind === Kind.FIELD
          ? 1 + (s.selectionSet ? walk(s.selectionSet) : 0)
          : s.kind === Kind.INLINE_FRAGMENT
            ? walk(s.selectionSet)
            : walk(fragments.get(s.name.value) as SelectionSetNode),
      ),
    );
  return Math.max(...doc.definitions.map((d) => (d.kind === Kind.OPERATION_DEFINITION ? walk(d.selectionSet) : 0)));
}

const operationName = (text: string): string | undefined =>
  parse(text).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : []))[0];

const count = (doc: DocumentNode, test: (node: ASTNode) => boolean): number => {
  let n = 0;
  visit(doc, {
    enter(node) {
      if (test(node)) n++;
    },
  });
  return n;
};

describe('the page’s trusted documents', () => {
  const entries = Object.entries(manifest);

  it('exist for every operation of the page', () => {
    const names = entries.map(([, text]) => operationName(text)).sort();
    expect(names).toEqual(
      [
        'ChannelEvolutionPanelQuery',
        'ChannelMetricsPanelQuery',
        'ChannelSearch',
        'Dashboard',
        'DataVersion',
        'ImportTakeout',
        'SessionsPanelQuery',
        'TimeSeriesPanelQuery',
        'ViewerChanged',
      ].sort(),
    );
  });

  for (const [id, text] of entries) {
    const doc = parse(text);
    const name = operationName(text);
    it(`${name}: id = sha256 of the text, valid, one operation, small`, () => {
      expect(id).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
      expect(validate(schema, doc)).toEqual([]);
      expect(doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)).toHaveLength(1);
      const figures = {
        depth: depthOf(doc),
        aliases: count(doc, (n) => n.kind === Kind.FIELD && n.alias !== undefined),
        directives: count(doc, (n) => n.kind === Kind.DIRECTIVE),
        fields: count(doc, (n) => n.kind === Kind.FIELD),
        bytes: Buffer.byteLength(text),
      };
      process.stdout.write(`[web documents] ${name} ${JSON.stringify(figures)}\n`);
      expect(figures.depth).toBeLessThanOrEqual(8);
      expect(figures.aliases).toBe(0);
      expect(figures.directives).toBe(0);
      expect(figures.bytes).toBeLessThan(8_000);
    });
  }
});
