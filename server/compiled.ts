/**
 * Compiled execution (graphql-jit): a dashboard resolves ~800 leaf fields, and compiling each
 * operation once beats interpreting its tree per request. Input errors keep graphql-js's
 * messages: when the compiled query rejects its variables (errors without a path, no data —
 * no resolver has run), the request is executed by graphql-js instead, whose message names
 * the field path and the scalar's reason.
 */

import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  type GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

export interface CompiledExecutionOptions {
  /** Distinct operations kept compiled; default 200. */
  maxOperations?: number;
}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/**
 * The built-in scalars' serializers with a fast path for values already of the right type (a
 * dashboard has ~800 leaves); anything else goes to graphql-js's serializer, whose coercions and
 * errors are unchanged.
 */
export const FAST_SERIALIZERS: Record<string, (v: unknown) => unknown> = {
  Int: (v) => (typeof v === 'number' && Number.isInteger(v) && v <= INT_MAX && v >= INT_MIN ? v : GraphQLInt.serialize(v)),
  Float: (v) => (typeof v === 'number' && Number.isFinite(v) ? v : GraphQLFloat.serialize(v)),
  String: (v) => (typeof v === 'string' ? v : GraphQLString.serialize(v)),
  Boolean: (v) => (typeof v === 'boolean' ? v : GraphQLBoolean.serialize(v)),
  ID: (v) => (typeof v === 'string' ? v : GraphQLID.serialize(v)),
};

export function useCompiledExecution(options: CompiledExecutionOptions = {}): Plugin {
  // Documents are parsed once and cached by Yoga, so the node identity is a stable key.
  const compiled = new LRUCache<DocumentNode, Map<string, CompiledQuery | null>>({ max: options.maxOperations ?? 200 });
  const compile = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let byName = compiled.get(document);
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const name = operationName ?? '';
    if (!byName.has(name)) {
      const result = compileQuery(schema, document, operationName ?? undefined, { customSerializers: FAST_SERIALIZERS });
      byName.set(name, isCompiledQuery(result) ? result : null); // not compilable: graphql-js handles it
    }
    return byName.get(name) ?? null;
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const query = compile(args.schema, args.document, args.operationName ?? undefined);
      if (!query) return;
      setExecuteFn(async (a) => {
        const result = (await query.query(a.rootValue, a.contextValue, a.variableValues ?? {})) as ExecutionResult;
        const inputRejected = result.data == null && (result.errors?.length ?? 0) > 0 && result.errors!.every((e) => !e.path);
        return inputRejected ? executeFn(a) : result;
      });
    },
  };
}
