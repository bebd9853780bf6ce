import { GraphQLError, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { parseOperationRequest } from '../../subgraphs/kernel/platform/operation-request';
import { withoutSuggestion } from '../hardening';
import { operationResolutionError } from '../malformed-requests';
import { refusalBeforeParse, withoutHttpStatus, type RequestGuardLimits } from '../limits/request-guard';

/** What a client sends to run an operation over WebSocket (`subscribe` payload) or SSE (request parameters). */
export interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export interface PreparedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | undefined;
  variableValues: Record<string, unknown> | undefined;
}

export interface PrepareOptions {
  schema: GraphQLSchema;
  guard: RequestGuardLimits;
  /** Production: no "Did you mean ...?" in validation errors (as over HTTP). */
  production: boolean;
}

/**
 * Checks, parses and validates an operation sent over WebSocket or SSE the way HTTP requests
 * are: size limits before the parser sees the text, the same error codes, suggestions hidden
 * in production, and a clear refusal when `operationName` picks no single operation. Returns
 * the arguments to run it with, or the errors to answer.
 */
export function prepareOperation(request: OperationRequest, options: PrepareOptions): PreparedOperation | GraphQLError[] {
  const refusal = refusalBeforeParse(request, options.guard);
  if (refusal) return [withoutHttpStatus(refusal)];
  const parsed = parseOperationRequest(request, options.guard.maxTokens);
  if (Array.isArray(parsed)) return parsed;
  const { document, operationName, variableValues } = parsed;
  const invalid = validate(options.schema, document);
  if (invalid.length > 0) {
    return invalid.map(
      (error) =>
        new GraphQLError(options.production ? withoutSuggestion(error.message) : error.message, {
          ...(error.nodes ? { nodes: error.nodes } : {}),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
    );
  }
  const unresolved = operationResolutionError(document, operationName);
  if (unresolved) return [withoutHttpStatus(unresolved)];
  return { schema: options.schema, document, operationName, variableValues };
}
