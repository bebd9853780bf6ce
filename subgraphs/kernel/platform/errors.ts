import { GraphQLError } from 'graphql';

/**
 * The error codes every subgraph and the gateway use. Clients switch on `extensions.code`;
 * the message is for people.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  OperationLimit: 'OPERATION_LIMIT',
  /** Too many requests for one credential: HTTP 429 with `Retry-After` (gateway/limits). */
  RateLimited: 'RATE_LIMITED',
  BadRequest: 'BAD_REQUEST',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Input a client sent is invalid. `field` names the argument or input field, e.g. `first` or `input.amount`. */
export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BadUserInput, ...(field ? { field } : {}) },
  });
}

/** The record a client asked for by id or code does not exist. */
export function notFound(typename: string, key: string, value: string): GraphQLError {
  return new GraphQLError(`No ${typename} with ${key} "${value}"`, {
    // `code` last: a lookup by `code` must not overwrite the error code.
    extensions: { typename, [key]: value, code: ErrorCode.NotFound },
  });
}

export function conflict(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Conflict, ...extra } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });
}

/** Codes whose message is meant for the client; anything else is masked as an internal error. */
const CLIENT_FACING = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function isClientFacing(code: unknown): boolean {
  return typeof code === 'string' && CLIENT_FACING.has(code);
}
