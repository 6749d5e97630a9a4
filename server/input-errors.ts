/**
 * Input values the schema's types reject — a literal that fails validation
 * (`ValuesOfCorrectTypeRule`) or a variable that fails coercion — become BAD_USER_INPUT
 * errors naming the input path in `extensions.field`, as resolver-side argument errors do:
 * `filter.timeZone`, `filter.range.from`, `events[0].watchedAt`, and below `Query.analytics`
 * the aggregation first (`topChannels.limit`, `sessions.list.after`). Locations are kept.
 *
 * Both are request errors (no data, GraphQL spec). HTTP status per GraphQL-over-HTTP:
 * 400 with `application/graphql-response+json`, 200 with `application/json`
 * (`extensions.http.spec`; Yoga strips `http` from the response).
 */
import {
  type ASTNode,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Where each literal value node and each variable sits, as the `extensions.field` path. */
interface InputPaths {
  nodes: Map<ASTNode, string>;
  variables: Map<string, string>;
}

/**
 * Field names from the root field down; below `analytics` the path starts at the aggregation
 * (one analytics selection has many `limit`/`first`/`after` arguments), `data` wrappers skipped.
 */
const prefixOf = (chain: readonly string[]): string =>
  chain[0] === 'analytics'
    ? chain
        .slice(1)
        .filter((name) => name !== 'data')
        .map((name) => `${name}.`)
        .join('')
    : '';

function inputPaths(document: DocumentNode, operations: readonly OperationDefinitionNode[]): InputPaths {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const paths: InputPaths = { nodes: new Map(), variables: new Map() };
  const value = (node: ValueNode | ASTNode, path: string): void => {
    if (node.kind === Kind.VARIABLE) {
      if (!paths.variables.has(node.name.value)) paths.variables.set(node.name.value, path);
      return;
    }
    if (!paths.nodes.has(node)) paths.nodes.set(node, path);
    if (node.kind === Kind.OBJECT) {
      for (const field of node.fields) {
        const at = `${path}.${field.name.value}`;
        if (!paths.nodes.has(field)) paths.nodes.set(field, at);
        value(field.value, at);
      }
    } else if (node.kind === Kind.LIST) {
      for (const [i, item] of node.values.entries()) value(item, `${path}[${i}]`);
    }
  };
  const selections = (set: SelectionSetNode, chain: readonly string[], spread: ReadonlySet<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const next = [...chain, sel.name.value];
        const prefix = prefixOf(next);
        for (const arg of sel.arguments ?? []) value(arg.value, `${prefix}${arg.name.value}`);
        if (sel.selectionSet) selections(sel.selectionSet, next, spread);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        selections(sel.selectionSet, chain, spread);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (fragment && !spread.has(sel.name.value)) {
          selections(fragment.selectionSet, chain, new Set([...spread, sel.name.value]));
        }
      }
    }
  };
  for (const op of operations) selections(op.selectionSet, [], new Set());
  // A variable's default value sits where the variable is used.
  for (const op of operations) {
    for (const def of op.variableDefinitions ?? []) {
      if (def.defaultValue) value(def.defaultValue, paths.variables.get(def.variable.name.value) ?? def.variable.name.value);
    }
  }
  return paths;
}

const operationsOf = (document: DocumentNode, name?: string | null): OperationDefinitionNode[] =>
  document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!name || d.name?.value === name),
  );

const REQUEST_ERROR_HTTP = { spec: true, status: 400 };

// graphql-js (and @graphql-tools/executor) word variable errors as
// 'Variable "$f" got invalid value … at "f.range.from"; reason' or 'Variable "$f" of required type …'.
const VARIABLE = /^Variable "\$([_A-Za-z]\w*)"/;
const AT = (name: string) => new RegExp(` at "${name}((?:\\.[_A-Za-z]\\w*|\\[\\d+\\])*)"; `);

/** The BAD_USER_INPUT version of a variable coercion error; null for any other error. */
export function variableInputError(error: GraphQLError, paths: InputPaths): GraphQLError | null {
  const match = error.path ? null : VARIABLE.exec(error.message);
  if (!match) return null;
  const name = match[1] as string;
  const within = AT(name).exec(error.message)?.[1] ?? '';
  const original = error.originalError;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: original,
    extensions: {
      ...error.extensions,
      code: 'BAD_USER_INPUT',
      field: `${paths.variables.get(name) ?? name}${within}`,
      reason: (error.extensions.reason as string | undefined) ?? original?.message ?? error.message,
      http: { ...(error.extensions.http as object | undefined), ...REQUEST_ERROR_HTTP },
    },
  });
}

/** Tags literal-value validation errors and variable coercion errors as BAD_USER_INPUT with their input path. */
export function useInputErrors(): Plugin {
  return {
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        let paths: InputPaths | undefined;
        for (const error of result as GraphQLError[]) {
          const node = error.nodes?.[0];
          if (!node) continue;
          paths ??= inputPaths(params.documentAST, operationsOf(params.documentAST));
          const field = paths.nodes.get(node);
          // Only errors about a literal value; others (unknown fields, unused variables…) are document errors.
          if (field === undefined) continue;
          const extensions = error.extensions as Record<string, unknown>;
          extensions.code = 'BAD_USER_INPUT';
          extensions.field = field;
          extensions.reason ??= error.message;
        }
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const r = result as ExecutionResult;
          if (!r.errors || r.data != null || !r.errors.some((e) => !e.path && VARIABLE.test(e.message))) return;
          const paths = inputPaths(args.document, operationsOf(args.document, args.operationName));
          setResult({ ...r, errors: r.errors.map((e) => variableInputError(e, paths) ?? e) });
        },
      };
    },
  };
}
