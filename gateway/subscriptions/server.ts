import type { IncomingMessage, Server } from 'node:http';
import type { Express, Request } from 'express';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode } from '../../subgraphs/kernel/errors';
import { operationLimitsOf, subscriptionOverLimits } from '../limits/operation-limits';
import { admissionOf, admit, internalRequestHeaders, RateLimited, rateLimitKey, type Admission, type RateLimiter } from '../limits/rate-limit';
import { MessageRate, rateLimitedReason, tooManySubscriptions, WS_CLOSE_RATE_LIMITED, type WebSocketLimits } from '../limits/websocket-limits';
import { AuthenticationError, CredentialCheckUnavailable, type GatewayAuth } from '../auth';
import { clientIp, originHeaders, requestOrigin, type TrustProxy } from '../auth/origin';
import { ChangeHead } from './change-head';
import { changeFeed } from './change-feed';

/**
 * Request headers a subscription forwards on every read: the subscriber's credentials (and
 * the gateway's internal marker, so these reads do not count against the rate limit, with
 * the subscriber's origin for the audit log).
 */
const FORWARDED_HEADERS = ['authorization', 'x-api-key'];

export interface SubscriptionServerOptions {
  app: Express;
  httpServer: Server;
  path: string;
  /** The gateway's own GraphQL URL, for reads made on a subscriber's behalf. */
  gatewayUrl: string;
  /** The integrations subgraph's head long-poll URL. */
  headUrl: string;
  /** The client-facing schema, current after every supergraph reload. */
  schema: () => GraphQLSchema | undefined;
  /** Checks subscribers' credentials at connection time; signs the head long poll's service assertion. */
  auth: Pick<GatewayAuth, 'authenticate' | 'serviceHeaders'>;
  /** The HTTP path's rate limit: each operation sent over a WebSocket spends from its caller's bucket. */
  limiter: RateLimiter;
  /** Which proxies' `X-Forwarded-For` tells the subscriber's address (GATEWAY_TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** Per WebSocket connection: message rate and concurrent operations. */
  webSocketLimits: WebSocketLimits;
}

export interface SubscriptionServer {
  /** Ends every open subscription (clients get a clean close) and stops watching the log. */
  stop(): Promise<void>;
}

interface SubscriberContext {
  headers: Record<string, string>;
}

/**
 * Live subscriptions on the gateway's GraphQL path, which `@apollo/gateway` cannot execute:
 * GraphQL over WebSocket (`graphql-transport-ws`, library graphql-ws) and over Server-Sent
 * Events (library graphql-sse). Both run the same change feed; queries and mutations sent
 * over them are forwarded to the gateway's HTTP endpoint.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const head = new ChangeHead(options.headUrl, undefined, options.auth.serviceHeaders);
  head.start();
  const open = new Set<AbortController>();

  const limits = operationLimitsOf(options.app.locals);
  const subscribe = (args: ExecutionArgs) => {
    // Over the gateway's operation limits: refused before the feed reads anything.
    const overLimits = subscriptionOverLimits(args, limits);
    if (overLimits) return { errors: [overLimits] } satisfies ExecutionResult;
    const controller = new AbortController();
    open.add(controller);
    const context = args.contextValue as SubscriberContext;
    let generator: AsyncGenerator<ExecutionResult>;
    try {
      generator = changeFeed(
        { document: args.document, variables: (args.variableValues as Record<string, unknown>) ?? {}, operationName: args.operationName ?? null, headers: context.headers },
        { gatewayUrl: options.gatewayUrl, head },
        controller.signal,
      );
    } catch (error) {
      open.delete(controller);
      return { errors: [asGraphQLError(error)] } satisfies ExecutionResult;
    }
    // Ending a subscription aborts its waits and reads at once instead of at the next event.
    const end = async () => {
      controller.abort();
      open.delete(controller);
      return generator.return(undefined);
    };
    const iterator: AsyncGenerator<ExecutionResult> = {
      next: () =>
        generator.next().catch((error: unknown) => {
          open.delete(controller);
          return { done: false, value: { errors: [asGraphQLError(error)] } };
        }),
      return: end,
      throw: async (error) => {
        await end();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  };

  const execute = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const { print } = await import('graphql');
    const response = await fetch(options.gatewayUrl, {
      method: 'POST',
      headers: { ...(args.contextValue as SubscriberContext).headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(args.document), variables: args.variableValues, operationName: args.operationName }),
    });
    return (await response.json()) as ExecutionResult;
  };

  const schemaOrFail = () => {
    const schema = options.schema();
    if (!schema) throw new GraphQLError('The graph is starting; retry shortly', { extensions: { code: ErrorCode.ServiceUnavailable } });
    return schema;
  };

  // WebSocket: upgrade requests on the GraphQL path only.
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  // Each connection's message rate, counted before graphql-ws reads the message (this listener is attached first).
  const wsLimits = options.webSocketLimits;
  const overRate = new WeakSet<WebSocket>();
  // Each connection's rate-limit bucket (its caller's, as for HTTP), decided when it connected.
  const bucketOf = new WeakMap<WebSocket, string>();
  wsServer.on('connection', (socket) => {
    const rate = new MessageRate(wsLimits);
    socket.on('message', () => {
      if (overRate.has(socket) || rate.take()) return;
      overRate.add(socket);
      socket.close(WS_CLOSE_RATE_LIMITED, rateLimitedReason(wsLimits));
    });
  });
  const wsCleanup = useServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>(
    {
      schema: schemaOrFail,
      // A bad or expired credential closes the socket with 4401 and the reason (4503 when it cannot be checked now), never runs anonymously.
      // Connecting costs one request of the caller's rate limit (4429 over it).
      onConnect: async (ctx) => {
        const headers = { ...pickHeaders(ctx.extra.request.headers), ...pickHeaders(ctx.connectionParams ?? {}) };
        const ip = clientIp(ctx.extra.request, options.trustProxy);
        const admission = await admit(options.auth.authenticate, options.limiter, headers, ip);
        const refusal = refusalOf(admission);
        if (refusal) ctx.extra.socket.close(refusal.close, refusal.reason);
        else if ('caller' in admission) bucketOf.set(ctx.extra.socket, rateLimitKey(admission.caller, ip));
        return refusal === null;
      },
      // The message that went over the rate is not run; nor is an operation beyond the connection's maximum,
      // nor one over its caller's rate limit (each operation counts as one HTTP request would).
      onSubscribe: async (ctx) => {
        if (overRate.has(ctx.extra.socket)) return [new GraphQLError(rateLimitedReason(wsLimits), { extensions: { code: ErrorCode.RateLimited } })];
        if (Object.keys(ctx.subscriptions).length > wsLimits.maxSubscriptions) return [tooManySubscriptions(wsLimits.maxSubscriptions)];
        try {
          await options.limiter.take(bucketOf.get(ctx.extra.socket) ?? rateLimitKey(null, clientIp(ctx.extra.request, options.trustProxy)));
        } catch (error) {
          if (!(error instanceof RateLimited)) throw error;
          return [new GraphQLError(error.message, { extensions: { code: ErrorCode.RateLimited, retryAfter: error.retryAfter } })];
        }
        return undefined;
      },
      context: (ctx) => ({
        headers: {
          ...pickHeaders(ctx.extra.request.headers),
          ...pickHeaders(ctx.connectionParams ?? {}),
          ...internalRequestHeaders,
          ...originHeaders(requestOrigin(ctx.extra.request, options.trustProxy)),
        },
      }),
      subscribe,
      execute,
    },
    wsServer,
    12_000,
  );

  // SSE: requests that ask for an event stream (graphql-sse's distinct and single connection modes).
  const sseHandler = createHandler({
    schema: schemaOrFail,
    context: (req) => ({
      headers: { ...pickHeaders(req.raw.headers), ...internalRequestHeaders, ...originHeaders(requestOrigin(req.raw, options.trustProxy)) },
    }),
    subscribe,
    execute,
  });
  options.app.use(options.path, (req: Request, res, next) => {
    const wantsStream = req.headers.accept?.includes('text/event-stream') || req.headers['x-graphql-event-stream-token'] !== undefined || req.method === 'PUT';
    if (!wantsStream) return next();
    // Authenticated (and counted) by the rate limit's middleware before this handler.
    const admission = admissionOf(res);
    const refusal = admission ? refusalOf(admission) : null;
    if (refusal) {
      if (refusal.status === 503) res.set('Retry-After', '5');
      return void res.status(refusal.status).json({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
    }
    sseHandler(req, res).catch(next);
  });

  return {
    async stop() {
      for (const controller of open) controller.abort();
      await wsCleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await head.stop();
    },
  };
}

interface Refusal {
  status: 401 | 429 | 503;
  code: ErrorCode;
  message: string;
  /** The WebSocket close code and reason. */
  close: number;
  reason: string;
}

/** Why a subscriber is refused, or null when it is admitted (no credential is fine: anonymous). */
function refusalOf(admission: Admission): Refusal | null {
  if ('caller' in admission) return null;
  const { refused } = admission;
  if (refused instanceof AuthenticationError) {
    return { status: 401, code: ErrorCode.Unauthenticated, message: refused.message, close: 4401, reason: closeReason(`Unauthenticated: ${refused.message}`) };
  }
  if (refused instanceof CredentialCheckUnavailable) {
    return { status: 503, code: ErrorCode.ServiceUnavailable, message: refused.message, close: 4503, reason: closeReason(`Service unavailable: ${refused.message}`) };
  }
  return { status: 429, code: ErrorCode.RateLimited, message: refused.message, close: WS_CLOSE_RATE_LIMITED, reason: closeReason(`Rate limited: ${refused.message}`) };
}

/** A WebSocket close reason may hold 123 bytes. */
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '') + '...';
}

function pickHeaders(source: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    const lower = name.toLowerCase();
    if (FORWARDED_HEADERS.includes(lower) && typeof value === 'string') headers[lower] = value;
  }
  return headers;
}

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError('The subscription failed; resume from your last cursor', { extensions: { code: ErrorCode.ServiceUnavailable } });
}
