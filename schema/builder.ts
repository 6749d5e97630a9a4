/** The Pothos builder: plugins, the context type and the scalars. No types here. */
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import { GraphQLError, Kind } from 'graphql';
import { canonicalTimeZone, isValidTimeZone, parseLocalDate } from '../domain/calendar.js';
import type { GatewayContext } from '../resolvers/context.js';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: number; Output: number };
    LocalDate: { Input: string; Output: string };
    TimeZone: { Input: string; Output: string };
    File: { Input: File; Output: never };
  };
}>({
  plugins: [ErrorsPlugin],
  defaultFieldNullability: false,
  errors: { defaultTypes: [] },
});

// Parse failures are GraphQLErrors (Yoga masks anything else); for variables graphql-js
// prefixes the path: 'Variable "$filter" got invalid value … at "filter.timeZone"; …'.
const stringLiteral = (kind: string, value: unknown, scalar: string): string => {
  if (kind !== Kind.STRING || typeof value !== 'string') throw new GraphQLError(`${scalar} expects a string`);
  return value;
};

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 UTC string (`2024-05-04T23:34:00.079Z`).',
  serialize: (ms) => new Date(ms as number).toISOString(),
  parseValue: (v) => {
    const ms = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
    if (!Number.isFinite(ms)) throw new GraphQLError(`DateTime expects an ISO 8601 date-time, got ${JSON.stringify(v)}`);
    return ms;
  },
  parseLiteral: (ast) => {
    const v = stringLiteral(ast.kind, 'value' in ast ? ast.value : undefined, 'DateTime');
    const ms = /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
    if (!Number.isFinite(ms)) throw new GraphQLError(`DateTime expects an ISO 8601 date-time, got "${v}"`);
    return ms;
  },
});

const parseDate = (v: unknown): string => {
  if (typeof v !== 'string' || parseLocalDate(v) === null) {
    throw new GraphQLError(`LocalDate expects a calendar date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
  return v;
};
builder.scalarType('LocalDate', {
  description: 'A calendar date without a zone, `YYYY-MM-DD`, read in the filter’s time zone.',
  serialize: (v) => v as string,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(stringLiteral(ast.kind, 'value' in ast ? ast.value : undefined, 'LocalDate')),
});

const parseZone = (v: unknown): string => {
  if (typeof v !== 'string' || !isValidTimeZone(v))
    throw new GraphQLError(`TimeZone expects an IANA zone name, got ${JSON.stringify(v)}`);
  return canonicalTimeZone(v);
};
builder.scalarType('TimeZone', {
  description: 'An IANA time zone name such as `Europe/Paris` or `UTC`; unknown names are rejected.',
  serialize: (v) => v as string,
  parseValue: parseZone,
  parseLiteral: (ast) => parseZone(stringLiteral(ast.kind, 'value' in ast ? ast.value : undefined, 'TimeZone')),
});

builder.scalarType('File', {
  description: 'A file sent as a GraphQL multipart request part.',
  serialize: () => {
    throw new GraphQLError('File is an input-only scalar');
  },
});

builder.queryType({ description: 'Read your watch history’s aggregations.' });
builder.mutationType({ description: 'Bring watch history in.' });
