/** The Pothos builder: plugins, the context type and the scalars. No types here. */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import { Kind, print, type ValueNode } from 'graphql';
import { canonicalTimeZone, isValidTimeZone, parseLocalDate } from '../domain/calendar.js';
import type { GatewayContext } from '../resolvers/context.js';
import { InvalidOutputError, InvalidValueError } from '../resolvers/errors.js';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: number; Output: number };
    LocalDate: { Input: string; Output: string };
    TimeZone: { Input: string; Output: string };
    YearMonth: { Input: string; Output: string };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [ErrorsPlugin],
  defaultFieldNullability: false,
  errors: { defaultTypes: [] },
});

// Parse failures are InvalidValueErrors (BAD_USER_INPUT; Yoga masks anything that is not a
// GraphQLError). A literal's error carries its node, so validation reports a location;
// server/input-errors.ts adds `extensions.field` to both paths. Serialize failures are
// InvalidOutputErrors, so graphql-js and graphql-jit report them alike.
const stringLiteral = (ast: ValueNode, scalar: string): string => {
  if (ast.kind !== Kind.STRING) throw new InvalidValueError(scalar, `expects a string, got ${print(ast)}`, ast);
  return ast.value;
};

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;
const parseDateTime = (v: unknown, ast?: ValueNode): number => {
  const ms = typeof v === 'string' && DATE_TIME.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new InvalidValueError('DateTime', `expects an ISO 8601 date-time, got ${JSON.stringify(v)}`, ast);
  return ms;
};
/** Largest |epoch ms| a Date represents. */
const MAX_INSTANT_MS = 8.64e15;
builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 UTC string (`2024-05-04T23:34:00.079Z`).',
  serialize: (ms) => {
    if (typeof ms !== 'number' || !(Math.abs(ms) <= MAX_INSTANT_MS)) throw new InvalidOutputError('DateTime', ms);
    return new Date(ms).toISOString();
  },
  parseValue: (v) => parseDateTime(v),
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, 'DateTime'), ast),
});

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const parseDate = (v: unknown, ast?: ValueNode): string => {
  if (typeof v !== 'string' || parseLocalDate(v) === null) {
    throw new InvalidValueError('LocalDate', `expects a calendar date YYYY-MM-DD, got ${JSON.stringify(v)}`, ast);
  }
  return v;
};
builder.scalarType('LocalDate', {
  description: 'A calendar date without a zone, `YYYY-MM-DD`, read in the filter’s time zone.',
  serialize: (v) => {
    if (typeof v !== 'string' || !LOCAL_DATE.test(v)) throw new InvalidOutputError('LocalDate', v);
    return v;
  },
  parseValue: (v) => parseDate(v),
  parseLiteral: (ast) => parseDate(stringLiteral(ast, 'LocalDate'), ast),
});

const parseZone = (v: unknown, ast?: ValueNode): string => {
  if (typeof v !== 'string' || !isValidTimeZone(v))
    throw new InvalidValueError('TimeZone', `expects an IANA zone name, got ${JSON.stringify(v)}`, ast);
  return canonicalTimeZone(v);
};
builder.scalarType('TimeZone', {
  description: 'An IANA time zone name such as `Europe/Paris` or `UTC`; unknown names are rejected.',
  serialize: (v) => {
    if (typeof v !== 'string') throw new InvalidOutputError('TimeZone', v);
    return v;
  },
  parseValue: (v) => parseZone(v),
  parseLiteral: (ast) => parseZone(stringLiteral(ast, 'TimeZone'), ast),
});

// Months are their own scalar, not the LocalDate of their first day: a month has no day to
// misread or shift by a zone, and codegen gives clients a distinct type.
const YEAR_MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;
const parseMonth = (v: unknown, ast?: ValueNode): string => {
  if (typeof v !== 'string' || !YEAR_MONTH.test(v)) {
    throw new InvalidValueError('YearMonth', `expects a month YYYY-MM, got ${JSON.stringify(v)}`, ast);
  }
  return v;
};
builder.scalarType('YearMonth', {
  description:
    'A calendar month without a zone, ISO 8601 `YYYY-MM` (`2024-05`), read in the filter’s time zone. Used for every month in the schema; days are `LocalDate`.',
  serialize: (v) => {
    if (typeof v !== 'string' || !YEAR_MONTH.test(v)) throw new InvalidOutputError('YearMonth', v);
    return v;
  },
  parseValue: (v) => parseMonth(v),
  parseLiteral: (ast) => parseMonth(stringLiteral(ast, 'YearMonth'), ast),
});

builder.scalarType('File', {
  description: 'A file sent as a GraphQL multipart request part.',
  serialize: (v) => {
    throw new InvalidOutputError('File (an input-only scalar)', v);
  },
});

builder.queryType({
  description:
    'Read your watch history’s aggregations. Root fields that can fail are nullable: one failing field is null with its error on its path, the others still answer.',
});
builder.mutationType({ description: 'Bring watch history in, and change the viewer’s settings.' });
builder.subscriptionType({ description: 'Live updates, over Server-Sent Events (`Accept: text/event-stream`).' });
