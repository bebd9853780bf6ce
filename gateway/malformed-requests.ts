import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../subgraphs/kernel/platform/errors';
import { GRAPHQL_PATH } from '../subgraphs/kernel/subgraph/server';

/**
 * Requests that are well-formed GraphQL but cannot be run as sent: the client gets HTTP 400
 * and a message saying what to change, never an internal error. The same checks answer on
 * WebSocket and SSE (see subscriptions/prepare-operation.ts).
 */

/** Apollo Server's code for an operation that cannot be picked out of the document. */
export const OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE';

const describe = (operation: OperationDefinitionNode): string => operation.name?.value ?? '(anonymous)';

/**
 * Why `operationName` picks no single operation of `document`, or undefined when it picks one:
 * a name that matches nothing, or several operations and no name. (A document of fragments
 * alone never gets here: validation refuses its unused fragments.)
 */
export function operationResolutionError(document: DocumentNode, operationName: string | null | undefined): GraphQLError | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const names = operations.map(describe).join(', ');
  if (operationName) {
    if (operations.some((operation) => operation.name?.value === operationName)) return undefined;
    return resolutionFailure(`The document has no operation named "${operationName}"; its operations are: ${names}. Send one of these names as operationName.`);
  }
  if (operations.length > 1)
    return resolutionFailure(`The document has ${operations.length} operations (${names}); send operationName to say which one to run.`);
  return undefined;
}

function resolutionFailure(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
}

/** A subscription sent as a plain HTTP request, which cannot stream its events. */
export function subscriptionNeedsStream(): GraphQLError {
  return new GraphQLError(
    `A subscription cannot run over a plain HTTP request. Subscribe over WebSocket (protocol graphql-transport-ws, e.g. the graphql-ws client), Server-Sent Events (send "Accept: text/event-stream", e.g. the graphql-sse client) or multipart HTTP (POST with "Accept: multipart/mixed;subscriptionSpec=1.0", e.g. Apollo Client's HttpLink) at ${GRAPHQL_PATH}.`,
    { extensions: { code: ErrorCode.BadRequest, http: { status: 400 } } },
  );
}

/**
 * HTTP 400 from Apollo Server for an operation that cannot be picked out of the document and
 * for a subscription in a plain request (`@apollo/gateway` would fail on both with an
 * internal error). Event-stream and multipart subscription requests never reach Apollo Server:
 * the subscription server takes them.
 */
export function malformedRequestsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const unresolved = operationResolutionError(document, request.operationName);
          if (unresolved) throw unresolved;
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) throw subscriptionNeedsStream();
        },
      };
    },
  };
}
