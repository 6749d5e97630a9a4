/**
 * graphql-codegen: writes `schema/schema.graphql` from the live Pothos schema (no SDL is
 * hand-written) and typed documents for the operations in `tests/documents/`.
 * `npm run codegen:check` regenerates and fails when the committed files differ.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './schema/index.js';

const sdl = printSchema(schema);

const config: CodegenConfig = {
  schema: sdl,
  documents: ['tests/documents/*.graphql', 'server/dashboard.ts'],
  ignoreNoDocuments: false,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: false } },
    'tests/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        scalars: { DateTime: 'string', LocalDate: 'string', TimeZone: 'string', YearMonth: 'string', File: 'File' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
  },
};

export default config;
