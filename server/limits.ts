/**
 * Limits on every GraphQL document, checked before execution: bytes before parsing, tokens
 * while parsing, operations as soon as it is parsed, then depth, aliases and directives when it
 * is validated, before graphql-js's own rules run.
 * A document over any limit is rejected whole, as a request error (no data), like a
 * validation error: `extensions.code: 'QUERY_LIMIT'`, `extensions.limit` naming the limit,
 * HTTP 400 with `application/graphql-response+json` (200 with `application/json`, per
 * GraphQL-over-HTTP, as Yoga answers every other validation error).
 *
 * Why our own rules and not graphql-armor (installed) or other envelop plugins:
 * - One walk measures the document for both the plugins and `measureDocument`, so the sizes the
 *   tests check are the sizes the server enforces, not a re-implementation that may drift.
 * - The structural limits run in `onValidate` *before* graphql-js validation and replace its
 *   result, so an abusive document costs one linear walk, not the specified rules (the
 *   overlapping-fields rule is superlinear). graphql-armor adds validation rules that run
 *   alongside the specified ones, over the whole document.
 * - graphql-armor's errors are "Syntax Error: …" without `extensions`; giving them our code,
 *   limit and production wording means an `onReject` per rule plus `propagateOnRejection:
 *   false`, and its max-tokens `onReject` gets no context to report to (we would have to throw
 *   from it). Its depth rule ignores only `__schema`, and caches a fragment's depth as -1 while
 *   walking a cycle; its block-field-suggestions rewrites only validation errors, matches
 *   `Did you mean ".+"\?` (not "Did you mean the enum value …", nor variable-coercion errors
 *   at execution), and tests `instanceof GraphQLError` from its own CommonJS `graphql` import.
 * - graphql-js 16 already enforces a token budget while lexing (`maxLexicalTokens`); we only
 *   recognise its error (by recounting, bounded by the limit) and reword it.
 * The dependency `@escape.tech/graphql-armor` is then unused here.
 *
 * How things are counted (`measureDocument`), over the operations with fragment spreads
 * expanded (a fragment spread n times counts n times, memoised, so a "fragment bomb" is
 * measured in linear time and rejected); unused fragments are not counted (validation rejects
 * them, and tokens bound them):
 * - depth: nesting of fields, `{ a }` is 1; fragments and inline fragments add no level. A fragment
 *   cycle has unbounded depth (`Infinity`). Introspection fields (`__schema`, `__type`) count as
 *   one level whatever is below: the introspection format nests `ofType` nine deep (GraphiQL's
 *   query is depth 15, deeper than any document of our schema, whose deepest path is 8), and
 *   introspection is off in production (server/config.ts); its size stays bounded by the others.
 * - aliases, directives: every alias and every directive (on operations, variables, fields,
 *   spreads, inline fragments, fragment definitions), summed over the document's operations.
 * - tokens: lexical tokens as graphql-js's parser counts them (comments and EOF excluded).
 * - operations: operation definitions in the document.
 * - bytes: UTF-8 length of the document text (bounds what tokens do not: comments, long strings).
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  Lexer,
  type ParseOptions,
  parse,
  type SelectionSetNode,
  Source,
  TokenKind,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The bounds one document must stay within; see the module comment for how each is counted. */
export interface DocumentLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxOperations: number;
  maxDocumentBytes: number;
}

/**
 * Sized against every document the project ships (GraphiQL's dashboard query, tests/documents,
 * the web page's persisted documents; tests/limits keeps each within half of each limit).
 * Largest shipped values when chosen: depth 8, aliases 19 (tests/gateway/catalogue-all), 0 elsewhere, directives 0, tokens 723,
 * operations 1, bytes 4 641 (the web dashboard query).
 * - depth 16: 2× the schema's deepest path (8), which every shipped document reaches; the schema
 *   has no cycles today, so this bounds junk nesting and any cycle added later.
 * - aliases 40: aliases are how one request multiplies work (400 aliased aggregations ran
 *   26.6 s); the largest shipped use is the whole catalogue under aliases (19, a test
 *   document), so 2× that. The cold-work budget (COLD_COST_BUDGET) bounds what fits under it.
 * - directives 32: room for `@include`/`@skip` on each dashboard panel; rejects the 51 seen.
 * - tokens 4 000: 5.5× the largest document, under the 9 000-token document seen executing.
 * - operations 8: GraphiQL sends its whole editor (several operations) with `operationName`.
 * - bytes 64 KiB: 14× the largest document; 4 000 tokens of pretty-printed GraphQL fit, a
 *   115 KB document does not.
 */
export const DEFAULT_LIMITS: Readonly<DocumentLimits> = Object.freeze({
  maxDepth: 16,
  maxAliases: 40,
  maxDirectives: 32,
  maxTokens: 4000,
  maxOperations: 8,
  maxDocumentBytes: 64 * 1024,
});

/** The `extensions.limit` of a rejection. */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'operations' | 'bytes';

/** The `extensions.code` of every rejection (to be added to the code union in resolvers/errors.ts). */
export const QUERY_LIMIT = 'QUERY_LIMIT';

interface Shape {
  depth: number;
  aliases: number;
  directives: number;
}

interface Structure extends Shape {
  operations: number;
}

const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** Depth, aliases, directives and operations of a parsed document (module comment: how). */
function measureStructure(document: DocumentNode): Structure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    // A duplicate name is a validation error; the first definition stands for it here.
    if (d.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  }
  const done = new Map<string, Shape>();
  const walking = new Set<string>();

  const fragment = (name: string): Shape => {
    const known = done.get(name);
    if (known) return known;
    // Back to a fragment being expanded: a cycle, the expansion never ends.
    if (walking.has(name)) return { depth: Number.POSITIVE_INFINITY, aliases: 0, directives: 0 };
    const definition = fragments.get(name);
    // An unknown fragment is a validation error; it adds nothing here.
    if (!definition) return { depth: 0, aliases: 0, directives: 0 };
    walking.add(name);
    const shape = selections(definition.selectionSet);
    shape.directives += definition.directives?.length ?? 0;
    walking.delete(name);
    done.set(name, shape);
    return shape;
  };

  const selections = (set: SelectionSetNode): Shape => {
    const total: Shape = { depth: 0, aliases: 0, directives: 0 };
    for (const selection of set.selections) {
      total.directives += selection.directives?.length ?? 0;
      let inner: Shape;
      let levels = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total.aliases += 1;
        levels = 1;
        inner = selection.selectionSet ? selections(selection.selectionSet) : { depth: 0, aliases: 0, directives: 0 };
        if (INTROSPECTION_FIELDS.has(selection.name.value)) inner = { ...inner, depth: 0 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selections(selection.selectionSet);
      } else {
        inner = fragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, levels + inner.depth);
      total.aliases += inner.aliases;
      total.directives += inner.directives;
    }
    return total;
  };

  const result: Structure = { depth: 0, aliases: 0, directives: 0, operations: 0 };
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    result.operations += 1;
    const shape = selections(d.selectionSet);
    result.depth = Math.max(result.depth, shape.depth);
    result.aliases += shape.aliases;
    result.directives += shape.directives + (d.directives?.length ?? 0);
    for (const v of d.variableDefinitions ?? []) result.directives += v.directives?.length ?? 0;
  }
  return result;
}

/** Lexical tokens of `source` as graphql-js's parser counts them, stopping once past `stopAfter`. */
function countTokens(source: string | Source, stopAfter = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let tokens = 0;
  while (tokens <= stopAfter && lexer.advance().kind !== TokenKind.EOF) tokens += 1;
  return tokens;
}

/** UTF-8 length without Buffer (this module may run where only web APIs exist). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Sizing and tests need the exact numbers the plugins compare with their limits; this is the
 * same code. Throws graphql-js's syntax error for a document that does not parse.
 */
export function measureDocument(source: string): {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  operations: number;
  bytes: number;
} {
  const { depth, aliases, directives, operations } = measureStructure(parse(source, { noLocation: true }));
  return { depth, aliases, directives, tokens: countTokens(source), operations, bytes: utf8Bytes(source) };
}

const UNIT: Record<LimitName, string> = {
  depth: 'levels',
  aliases: 'aliases',
  directives: 'directives',
  tokens: 'tokens',
  operations: 'operations',
  bytes: 'bytes',
};

/** Request error, like a validation error (Yoga reads and strips `extensions.http`). */
function limitError(limit: LimitName, max: number, found: number | null, production: boolean): GraphQLError {
  let message: string;
  if (production) message = `Document exceeds the ${limit} limit.`;
  else if (found === null) message = `Document exceeds the ${limit} limit: more than ${max} ${UNIT[limit]}.`;
  else if (found === Number.POSITIVE_INFINITY) message = `Document exceeds the ${limit} limit of ${max}: a fragment cycle.`;
  else message = `Document exceeds the ${limit} limit: ${found} ${UNIT[limit]}, the limit is ${max}.`;
  // Typed loosely until 'QUERY_LIMIT' joins the code union of GraphQLErrorExtensions (resolvers/errors.ts).
  const extensions: Record<string, unknown> = { code: QUERY_LIMIT, limit, http: { spec: true, status: 400 } };
  return new GraphQLError(message, { extensions });
}

/** The first limit a parsed document exceeds, in a fixed order (cheapest to explain first). */
function structuralRejection(m: Structure, limits: DocumentLimits, production: boolean): GraphQLError | null {
  const checks: Array<[LimitName, number, number]> = [
    ['operations', m.operations, limits.maxOperations],
    ['depth', m.depth, limits.maxDepth],
    ['aliases', m.aliases, limits.maxAliases],
    ['directives', m.directives, limits.maxDirectives],
  ];
  for (const [limit, found, max] of checks) if (found > max) return limitError(limit, max, found, production);
  return null;
}

// graphql-js words every suggestion "Did you mean …?" (fields, arguments, types, enum values,
// "to use an inline fragment on …"); GraphQL names cannot contain "?", so this ends at the suggestion's end.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

const withoutSuggestion = (text: string): string => text.replace(SUGGESTION, '');

/** Strips suggestions from every error of a result (message and the `reason` server/input-errors.ts copies). */
function blockSuggestions(result: { errors?: readonly GraphQLError[] }): void {
  for (const error of result.errors ?? []) {
    if (error.message.includes('Did you mean')) error.message = withoutSuggestion(error.message);
    const extensions = error.extensions as Record<string, unknown> | undefined;
    if (typeof extensions?.reason === 'string') extensions.reason = withoutSuggestion(extensions.reason);
  }
}

/**
 * envelop/Yoga plugins enforcing the limits (before execution: bytes, tokens and operations while
 * parsing, the rest at validation time; the whole request is rejected with HTTP 400 like any
 * validation error). `production`: messages say only which limit was hit,
 * never the limit's value or the document's size, and field suggestions ("Did you mean …") are
 * blocked. Put them first among the plugins: the token limit is a parse option handed to the
 * parse function in place when they run, and the bytes check must precede Yoga's parse cache
 * (which keys failed documents by their text).
 */
export function documentLimitPlugins(options: { limits?: Partial<DocumentLimits>; production: boolean }): Plugin[] {
  const limits: DocumentLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(options.limits ?? {}) as Array<[keyof DocumentLimits, number | undefined]>) {
    if (value !== undefined) limits[key] = value;
  }
  const { production } = options;
  const verdicts = new WeakMap<DocumentNode, GraphQLError | null>();

  const parsing: Plugin = {
    onParse({ params, parseFn, setParseFn }) {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      // UTF-8 is at least one byte per UTF-16 unit: the length alone settles long documents.
      const bytes = text.length > limits.maxDocumentBytes ? text.length : utf8Bytes(text);
      if (bytes > limits.maxDocumentBytes) {
        throw limitError('bytes', limits.maxDocumentBytes, bytes, production);
      }
      setParseFn((source: string | Source, parseOptions?: ParseOptions) => {
        try {
          return parseFn(source, { ...parseOptions, maxLexicalTokens: limits.maxTokens });
        } catch (error) {
          // Over the budget or another syntax error? Recount, stopping just past the limit.
          let over = false;
          try {
            over = countTokens(source, limits.maxTokens) > limits.maxTokens;
          } catch {
            // A lexical error before the limit: the parser's error stands.
          }
          if (over) throw limitError('tokens', limits.maxTokens, null, production);
          throw error;
        }
      });
      // Operations right after parsing: Yoga itself picks the operation to run there, and a
      // document of many operations without `operationName` would otherwise fail that first.
      return ({ result, replaceParseResult }) => {
        if (!result || result instanceof Error) return;
        let operations = 0;
        for (const d of result.definitions) if (d.kind === Kind.OPERATION_DEFINITION) operations += 1;
        if (operations > limits.maxOperations) {
          replaceParseResult(limitError('operations', limits.maxOperations, operations, production));
        }
      };
    },
  };

  const structure: Plugin = {
    onValidate({ params, setResult }) {
      let verdict = verdicts.get(params.documentAST);
      if (verdict === undefined) {
        verdict = structuralRejection(measureStructure(params.documentAST), limits, production);
        verdicts.set(params.documentAST, verdict);
      }
      // Replaces validation: the specified rules never see an abusive document.
      if (verdict) setResult([verdict]);
    },
  };

  if (!production) return [parsing, structure];

  // Last look at every response (parse, validation and execution errors alike, after other
  // plugins rewrote them): suggestions would let a client map the schema with introspection off.
  const suggestions: Plugin = {
    onResultProcess({ result }) {
      if (Array.isArray(result)) for (const r of result) blockSuggestions(r);
      else if (!(Symbol.asyncIterator in result)) blockSuggestions(result);
    },
  };
  return [parsing, structure, suggestions];
}
