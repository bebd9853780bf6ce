import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import '../subgraphs/kernel/env'; // disables Apollo telemetry before Apollo loads
import { once } from '../subgraphs/kernel/once';
import { boundPort, closeServer, createHttpApp, jsonErrorHandler, listen } from '../subgraphs/kernel/http';
import { basePlugins, GRAPHQL_PATH, maskUnexpectedErrors } from '../subgraphs/kernel/server';
import { gatewayAuth } from './auth';
import { requestOrigin, type TrustProxy } from './auth/origin';
import type { GatewayConfig } from './config';
import { SubgraphDataSource } from './data-source';
import { DEFAULT_EXPORTS, mountExportProxies } from './export-proxy';
import { listSizesFromSdl, registerListSizes } from './limits/list-sizes';
import { hardenedApolloOptions, mountHardening, resolveHardening } from './hardening';
import { startSubscriptionServer, type SubscriptionServer } from './subscriptions/server';
import { supergraphFromFile } from './supergraph';
import { CHANGE_HEAD_PATH } from '../subgraphs/kernel/internal-paths';
import type { GraphQLSchema } from 'graphql';

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The public entry point: an Apollo Server running `@apollo/gateway` over the static
 * supergraph in `schema/`. Subgraph URLs come from configuration, not from the supergraph.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  // Bearer JWTs and API keys in, caller assertions out (gateway/auth/).
  const auth = gatewayAuth({ ...config, ...(config.subgraphUrls.integrations ? { integrationsUrl: config.subgraphUrls.integrations } : {}) });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, config.subgraphUrls[name] ?? url ?? '', config.subgraphTimeoutMs, auth.assertionFor),
  });

  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    // The API schema drops `@listSize`; the cost estimate reads it from the supergraph.
    registerListSizes(schema, listSizesFromSdl(coreSupergraphSdl));
    apiSchema = schema;
  });

  const hardening = resolveHardening(config);
  const app = createHttpApp(hardening.maxBody);
  mountHardening(app, config); // CORS, rate limit, token limit: before everything on the GraphQL path
  const trustProxy = app.get('trust proxy fn') as TrustProxy;
  const httpServer = await listen(app, config.port, config.host, 'gateway', 'GATEWAY_PORT');
  const apollo = new ApolloServer(
    hardenedApolloOptions(config, {
      gateway,
      plugins: basePlugins(httpServer),
      includeStacktraceInErrorResponses: false,
      formatError: maskUnexpectedErrors('gateway'),
    }),
  );
  try {
    await apollo.start();
  } catch (error) {
    await closeServer(httpServer);
    throw error;
  }

  let ready = true;
  app.get('/health', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
  app.get('/ready', async (_req, res) => {
    const subgraphs = await subgraphReadiness(config);
    const allReady = ready && Object.values(subgraphs).every((state) => state === 'ready');
    res.status(allReady ? 200 : 503).json({ status: allReady ? 'ready' : 'unavailable', subgraphs });
  });
  mountExportProxies(app, config.exports ?? DEFAULT_EXPORTS, config.subgraphUrls, config.subgraphTimeoutMs);
  const port = boundPort(httpServer);
  const url = `http://${config.host}:${port}${GRAPHQL_PATH}`;
  // Subscriptions need the change log: only when the integrations subgraph is part of the graph.
  const integrationsUrl = config.subgraphUrls.integrations;
  const subscriptions: SubscriptionServer | undefined = integrationsUrl
    ? startSubscriptionServer({
        app,
        httpServer,
        path: GRAPHQL_PATH,
        gatewayUrl: `http://127.0.0.1:${port}${GRAPHQL_PATH}`,
        headUrl: new URL(CHANGE_HEAD_PATH, integrationsUrl).toString(),
        schema: () => apiSchema,
        auth,
        trustProxy,
        webSocketLimits: hardening.webSocket,
      })
    : undefined;
  app.use(GRAPHQL_PATH, expressMiddleware(apollo, { context: async ({ req }) => auth.context(req.headers, requestOrigin(req, trustProxy)) }));
  app.use(jsonErrorHandler);

  return {
    url,
    port,
    stop: once(async () => {
      ready = false;
      await subscriptions?.stop();
      await apollo.stop();
      await closeServer(httpServer);
    }),
  };
}

/** Asks each subgraph's `/ready`; a subgraph is named, its URL is not. */
async function subgraphReadiness(config: GatewayConfig): Promise<Record<string, 'ready' | 'unavailable'>> {
  const entries = await Promise.all(
    Object.entries(config.subgraphUrls).map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2_000) });
        return [name, response.ok ? 'ready' : 'unavailable'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
