/**
 * Compiled execution (graphql-jit): a dashboard resolves ~800 leaf fields, and compiling each
 * operation once beats interpreting its tree per request. Input errors keep graphql-js's
 * messages: when the compiled query rejects its variables (errors without a path, no data —
 * no resolver has run), the request is executed by graphql-js instead, whose message names
 * the field path and the scalar's reason.
 *
 * Error-free results also carry a serializer compiled from the operation's selection set
 * (Yoga's result processor calls `result.stringify` when present): property names are
 * string constants, so serialising a 14 KB dashboard does not walk keys generically.
 * Results with errors or extensions keep Yoga's own path (error masking, `extensions.http`).
 *
 * graphql-jit reads default-resolved fields (Pothos `expose*`) inline, outside its try/catch:
 * a property getter that throws would leave the request pending. Resolver models are plain
 * data (cached entries are JSON), so none exists; keep it that way.
 */

import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLBoolean,
  type GraphQLCompositeType,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLString,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

export interface CompiledExecutionOptions {
  /** Distinct operations kept compiled; default 200. */
  maxOperations?: number;
  /** Bytes of compiled operations kept (estimated from the document's length); default 16 MiB. */
  maxBytes?: number;
  /** Documents always worth compiling (the trusted documents: a fixed, small set). */
  isTrusted?: (source: string) => boolean;
  /** Other documents are compiled from their n-th use on; default 3. */
  compileAfterUses?: number;
  /** Compilations of untrusted documents this process may make in all; default 256. */
  maxUntrustedCompilations?: number;
}

/** Serialises an error-free `{ data }` result; throws when the data does not have the operation's shape. */
export type ResultStringifier = (result: ExecutionResult) => string;

interface Compiled {
  query: CompiledQuery;
  stringify: ResultStringifier | null;
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
  // Bounded by count and by bytes: a compiled query (code, closures) and the document it keeps
  // alive cost roughly 100× the document's text.
  const maxBytes = Math.max(1024 * 1024, options.maxBytes ?? 16 * 1024 * 1024);
  const compiled = new LRUCache<DocumentNode, Map<string, Compiled | null>>({
    max: options.maxOperations ?? 200,
    maxSize: maxBytes,
    sizeCalculation: (_v, doc) => Math.min(maxBytes, Math.max(1, (doc.loc?.end ?? 1000) * 100)),
  });
  // graphql-jit keeps state per compilation that evicting the compiled query does not free
  // (measured: ~70 KB per distinct document, linear in documents seen, whatever the LRU bound),
  // so compilation itself is bounded: trusted documents always, any other only once it is
  // reused, and at most `maxUntrustedCompilations` of those per process; the rest run on
  // graphql-js, which retains nothing per document beyond the bounded parse caches.
  const isTrusted = options.isTrusted ?? (() => false);
  const compileAfter = options.compileAfterUses ?? 3;
  let untrustedLeft = options.maxUntrustedCompilations ?? 256;
  // Keyed by the document's text: bounded by bytes too (a document may be 64 KiB).
  const uses = new LRUCache<string, number>({
    max: 4096,
    maxSize: 4 * 1024 * 1024,
    sizeCalculation: (_n, source) => source.length + 1,
  });
  const worthCompiling = (document: DocumentNode): boolean => {
    const source = document.loc?.source.body;
    if (source === undefined) return false;
    if (isTrusted(source)) return true;
    if (untrustedLeft <= 0) return false;
    const n = (uses.get(source) ?? 0) + 1;
    uses.set(source, n);
    if (n < compileAfter) return false;
    untrustedLeft--;
    uses.delete(source);
    return true;
  };
  const compile = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Compiled | null => {
    let byName = compiled.get(document);
    if (!byName && !worthCompiling(document)) return null;
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const name = operationName ?? '';
    if (!byName.has(name)) {
      const result = compileQuery(schema, document, operationName ?? undefined, { customSerializers: FAST_SERIALIZERS });
      // Not compilable: graphql-js handles it.
      byName.set(
        name,
        isCompiledQuery(result)
          ? { query: result, stringify: withFallback(compileStringifier(schema, document, operationName)) }
          : null,
      );
    }
    return byName.get(name) ?? null;
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const entry = compile(args.schema, args.document, args.operationName ?? undefined);
      if (!entry) return;
      const { query, stringify } = entry;
      const ops = (args.document as DocumentNode).definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      const op = args.operationName ? ops.find((d) => d.name?.value === args.operationName) : ops[0];
      const isQuery = op?.operation === 'query';
      setExecuteFn(async (a) => {
        const result = (await query.query(a.rootValue, a.contextValue, a.variableValues ?? {})) as ExecutionResult;
        const inputRejected = result.data == null && (result.errors?.length ?? 0) > 0 && result.errors!.every((e) => !e.path);
        if (inputRejected) return executeFn(a);
        // A query with errors is answered by the interpreter, so errors read (and are masked)
        // exactly as on the first uses, before compilation; the request's DataLoaders already
        // hold every aggregation, so the second pass computes nothing. Never for mutations.
        if ((result.errors?.length ?? 0) > 0 && isQuery) return executeFn(a);
        if (stringify && result.errors === undefined && result.extensions === undefined && result.data != null) {
          // Non-enumerable: the result stays a plain `{ data }` for anything else that reads it.
          Object.defineProperty(result, 'stringify', { value: stringify, enumerable: false, configurable: true });
        }
        return result;
      });
    },
  };
}

/** Falls back to JSON.stringify when the data does not match the compiled shape. */
const withFallback = (stringify: ResultStringifier | null): ResultStringifier | null =>
  stringify &&
  ((result) => {
    try {
      return stringify(result);
    } catch {
      return JSON.stringify(result);
    }
  });

type Shape =
  | { kind: 'leaf'; of: 'number' | 'string' | 'other' }
  | { kind: 'list'; of: Shape }
  | { kind: 'object'; fields: [string, Shape][] };

/**
 * The operation's response shape, or null when it cannot be known statically: abstract types,
 * `@skip`/`@include`, fragments, or one response name selected twice (merged by the executor).
 */
function shapeOf(schema: GraphQLSchema, type: GraphQLCompositeType, selectionSet: SelectionSetNode): Shape | null {
  if (!isObjectType(type)) return null;
  const fields: [string, Shape][] = [];
  const seen = new Set<string>();
  for (const sel of selectionSet.selections) {
    if (sel.kind !== Kind.FIELD || (sel.directives?.length ?? 0) > 0) return null;
    const responseName = sel.alias?.value ?? sel.name.value;
    if (seen.has(responseName)) return null;
    seen.add(responseName);
    if (sel.name.value === '__typename') {
      fields.push([responseName, { kind: 'leaf', of: 'string' }]);
      continue;
    }
    const def = type.getFields()[sel.name.value];
    if (!def) return null;
    const shape = outputShape(schema, def.type, sel.selectionSet);
    if (!shape) return null;
    fields.push([responseName, shape]);
  }
  return { kind: 'object', fields };
}

function outputShape(schema: GraphQLSchema, type: GraphQLOutputType, selectionSet: SelectionSetNode | undefined): Shape | null {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const of = outputShape(schema, nullable.ofType as GraphQLOutputType, selectionSet);
    return of && { kind: 'list', of };
  }
  if (!selectionSet) {
    const named = getNamedType(nullable);
    const of =
      isEnumType(named) || named === GraphQLString || named === GraphQLID
        ? 'string'
        : named === GraphQLInt || named === GraphQLFloat
          ? 'number'
          : 'other';
    return { kind: 'leaf', of };
  }
  return shapeOf(schema, getNamedType(nullable) as GraphQLCompositeType, selectionSet);
}

/** Compiles a stringifier for one operation; null when its shape is not static (see `shapeOf`). */
export function compileStringifier(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): ResultStringifier | null {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  if (!op || document.definitions.length !== ops.length) return null;
  const root = schema.getRootType(op.operation);
  if (!root) return null;
  const shape = shapeOf(schema, root, op.selectionSet);
  if (!shape) return null;
  const fns: string[] = [];
  // One generated function per object/list node; names are GraphQL names, quoted with JSON.stringify anyway.
  const emit = (s: Shape): string => {
    if (s.kind === 'leaf') return s.of === 'number' ? 'num' : s.of === 'string' ? 'str' : 'leaf';
    const id = `f${fns.length}`;
    fns.push('');
    if (s.kind === 'list') {
      const item = emit(s.of);
      fns[Number(id.slice(1))] =
        `function ${id}(v){if(v===null)return'null';if(!Array.isArray(v))throw bad;let o='[';` +
        `for(let i=0;i<v.length;i++){if(i>0)o+=',';o+=${item}(v[i]);}return o+']';}`;
      return id;
    }
    const parts = s.fields.map(([name, f], i) => {
      const key = JSON.stringify(name);
      return `${JSON.stringify(`${i === 0 ? '{' : ','}${key}:`)}+${emit(f)}(v[${key}])`;
    });
    const body = parts.length > 0 ? `${parts.join('+')}+'}'` : `'{}'`;
    fns[Number(id.slice(1))] = `function ${id}(v){if(v===null)return'null';if(typeof v!=='object')throw bad;return ${body};}`;
    return id;
  };
  const top = emit(shape);
  const source =
    `const bad=new Error('shape');` +
    // Leaves are already serialized by the executor: numbers, strings, booleans, null, or a custom scalar's JSON value.
    `function leaf(v){if(typeof v==='number')return Number.isFinite(v)?''+v:'null';if(typeof v==='string'||v===null||typeof v==='boolean')return JSON.stringify(v);` +
    `if(v===undefined)throw bad;return JSON.stringify(v);}` +
    // Monomorphic fast paths for the built-in scalars; anything unexpected goes through leaf.
    `function num(v){return typeof v==='number'&&Number.isFinite(v)?''+v:leaf(v);}` +
    `function str(v){return typeof v==='string'?JSON.stringify(v):leaf(v);}` +
    `${fns.join('')}return function(r){return '{"data":'+${top}(r.data)+'}';};`;
  return new Function(source)() as ResultStringifier;
}
