import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { RequestHandler } from 'express';
import { getOperationAST, GraphQLError, OperationTypeNode, subscribe, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ASSERTION_HEADER,
  AssertionCheckUnavailable,
  AssertionError,
  type AssertionVerifier,
  type BoundCaller,
  type SubgraphRequest,
} from '../identity/assertion';
import type { Caller } from '../identity/caller';
import { ErrorCode } from '../platform/errors';
import { parseOperationRequest } from '../platform/operation-request';

/** Close codes of a refused WebSocket connection, as the gateway uses them. */
const WS_CLOSE_UNAUTHENTICATED = 4401;
const WS_CLOSE_UNAVAILABLE = 4503;
/** Largest operation text accepted in one subscription, in parser tokens. */
const MAX_TOKENS = 5_000;

export interface SubgraphSubscriptionOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  assertions: AssertionVerifier;
  /** The request context of a subscription, for the caller its assertion names. */
  context: (caller: Caller, headers: IncomingHttpHeaders) => Record<string, unknown>;
  /** Largest WebSocket message, in bytes. */
  maxMessageBytes: number;
}

export interface SubgraphSubscriptions {
  /**
   * Serves requests on the GraphQL path that ask for an event stream (graphql-sse's distinct
   * connections mode); others go on to Apollo. Mount after the caller assertion is checked
   * (`res.locals.caller`): the assertion is bound to the body, as for any request.
   */
  sse: RequestHandler;
  /** Ends every open subscription (WebSocket clients get a clean close). */
  stop(): Promise<void>;
}

/**
 * Subscriptions at a subgraph's own GraphQL path, for gateways that pass them on (Hive
 * Gateway, Apollo Router, Cosmo): GraphQL over SSE, authorised like any HTTP request by the
 * caller assertion in its headers, and GraphQL over WebSocket (`graphql-transport-ws`), where
 * headers cannot carry one assertion per operation: the gateway sends it in `connection_init`
 * (`{ "x-sti-assertion": "..." }`), signed for the one subscription the connection then runs.
 * It is spent at connection time (a captured one cannot open a second connection), and the
 * connection runs one operation, only the one it was signed for, only while it lives.
 * Queries and mutations stay on HTTP, where the subgraph's other guards run.
 */
export function serveSubgraphSubscriptions(options: SubgraphSubscriptionOptions): SubgraphSubscriptions {
  const open = new Set<AsyncIterator<unknown>>();
  const track = async (args: ExecutionArgs) => {
    const result = await subscribe(args);
    if (!(Symbol.asyncIterator in result)) return result;
    open.add(result);
    const end = result.return?.bind(result);
    return Object.assign(result, {
      return: () => {
        open.delete(result);
        return end ? end() : Promise.resolve({ done: true as const, value: undefined });
      },
    });
  };
  const prepare = (
    request: SubgraphRequest,
    caller: Caller,
    headers: IncomingHttpHeaders,
  ): (ExecutionArgs & { contextValue: Record<string, unknown> }) | GraphQLError[] => {
    const prepared = prepareSubscription(options.schema, request);
    return Array.isArray(prepared) ? prepared : { ...prepared, contextValue: options.context(caller, headers) };
  };

  // WebSocket: the caller comes from connection_init, bound to the operation it may run.
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: options.maxMessageBytes });
  const bindings = new WeakMap<WebSocket, { bound: BoundCaller; spent: boolean }>();
  const wsCleanup = useServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>(
    {
      isProd: true,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        try {
          bindings.set(socket, { bound: await options.assertions.boundCaller(ctx.connectionParams?.[ASSERTION_HEADER]), spent: false });
          return true;
        } catch (error) {
          if (error instanceof AssertionCheckUnavailable) socket.close(WS_CLOSE_UNAVAILABLE, error.message);
          else if (error instanceof AssertionError) socket.close(WS_CLOSE_UNAUTHENTICATED, `Unauthenticated: ${error.message}`);
          else socket.close(CloseCode.InternalServerError, 'Internal server error');
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const binding = bindings.get(ctx.extra.socket);
        if (!binding) return [unauthenticated('The connection has no caller assertion')];
        if (binding.spent) return [unauthenticated('One connection runs one operation: its assertion is spent; open a new connection with a new assertion')];
        if (!binding.bound.allows(payload)) return [unauthenticated('The connection assertion was signed for another operation, or has expired')];
        binding.spent = true;
        return prepare(payload, binding.bound.caller, ctx.extra.request.headers);
      },
      subscribe: track,
    },
    wsServer,
  );

  // SSE, distinct connections mode only: the assertion (checked before) is bound to this request's body.
  const sseHandler = createHandler({
    onSubscribe: (req, params) => {
      const caller = req.context.res.locals.caller as Caller | undefined;
      const prepared = caller ? prepare(params, caller, req.raw.headers) : [unauthenticated('The request has no caller assertion')];
      // graphql-sse sends an object with `data` as the answer itself, one event.
      return Array.isArray(prepared) ? { data: null, errors: prepared } : prepared;
    },
    subscribe: track,
  });
  const sse: RequestHandler = (req, res, next) => {
    const single = req.method === 'PUT' || req.headers['x-graphql-event-stream-token'] !== undefined;
    if (single)
      return void res.status(400).json({
        errors: [
          {
            message: 'Only distinct event streams are served here: POST the subscription with Accept: text/event-stream',
            extensions: { code: ErrorCode.BadRequest },
          },
        ],
      });
    if (!req.headers.accept?.includes('text/event-stream')) return next();
    sseHandler(req, res).catch(next);
  };

  return {
    sse,
    async stop() {
      await Promise.all([...open].map((events) => events.return?.()));
      await wsCleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/** Parses and validates one subscription operation; anything else is refused with a code. */
function prepareSubscription(schema: GraphQLSchema, request: SubgraphRequest): Omit<ExecutionArgs, 'contextValue'> | GraphQLError[] {
  const parsed = parseOperationRequest(request, MAX_TOKENS);
  if (Array.isArray(parsed)) return parsed;
  const { document, operationName, variableValues } = parsed;
  const invalid = validate(schema, document);
  if (invalid.length > 0) return invalid.map((error) => new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
  const operation = getOperationAST(document, operationName);
  if (!operation) return [badRequest('"operationName" names no single operation of the document')];
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION)
    return [badRequest('Only subscriptions are served as streams; send queries and mutations over HTTP')];
  return { schema, document, operationName, variableValues };
}

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BadRequest } });
const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });
