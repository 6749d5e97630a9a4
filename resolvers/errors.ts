/**
 * Errors clients may see. Yoga masks every other error ("Unexpected error.") so internals
 * never leak; these are GraphQLError subclasses with typed extensions.
 */
import { GraphQLError } from 'graphql';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: 'BAD_USER_INPUT' | 'AGGREGATION_FAILED' | 'FORBIDDEN';
    /** Input path of the offending argument, e.g. `filter.range.from` or `topChannels.limit`. */
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
