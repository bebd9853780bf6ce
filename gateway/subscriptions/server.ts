import type { IncomingMessage, Server } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
import { GraphQLError, print, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { operationLimitsOf, subscriptionOverLimits } from '../limits/operation-limits';
import { admissionOf, admit, internalRequestHeaders, RateLimited, rateLimitKey, type Admission, type RateLimiter } from '../limits/rate-limit';
import { MessageRate, rateLimitedReason, tooManySubscriptions, WS_CLOSE_RATE_LIMITED, type WebSocketLimits } from '../limits/websocket-limits';
import {
  ConnectionCounter,
  credentialKeyOf,
  tooManyConnectionsError,
  tooManyConnectionsMessage,
  WS_CLOSE_TOO_MANY_CONNECTIONS,
  type ConnectionLimits,
} from '../limits/connection-limits';
import type { RequestGuardLimits } from '../limits/request-guard';
import { AuthenticationError, CredentialCheckUnavailable, type GatewayAuth } from '../auth';
import { clientIp, originHeaders, requestOrigin, type TrustProxy } from '../auth/origin';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { prepareOperation, type OperationRequest } from './prepare-operation';
import { ChangeHead } from './change-head';
import { changeFeed, type PageResponse } from './change-feed';
import { SharedReads } from './shared-reads';
import { CoalescingWebSocket } from './coalescing-websocket';
import { asksForMultipartSubscription, isSubscription, streamMultipart } from './multipart';
import { subscribers } from '../../subgraphs/kernel/platform/metrics';

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
  /**
   * Called when the change log's head moves, before subscribers wake to read it: the gateway
   * stops sharing fetches begun earlier, so a subscriber never reads an entity older than its event.
   */
  onLogAdvance?: () => void;
  /** Token and nesting limits, checked before a document is parsed (as on HTTP). */
  requestGuard: RequestGuardLimits;
  /** Largest WebSocket message, in bytes (GATEWAY_MAX_BODY, as for HTTP bodies). */
  maxMessageBytes: number;
  /** Open WebSocket connections and SSE streams per client IP and per credential. */
  connections: ConnectionLimits;
  /** Production: no field suggestions in validation errors, no internal error text in close reasons. */
  production: boolean;
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
 * GraphQL over WebSocket (`graphql-transport-ws`, library graphql-ws), over Server-Sent
 * Events (library graphql-sse) and over multipart HTTP (Apollo Client's HttpLink, see
 * multipart.ts). All run the same change feed under the same admission; queries and
 * mutations sent over WebSocket and SSE are forwarded to the gateway's HTTP endpoint.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const head = new ChangeHead(options.headUrl, undefined, options.auth.serviceHeaders, options.onLogAdvance);
  head.start();
  const reads = new SharedReads<PageResponse>();
  const open = new Set<AbortController>();

  const limits = operationLimitsOf(options.app.locals);
  /** Runs the change feed for a subscriber on `transport`, counted in `sti_subscribers` while open. */
  const subscribeOver = (transport: 'websocket' | 'sse' | 'multipart') => (args: ExecutionArgs) => {
    // Over the gateway's operation limits: refused before the feed reads anything.
    const overLimits = subscriptionOverLimits(args, limits);
    if (overLimits) return { errors: [overLimits] } satisfies ExecutionResult;
    const controller = new AbortController();
    open.add(controller);
    subscribers.inc({ transport });
    let counted = true;
    const closed = () => {
      open.delete(controller);
      if (counted) subscribers.dec({ transport });
      counted = false;
    };
    const context = args.contextValue as SubscriberContext;
    let generator: AsyncGenerator<ExecutionResult>;
    try {
      generator = changeFeed(
        {
          document: args.document,
          variables: (args.variableValues as Record<string, unknown>) ?? {},
          operationName: args.operationName ?? null,
          headers: context.headers,
        },
        { gatewayUrl: options.gatewayUrl, head, reads },
        controller.signal,
      );
    } catch (error) {
      closed();
      return { errors: [asGraphQLError(error)] } satisfies ExecutionResult;
    }
    // Ending a subscription aborts its waits and reads at once instead of at the next event.
    const end = async () => {
      controller.abort();
      closed();
      return generator.return(undefined);
    };
    const iterator: AsyncGenerator<ExecutionResult> = {
      next: () =>
        generator.next().catch((error: unknown) => {
          closed();
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

  // A query or mutation is the HTTP endpoint's to answer; a failure to reach it is an error for that operation, never a closed socket.
  const execute = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    try {
      const response = await fetch(options.gatewayUrl, {
        method: 'POST',
        headers: { ...(args.contextValue as SubscriberContext).headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(args.document), variables: args.variableValues, operationName: args.operationName }),
      });
      return (await response.json()) as ExecutionResult;
    } catch {
      return { errors: [new GraphQLError('The operation failed; retry shortly', { extensions: { code: ErrorCode.ServiceUnavailable } })] };
    }
  };

  // Parsed and validated here, after the size limits, as HTTP requests are (never by graphql-ws or graphql-sse themselves).
  const prepare = (request: OperationRequest) => {
    const schema = options.schema();
    if (!schema) return [new GraphQLError('The graph is starting; retry shortly', { extensions: { code: ErrorCode.ServiceUnavailable } })];
    return prepareOperation(request, { schema, guard: options.requestGuard, production: options.production });
  };

  const perIp = new ConnectionCounter(options.connections.perIp);
  const perCredential = new ConnectionCounter(options.connections.perCredential);

  // WebSocket: upgrade requests on the GraphQL path only; a message over GATEWAY_MAX_BODY closes the connection (1009) before it is read.
  // Each connection's frames of one turn leave in one write (coalescing-websocket.ts).
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: options.maxMessageBytes, WebSocket: CoalescingWebSocket });
  // Each connection's address cap and message rate, counted before graphql-ws reads anything (these listeners are attached first).
  const wsLimits = options.webSocketLimits;
  const overRate = new WeakSet<WebSocket>();
  // Each connection's rate-limit bucket (its caller's, as for HTTP), decided when it connected.
  const bucketOf = new WeakMap<WebSocket, string>();
  wsServer.on('connection', (socket, request) => {
    socket.coalesceOn(request.socket);
    const release = perIp.take(clientIp(request, options.trustProxy));
    if (!release) return socket.close(WS_CLOSE_TOO_MANY_CONNECTIONS, tooManyConnectionsMessage('per IP', perIp.max));
    socket.once('close', release);
    // ws reports a client's protocol error (a message over maxPayload, bad UTF-8...) as an 'error' after closing the connection
    // with the matching code (1009, 1007...); graphql-ws would log each as an internal error with a stack trace. Once every
    // 'connection' listener has run, a quiet one takes its place.
    queueMicrotask(() => socket.removeAllListeners('error').on('error', () => undefined));
    const rate = new MessageRate(wsLimits);
    socket.on('message', () => {
      if (overRate.has(socket) || rate.take()) return;
      overRate.add(socket);
      socket.close(WS_CLOSE_RATE_LIMITED, rateLimitedReason(wsLimits));
    });
  });
  const wsCleanup = useServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>(
    {
      isProd: options.production,
      // A bad or expired credential closes the socket with 4401 and the reason (4503 when it cannot be checked now), never runs
      // anonymously; connecting costs one request of the caller's rate limit (4429 over it); a credential already holding its
      // maximum of connections closes it with 4429.
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const headers = { ...pickHeaders(ctx.extra.request.headers), ...pickHeaders(ctx.connectionParams ?? {}) };
        const ip = clientIp(ctx.extra.request, options.trustProxy);
        const admission = await admit(options.auth.authenticate, options.limiter, headers, ip);
        if (!('caller' in admission)) {
          const refusal = refusalOf(admission);
          if (refusal) socket.close(refusal.close, refusal.reason);
          return false;
        }
        const release = perCredential.take(credentialKeyOf(admission.caller));
        if (!release) {
          socket.close(WS_CLOSE_TOO_MANY_CONNECTIONS, tooManyConnectionsMessage('per credential', perCredential.max));
          return false;
        }
        socket.once('close', release);
        bucketOf.set(socket, rateLimitKey(admission.caller, ip));
        return true;
      },
      // The message that went over the rate is not run; nor is an operation beyond the connection's maximum,
      // nor one over its caller's rate limit (each operation counts as one HTTP request would).
      onSubscribe: async (ctx, _id, payload) => {
        if (overRate.has(ctx.extra.socket)) return [new GraphQLError(rateLimitedReason(wsLimits), { extensions: { code: ErrorCode.RateLimited } })];
        if (Object.keys(ctx.subscriptions).length > wsLimits.maxSubscriptions) return [tooManySubscriptions(wsLimits.maxSubscriptions)];
        try {
          await options.limiter.take(bucketOf.get(ctx.extra.socket) ?? rateLimitKey(null, clientIp(ctx.extra.request, options.trustProxy)));
        } catch (error) {
          if (!(error instanceof RateLimited)) throw error;
          return [new GraphQLError(error.message, { extensions: { code: ErrorCode.RateLimited, retryAfter: error.retryAfter } })];
        }
        return prepare(payload);
      },
      context: (ctx) => ({
        headers: {
          ...pickHeaders(ctx.extra.request.headers),
          ...pickHeaders(ctx.connectionParams ?? {}),
          ...internalRequestHeaders,
          ...originHeaders(requestOrigin(ctx.extra.request, options.trustProxy)),
        },
      }),
      subscribe: subscribeOver('websocket'),
      execute,
      // Sent as they are: results forwarded from the HTTP endpoint hold errors already formatted (plain objects, which
      // graphql-ws's own formatting, `error.toJSON()`, would fail on and close the socket with 4500), and JSON.stringify
      // formats the change feed's GraphQLErrors itself.
      onNext: (_ctx, _id, _payload, _args, result) => result,
    },
    wsServer,
    12_000,
  );

  // SSE: requests that ask for an event stream (graphql-sse's distinct and single connection modes).
  const sseContext = (req: { raw: Request }) => ({
    headers: { ...pickHeaders(req.raw.headers), ...internalRequestHeaders, ...originHeaders(requestOrigin(req.raw, options.trustProxy)) },
  });
  const sseHandler = createHandler({
    onSubscribe: (req, params) => {
      const prepared = prepare(params);
      // graphql-sse takes an object with `data` as the answer itself, streamed as one event.
      return Array.isArray(prepared) ? { data: null, errors: prepared } : { ...prepared, contextValue: sseContext(req) };
    },
    context: sseContext,
    subscribe: subscribeOver('sse'),
    execute,
  });
  /**
   * Admits a request on the stream transports (SSE, multipart HTTP): answers a refusal and
   * returns false, or, for a request that opens a stream, holds a place of the client's address
   * and credential until the response ends.
   */
  const admitStream = (req: Request, res: Response, opensStream: boolean): boolean => {
    // Authenticated (and counted) by the rate limit's middleware before this handler.
    const admission = admissionOf(res);
    const refusal = admission ? refusalOf(admission) : null;
    if (refusal) {
      if (refusal.status === 503) res.set('Retry-After', '5');
      res.status(refusal.status).json({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
      return false;
    }
    if (!opensStream) return true;
    const caller: Caller | null = admission && 'caller' in admission ? admission.caller : null;
    const places = [
      [perIp.take(clientIp(req, options.trustProxy)), 'per IP', perIp.max],
      [perCredential.take(caller ? credentialKeyOf(caller) : null), 'per credential', perCredential.max],
    ] as const;
    const refused = places.find(([release]) => release === null);
    const releaseAll = () => places.forEach(([release]) => release?.());
    if (refused) {
      releaseAll();
      const error = tooManyConnectionsError(refused[1], refused[2]);
      res.status(429).json({ errors: [{ message: error.message, extensions: error.extensions }] });
      return false;
    }
    res.once('close', releaseAll);
    return true;
  };

  // Multipart HTTP (Apollo Client's HttpLink): a subscription POSTed with its Accept header; anything else goes on to Apollo Server.
  const serveMultipart = async (req: Request, res: Response, next: NextFunction) => {
    const prepared = prepare(req.body ?? {});
    if (Array.isArray(prepared)) return void res.status(400).json({ errors: prepared });
    if (!isSubscription(prepared)) return next();
    if (!admitStream(req, res, true)) return;
    await streamMultipart(res, { results: await subscribeOver('multipart')({ ...prepared, contextValue: sseContext({ raw: req }) }) });
  };

  options.app.use(options.path, (req: Request, res: Response, next: NextFunction) => {
    if (asksForMultipartSubscription(req)) return void serveMultipart(req, res, next).catch(next);
    const opensStream = req.headers.accept?.includes('text/event-stream') === true;
    const wantsStream = opensStream || req.headers['x-graphql-event-stream-token'] !== undefined || req.method === 'PUT';
    if (!wantsStream) return next();
    if (!admitStream(req, res, opensStream)) return;
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
    return {
      status: 503,
      code: ErrorCode.ServiceUnavailable,
      message: refused.message,
      close: 4503,
      reason: closeReason(`Service unavailable: ${refused.message}`),
    };
  }
  return {
    status: 429,
    code: ErrorCode.RateLimited,
    message: refused.message,
    close: WS_CLOSE_RATE_LIMITED,
    reason: closeReason(`Rate limited: ${refused.message}`),
  };
}

/** A WebSocket close reason may hold 123 bytes. */
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123
    ? text
    : bytes
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD$/, '') + '...';
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
