import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { parse, type GraphQLFormattedError } from 'graphql';
import {
  AssertionCheckUnavailable,
  AssertionError,
  AssertionVerifier,
  internalAssertionSecret,
  serviceAssertionHeaders,
  type SubgraphRequest,
} from '../identity/assertion';
import type { Caller } from '../identity/caller';
import { refuseControlCharacters } from '../platform/control-characters';
import { createRequestContext, type RequestContext } from './context';
import { peersOf, type PeerUrls } from './peers';
import type { DatabaseHandle } from '../platform/db';
import type { SubgraphDefinition } from './definition';
import { ErrorCode, isClientFacing } from '../platform/errors';
import { executionLimitsFromEnv, executionLimitsPlugin, limitResolvers, type ExecutionLimits } from '../platform/execution-limits';
import { boundPort, closeServer, createHttpApp, jsonErrorHandler, listen, MAX_BODY_BYTES } from '../platform/http';
import { startOutboxRelay, type RunningRelay } from './outbox-relay';
import { graphqlMetricsPlugin } from '../platform/graphql-metrics';
import { loggerFor } from '../platform/logger';
import { serveSubgraphSubscriptions } from './subscriptions';
import { once } from '../platform/once';
import { kernelScalarResolvers } from '../platform/scalars';
import { sharedStoreFromEnv, type SharedStore } from '../platform/shared-store';

export const GRAPHQL_PATH = '/graphql';

/** A subgraph serving; `database` is typed by the subgraph's own schema where the caller knows it. */
export interface RunningSubgraph<TSchema extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  /** The subgraph's GraphQL endpoint, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string;
  port: number;
  database: DatabaseHandle<TSchema>;
  /** The outbox relay, for subgraphs with writes when a relay target is configured. */
  relay?: RunningRelay;
  /** Stops accepting, drains in-flight requests, then closes the database. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  port: number;
  host?: string;
  /** Where to relay committed outbox events (the integrations subgraph's ingest URL). */
  relayTo?: string;
  /** Where the other subgraphs answer GraphQL, for resolvers that ask them (context `peers`); none by default. */
  peerUrls?: PeerUrls;
  /** The secret caller assertions are signed with; default `INTERNAL_ASSERTION_SECRET` (see assertion.ts). */
  assertionSecret?: string;
  /**
   * Where used assertions are remembered; default from `REDIS_URL` (shared by replicas and
   * across restarts), else this process's memory. The caller closes a store it passes.
   */
  sharedStore?: SharedStore;
  /** What one request may make this subgraph do; default from `SUBGRAPH_MAX_*` (execution-limits.ts). */
  executionLimits?: Partial<ExecutionLimits>;
}

/**
 * Hides unexpected errors (a bug, a lost database connection) behind a stable code; the
 * details go to the log. Errors raised on purpose (BAD_USER_INPUT, NOT_FOUND...) pass through.
 */
export function maskUnexpectedErrors(service: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isClientFacing(formatted.extensions?.code)) return formatted;
    loggerFor(service).error({ err: error }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.Internal } };
  };
}

/** The plugins every Apollo server of the graph runs with: no reporting to Apollo's cloud, our own metrics. */
export function basePlugins(httpServer: Server, service: string): ApolloServerPlugin[] {
  return [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginUsageReportingDisabled(), graphqlMetricsPlugin(service)];
}

/** Serves a migrated subgraph database over GraphQL, with `/health` and `/ready`. */
export async function serveSubgraph<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
  database: DatabaseHandle<TSchema>,
  options: ServeOptions,
): Promise<RunningSubgraph<TSchema>> {
  const host = options.host ?? '127.0.0.1';
  const assertionSecret = options.assertionSecret ?? internalAssertionSecret();
  const ownStore = options.sharedStore ? undefined : await sharedStoreFromEnv();
  const assertions = new AssertionVerifier(assertionSecret, definition.name, options.sharedStore ?? ownStore);
  const executionLimits = { ...executionLimitsFromEnv(), ...options.executionLimits };
  const app = createHttpApp(definition.name);
  // Listen first so the drain plugin has the server; requests before `start` get 503 from /ready.
  const httpServer = await listen(app, options.port, host, `${definition.name} subgraph`, `${definition.name.toUpperCase()}_PORT`).catch(
    async (error: unknown) => {
      await ownStore?.close();
      throw error;
    },
  );

  const peersFor = (caller: Caller) => peersOf(options.peerUrls, assertionSecret, caller);
  const schema = refuseControlCharacters(
    limitResolvers(
      buildSubgraphSchema({
        typeDefs: parse(definition.typeDefs),
        // The subgraph's resolvers are checked against its generated types; the map itself is untyped here.
        resolvers: { ...kernelScalarResolvers, ...definition.resolvers } as GraphQLResolverMap<unknown>,
      }),
      definition.name,
      executionLimits,
    ),
  );
  const apollo = new ApolloServer<RequestContext<TSchema, TLoaders>>({
    schema,
    // Federated tracing only feeds Apollo's cloud reporting, which is off.
    plugins: [...basePlugins(httpServer, definition.name), ApolloServerPluginInlineTraceDisabled(), executionLimitsPlugin(definition.name, executionLimits)],
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpectedErrors(definition.name),
  });
  await apollo.start();

  let ready = true;
  app.get('/health', (_req, res) => void res.json({ status: 'ok', service: definition.name }));
  app.get('/ready', async (_req, res) => {
    try {
      if (!ready) throw new Error('shutting down');
      await database.ping();
      res.json({ status: 'ready', service: definition.name, database: database.driver });
    } catch {
      res.status(503).json({ status: 'unavailable', service: definition.name });
    }
  });
  // Everything but /health, /ready and public exports needs the gateway's (or a peer's) assertion.
  app.use(
    '/internal',
    requireAssertion(async (req) => void (await assertions.service(req.headers))),
  );
  if (definition.routes) {
    const router = express.Router();
    definition.routes(router, database.db);
    app.use(router);
  }
  // A schema with a Subscription type is served over WebSocket and SSE on the same path (subscriptions.ts).
  const subscriptions = schema.getSubscriptionType()
    ? serveSubgraphSubscriptions({
        httpServer,
        path: GRAPHQL_PATH,
        schema,
        assertions,
        context: (caller, headers) => ({ ...createRequestContext(database.db, definition.createLoaders, headers, caller, peersFor) }),
        maxMessageBytes: MAX_BODY_BYTES,
      })
    : undefined;
  app.use(
    GRAPHQL_PATH,
    requireAssertion(async (req, res) => void (res.locals.caller = await assertions.caller(req.headers, graphQLRequestOf(req)))),
    ...(subscriptions ? [subscriptions.sse] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => createRequestContext(database.db, definition.createLoaders, req.headers, res.locals.caller as Caller, peersFor),
    }),
  );
  app.use(jsonErrorHandler);
  const stopBackground = definition.background?.(database.db);
  const relay =
    definition.outbox && options.relayTo
      ? startOutboxRelay({
          source: definition.name,
          db: database.db,
          outbox: definition.outbox,
          targetUrl: options.relayTo,
          headers: () => serviceAssertionHeaders(assertionSecret, definition.name),
        })
      : undefined;

  const port = boundPort(httpServer);
  return {
    name: definition.name,
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    database,
    ...(relay ? { relay } : {}),
    stop: once(async () => {
      ready = false;
      await subscriptions?.stop();
      await relay?.stop();
      await stopBackground?.();
      await apollo.stop(); // drains the HTTP server too
      await closeServer(httpServer);
      await database.close();
      await ownStore?.close();
    }),
  };
}

/**
 * Refuses a request whose assertion `check` rejects with HTTP 401 UNAUTHENTICATED (503 when
 * it cannot be checked now), before it reaches Apollo or a route: `_entities` and `_service`
 * are GraphQL requests like any other.
 */
function requireAssertion(check: (req: express.Request, res: express.Response) => Promise<void>): express.RequestHandler {
  return (req, res, next) => {
    check(req, res).then(
      () => next(),
      (error: unknown) => {
        if (error instanceof AssertionCheckUnavailable) {
          return void res
            .status(503)
            .set('Retry-After', '1')
            .json({ errors: [{ message: error.message, extensions: { code: ErrorCode.ServiceUnavailable } }] });
        }
        if (!(error instanceof AssertionError)) return next(error);
        res.status(401).json({ errors: [{ message: error.message, extensions: { code: ErrorCode.Unauthenticated } }] });
      },
    );
  };
}

/** The operation a GraphQL HTTP request carries, as Apollo will read it: the JSON body, or a GET's query string. */
function graphQLRequestOf(req: express.Request): SubgraphRequest {
  if (req.method !== 'GET') return req.body && typeof req.body === 'object' ? (req.body as SubgraphRequest) : {};
  const { query, operationName, variables } = req.query;
  let parsed: unknown = variables;
  try {
    if (typeof variables === 'string') parsed = JSON.parse(variables);
  } catch {
    parsed = variables; // unreadable: its digest matches no assertion
  }
  return { query, operationName, ...(parsed !== undefined ? { variables: parsed } : {}) };
}
