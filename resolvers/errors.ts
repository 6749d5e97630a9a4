/**
 * Errors clients may see. Yoga masks every other error ("Unexpected error.") so internals
 * never leak; these are GraphQLError subclasses with typed extensions.
 */
import { type ASTNode, GraphQLError } from 'graphql';
import { IMPORT_REJECTION_CODES, type ImportRejectionCode } from '../ingest/sink.js';

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    /** INTERNAL_SERVER_ERROR: Yoga's masked errors ("Unexpected error."). */
    code?:
      | 'BAD_USER_INPUT'
      | 'AGGREGATION_FAILED'
      | 'FORBIDDEN'
      | 'INTERNAL_SERVER_ERROR'
      // Subscription.viewerChanged (resolvers/live.ts): why a stream was refused or ended.
      | 'UNAUTHENTICATED'
      | 'TOO_MANY_STREAMS'
      | 'LIVE_UNAVAILABLE'
      // analytics(freshness: CACHED_ONLY): nothing cached for this field.
      | 'NOT_CACHED'
      // The front door (server/front-door.ts, limits.ts, trusted-documents.ts, uploads.ts):
      // the whole request is refused before any resolver runs.
      | 'BAD_REQUEST'
      | 'CSRF_HEADER_REQUIRED'
      | 'PAYLOAD_TOO_LARGE'
      | 'PERSISTED_QUERY_ONLY'
      | 'PERSISTED_QUERY_NOT_FOUND'
      | 'QUERY_LIMIT'
      | 'QUERY_TOO_EXPENSIVE'
      // A per-viewer quota (events stored, imports per hour, concurrent cold computations).
      | 'QUOTA_EXCEEDED';
    /** QUERY_LIMIT: which limit (`depth`, `aliases`, …); QUOTA_EXCEEDED: which quota. */
    limit?: string;
    /** QUERY_TOO_EXPENSIVE: the budget and this request's estimate, in cost units. */
    budget?: number;
    estimate?: number;
    /**
     * Input path of the offending value, from the argument: `filter.range.from`,
     * `events[0].watchedAt`; below `Query.analytics` prefixed by the aggregation field
     * (`topChannels.limit`, `sessions.list.after`). For AGGREGATION_FAILED and FORBIDDEN, the field.
     */
    field?: string;
    reason?: string;
  }
}

/**
 * `analytics(freshness: CACHED_ONLY)` found nothing cached for one field: that field is null
 * with this error on its path (NOT_CACHED, `field` the aggregation); the others answer.
 */
export class NotCachedGraphQLError extends GraphQLError {
  constructor(aggregation: string) {
    super(`Nothing is cached for ${aggregation} under this filter (freshness: CACHED_ONLY never computes).`, {
      extensions: { code: 'NOT_CACHED', field: aggregation },
    });
    this.name = 'NotCachedGraphQLError';
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
export class InvalidOutputError extends Error {
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

/** Codes of the typed failures: one schema enum (`FailureCode`), so a client handles them in one place. */
export const FAILURE_CODES = ['UNKNOWN_CHANNEL', ...IMPORT_REJECTION_CODES] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/**
 * An expected failure, returned as a typed result (schema interface `Failure`, through the
 * Pothos errors plugin), never thrown to the client. `message` is for people.
 */
export abstract class Failure extends Error {
  abstract readonly code: FailureCode;
}

/** A rejected Takeout import: nothing was stored. */
export class ImportRejected extends Failure {
  constructor(
    readonly code: ImportRejectionCode,
    detail: string,
  ) {
    super(detail);
    this.name = 'ImportRejected';
  }
}

/** The requested channel key belongs to no watched video of the viewer. */
export class UnknownChannel extends Failure {
  readonly code = 'UNKNOWN_CHANNEL';
  constructor(readonly channelKey: string) {
    super(`No watched video of the viewer has channel key "${channelKey}"; use a channelKey from topChannels or channelMetrics.`);
    this.name = 'UnknownChannel';
  }
}

/** An admin-only field asked for by a non-admin. */
export class ForbiddenError extends GraphQLError {
  constructor(field: string) {
    super(`${field} is only available to administrators (or in local mode).`, { extensions: { code: 'FORBIDDEN', field } });
    this.name = 'ForbiddenError';
  }
}

/** Why a live stream was refused or ended (`Subscription.viewerChanged`). */
export type LiveStopCode = 'UNAUTHENTICATED' | 'TOO_MANY_STREAMS' | 'LIVE_UNAVAILABLE';

const LIVE_STOP_MESSAGES: Record<LiveStopCode, string> = {
  UNAUTHENTICATED: 'The token of this stream expired; subscribe again with a fresh token.',
  TOO_MANY_STREAMS: 'Too many live streams are open for this viewer; close one (another tab) or poll viewer.dataVersion.',
  LIVE_UNAVAILABLE: 'Live updates are unavailable (the shared pub/sub is unreachable); poll viewer.dataVersion meanwhile.',
};

/** A live stream refused at subscribe time, or ended by the gateway; the client polls or resubscribes. */
export class LiveStoppedError extends GraphQLError {
  constructor(readonly code: LiveStopCode) {
    super(LIVE_STOP_MESSAGES[code], { extensions: { code } });
    this.name = 'LiveStoppedError';
  }
}

/**
 * The request's cold work is over the budget (COLD_COST_BUDGET): the whole request is refused
 * (server/gateway.ts replaces the result), nothing was computed. Outside production the
 * budget and the estimate are in the extensions, so a client author can size requests.
 */
export class QueryTooExpensiveError extends GraphQLError {
  constructor(budget: number, estimate: number, production: boolean) {
    super(
      production
        ? 'This request asks for more uncached work than one request may cause; ask for fewer fields or filters at once.'
        : `This request would compute ${estimate} cost units of uncached entries; the budget is ${budget} (COLD_COST_BUDGET). Ask for fewer fields or filters at once, or retry when they are cached.`,
      { extensions: { code: 'QUERY_TOO_EXPENSIVE', ...(production ? {} : { budget, estimate }), http: { status: 400 } } },
    );
    this.name = 'QueryTooExpensiveError';
  }
}

/** A per-viewer quota was hit (`limit` names it); retry later. */
export class QuotaExceededError extends GraphQLError {
  constructor(limit: 'coldComputations' | 'eventsStored' | 'importsPerHour', message: string) {
    super(message, { extensions: { code: 'QUOTA_EXCEEDED', limit } });
    this.name = 'QuotaExceededError';
  }
}
