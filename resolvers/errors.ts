/**
 * Errors clients may see. Yoga masks every other error ("Unexpected error.") so internals
 * never leak; these are GraphQLError subclasses with typed extensions.
 */
import { type ASTNode, GraphQLError } from 'graphql';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    /** INTERNAL_SERVER_ERROR: Yoga's masked errors ("Unexpected error."). */
    code?: 'BAD_USER_INPUT' | 'AGGREGATION_FAILED' | 'FORBIDDEN' | 'INTERNAL_SERVER_ERROR';
    /**
     * Input path of the offending value, from the argument: `filter.range.from`,
     * `events[0].watchedAt`; below `Query.analytics` prefixed by the aggregation field
     * (`topChannels.limit`, `sessions.list.after`). For AGGREGATION_FAILED and FORBIDDEN, the field.
     */
    field?: string;
    reason?: string;
  }
}

/** A rejected argument: names the field and the reason. */
export class BadUserInputError extends GraphQLError {
  constructor(field: string, reason: string) {
    super(`Invalid ${field}: ${reason}`, { extensions: { code: 'BAD_USER_INPUT', field, reason } });
    this.name = 'BadUserInputError';
  }
}

/**
 * A scalar input that does not parse: a variable's value or a literal (with its node, so the
 * error has a location). `extensions.field` is added by server/input-errors.ts, which knows
 * where in the operation the value sits; the scalar does not.
 */
export class InvalidValueError extends GraphQLError {
  constructor(scalar: string, reason: string, node?: ASTNode) {
    super(`${scalar} ${reason}`, { nodes: node, extensions: { code: 'BAD_USER_INPUT', reason: `${scalar} ${reason}` } });
    this.name = 'InvalidValueError';
  }
}

/**
 * An output value a scalar cannot represent (a server bug). A GraphQLError with a message safe
 * to show and no extensions, so graphql-js and graphql-jit report it alike (graphql-jit keeps
 * only a serializer error's message, unmasked).
 */
export class InvalidOutputError extends GraphQLError {
  constructor(scalar: string, value: unknown) {
    super(`${scalar} cannot represent ${typeof value === 'number' ? String(value) : typeof value}`);
    this.name = 'InvalidOutputError';
  }
}

/** An aggregation that could not be computed; details stay in the server log. */
export class AggregationFailedError extends GraphQLError {
  constructor(aggregation: string) {
    super(`The ${aggregation} aggregation could not be computed; try again later.`, {
      extensions: { code: 'AGGREGATION_FAILED', field: aggregation },
    });
    this.name = 'AggregationFailedError';
  }
}

/** A rejected Takeout import, returned as a typed result (not thrown to the client). */
export class ImportRejected extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ImportRejected';
  }
}

/** An admin-only field asked for by a non-admin. */
export class ForbiddenError extends GraphQLError {
  constructor(field: string) {
    super(`${field} is only available to administrators (or in local mode).`, { extensions: { code: 'FORBIDDEN', field } });
    this.name = 'ForbiddenError';
  }
}
