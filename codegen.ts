/**
 * graphql-codegen: writes `schema/schema.graphql` from the live Pothos schema (no SDL is
 * hand-written), typed documents for the operations in `tests/documents/`, and the web page's
 * typed client (`web/src/gql/`, client preset) with its persisted-documents manifest
 * (`web/src/gql/persisted-documents.json`: `sha256:<hex>` → document, the trusted documents).
 * `npm run codegen:check` regenerates and fails when the committed files differ.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './schema/index.js';

const sdl = printSchema(schema);

const scalars = { DateTime: 'string', LocalDate: 'string', TimeZone: 'string', YearMonth: 'string', File: 'File' };

const config: CodegenConfig = {
  schema: sdl,
  ignoreNoDocuments: false,
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
