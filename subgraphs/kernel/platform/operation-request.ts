import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { ErrorCode } from './errors';

/** An operation as a stream transport receives it (a WebSocket `subscribe` payload, SSE request parameters). */
export interface OperationRequestParts {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/**
 * The checks every stream transport (the gateway's and a subgraph's own) makes before running
 * an operation: each part of the right type, then the parse under a token limit. Returns the
 * document with the operation name and variables, or the coded errors to answer (BAD_REQUEST, GRAPHQL_PARSE_FAILED).
 */
export interface ParsedOperation {
  document: DocumentNode;
  operationName: string | undefined;
  variableValues: Record<string, unknown> | undefined;
}

export function parseOperationRequest(request: OperationRequestParts, maxTokens: number): ParsedOperation | GraphQLError[] {
  if (typeof request.query !== 'string') return [badRequest('Send the operation as a string in "query"')];
  if (request.operationName != null && typeof request.operationName !== 'string') return [badRequest('"operationName" must be a string')];
  if (request.variables != null && (typeof request.variables !== 'object' || Array.isArray(request.variables)))
    return [badRequest('"variables" must be an object')];
  const operationName = request.operationName ?? undefined;
  const variableValues = (request.variables as Record<string, unknown> | null) ?? undefined;
  try {
    return { document: parse(request.query, { maxTokens }), operationName, variableValues };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadRequest } });
}
