/**
 * graphql-codegen: writes `schema/schema.graphql` from the live Pothos schema (no SDL is
 * hand-written), typed documents for the operations in `tests/documents/`, and the web page's
 * typed client (`web/src/gql/`, client preset) with its persisted-documents manifest
 * (`web/src/gql/persisted-documents.json`: `sha256:<hex>` → document, the trusted documents).
 * The other shipped operations (`tests/documents/`, the GraphiQL default of `server/dashboard.ts`)
 * get the same kind of manifest, `schema/trusted-documents.json`, hashed exactly like the client
 * preset's (normalised print, sha256), so one loader (server/trusted-documents.ts) merges both.
 * `npm run codegen:check` regenerates and fails when the committed files differ.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  printSchema,
  visit,
} from 'graphql';
import { schema } from './schema/index.js';

const sdl = printSchema(schema);

const scalars = { DateTime: 'string', LocalDate: 'string', TimeZone: 'string', YearMonth: 'string', File: 'File' };

/** Fragments an operation spreads, transitively (what the client preset puts in its document). */
function fragmentsOf(op: OperationDefinitionNode, all: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = all.get(name);
        if (!fragment || seen.has(name)) return;
        seen.set(name, fragment);
        walk(fragment);
      },
    });
  walk(op);
  return [...seen.values()];
}

/**
 * `sha256:<hex>` → normalised document, one entry per operation (with its fragments). The print
 * is the client preset's (`printExecutableGraphQLDocument`: sorted, minimal whitespace), so an
 * operation has the same id whichever manifest it comes from.
 */
const trustedDocumentsManifest: CodegenPlugin = {
  plugin(_schema, documents) {
    const definitions = documents.flatMap((d) => d.document?.definitions ?? []);
    const fragments = new Map(
      definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    const entries: [string, string][] = [];
    for (const op of definitions) {
      if (op.kind !== Kind.OPERATION_DEFINITION) continue;
      const doc: DocumentNode = { kind: Kind.DOCUMENT, definitions: [op, ...fragmentsOf(op, fragments)] };
      const text = printExecutableGraphQLDocument(doc);
      entries.push([`sha256:${createHash('sha256').update(text).digest('hex')}`, text]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
  },
};

const TRUSTED_MANIFEST_PLUGIN = 'watchgraph-trusted-documents-manifest';
// The CLI's own loader (resolve from the project, then import); ours answers for the local plugin.
const requireHere = createRequire(join(process.cwd(), '__codegen.js'));
const pluginLoader = async (name: string): Promise<CodegenPlugin> => {
  if (name.endsWith(TRUSTED_MANIFEST_PLUGIN)) return trustedDocumentsManifest;
  return (await import(pathToFileURL(requireHere.resolve(name)).href)) as CodegenPlugin;
};

const config: CodegenConfig = {
  schema: sdl,
  ignoreNoDocuments: false,
  pluginLoader,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false } },
    'tests/generated/graphql.ts': {
      documents: ['tests/documents/*.graphql', 'server/dashboard.ts'],
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars,
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
    // The trusted documents of everything shipped besides the page (the page's are in web/src/gql).
    'schema/trusted-documents.json': {
      documents: ['tests/documents/*.graphql', 'server/dashboard.ts'],
      plugins: [TRUSTED_MANIFEST_PLUGIN],
    },
    // The page's client: documents next to the components (`graphql(`…`)`), fragments per
    // panel. String documents (no `graphql` runtime in the bundle); every document carries its
    // `sha256:` id, so the client can send the id instead of the text.
    'web/src/gql/': {
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
      preset: 'client',
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        documentMode: 'string',
        scalars,
        enumsAsTypes: true,
        useTypeImports: true,
        emitLegacyCommonJSImports: false,
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
  },
};

export default config;
