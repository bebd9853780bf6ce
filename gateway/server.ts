import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import '../subgraphs/kernel/platform/env'; // disables Apollo telemetry before Apollo loads
import { once } from '../subgraphs/kernel/platform/once';
import { publicUrl } from '../subgraphs/kernel/platform/public-url';
import { boundPort, closeServer, createHttpApp, jsonErrorHandler, listen } from '../subgraphs/kernel/platform/http';
import { basePlugins, GRAPHQL_PATH, maskUnexpectedErrors } from '../subgraphs/kernel/subgraph/server';
import { gatewayAuth } from './auth';
import { clientIp, requestOrigin, type TrustProxy } from './auth/origin';
import type { GatewayConfig } from './config';
import { WorkSharing } from './cache';
import { cacheHeaderDefaults, responseCachePlugin } from './cache/response-cache';
import { cachedAnswers } from './cache/cached-answers';
import { frontDoor } from './cache/front-door';
import { SubgraphDataSource } from './data-source';
import { explorerEnabled, mountExplorer } from './explorer';
import { mountDcat } from './dcat/routes';
import { publishersThroughGraph } from './dcat/publishers';
import { listSizesFromSdl, registerListSizes } from './limits/list-sizes';
import { hardenedApolloOptions, mountHardening, resolveHardening } from './hardening';
import { byteSize } from './limits/request-guard';
import { startSubscriptionServer, type SubscriptionServer } from './subscriptions/server';
import { supergraphFromFile } from './supergraph';
import { CHANGE_HEAD_PATH } from '../subgraphs/kernel/platform/internal-paths';
import { useAsyncContext } from '../subgraphs/kernel/platform/tracing';
import { sharedStoreFromEnv } from '../subgraphs/kernel/platform/shared-store';
import { readEnv } from '../subgraphs/kernel/platform/env';
import { admissionOf, RateLimiter } from './limits/rate-limit';
import type { GraphQLSchema } from 'graphql';
import { queryPlanCache } from '../subgraphs/kernel/platform/metrics';

export interface RunningGateway {
  url: string;
  port: number;
  /** Deduplication and the response cache (their counters, for tests and the benchmark). */
  sharing: WorkSharing;
  stop(): Promise<void>;
}

/**
 * The public entry point: an Apollo Server running `@apollo/gateway` over the static
 * supergraph in `schema/`. Subgraph URLs come from configuration, not from the supergraph.
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  // Each subgraph fetch carries its request's trace and id: context must follow the awaits in between.
  useAsyncContext();
  // Bearer JWTs and API keys in, caller assertions out (gateway/auth/).
  publicUrl(); // a malformed PUBLIC_URL stops the start, not a harvester's request
  const auth = gatewayAuth({ ...config, ...(config.subgraphUrls.integrations ? { integrationsUrl: config.subgraphUrls.integrations } : {}) });
  // Identical requests share work: deduplicated subgraph fetches, cached anonymous answers (gateway/cache/).
  const sharing = new WorkSharing({
    ...(config.workSharing ? { settings: config.workSharing } : {}),
    ...(config.subgraphUrls.integrations ? { integrationsUrl: config.subgraphUrls.integrations } : {}),
    serviceHeaders: auth.serviceHeaders,
    // With REDIS_URL the response cache is shared by every instance, like the rate limit (tests inject their stores and never share).
    ...(config.responseCacheStore ? { store: config.responseCacheStore } : config.sharedStore ? {} : redisFromEnv()),
  });
  const plans = new WeakSet<object>(); // the plan cache hands back the object it stored: seen before = a hit
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath),
    experimental_didResolveQueryPlan: ({ queryPlan }) => {
      queryPlanCache.inc({ result: plans.has(queryPlan) ? 'hit' : 'miss' });
      plans.add(queryPlan);
    },
    buildService: ({ name, url }) => new SubgraphDataSource(name, config.subgraphUrls[name] ?? url ?? '', config.subgraphTimeoutMs, auth.assertionFor, sharing),
  });

  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    if (apiSchema) void sharing.schemaChanged();
    // The API schema drops `@listSize`; the cost estimate reads it from the supergraph.
    registerListSizes(schema, listSizesFromSdl(coreSupergraphSdl));
    apiSchema = schema;
  });

  const hardening = resolveHardening(config);
  // Rate-limit buckets: in Redis with REDIS_URL (shared by every gateway instance), else in memory.
  const ownStore = config.sharedStore ? undefined : await sharedStoreFromEnv();
  const limiter = new RateLimiter(config.sharedStore ?? ownStore!, hardening.rateLimit);
  const app = createHttpApp('gateway', hardening.maxBody, hardening.production);
  app.use(GRAPHQL_PATH, cacheHeaderDefaults); // no-store unless the response cache marks an answer public
  const { cors } = mountHardening(app, config, { authenticate: auth.authenticate, limiter }); // CORS, authentication and rate limit, token limit: before everything on the GraphQL path
  const trustProxy = app.get('trust proxy fn') as TrustProxy;
  // A spike of one public page is answered before Express, from the response cache (cache/front-door.ts).
  const entry = frontDoor(
    { sharing, authenticate: auth.authenticate, limiter, ipOf: (req) => clientIp(req, trustProxy), cors, maxBodyBytes: byteSize(hardening.maxBody) },
    app,
  );
  const httpServer = await listen(entry, config.port, config.host, 'gateway', 'GATEWAY_PORT').catch(async (error: unknown) => {
    await ownStore?.close();
    throw error;
  });
  const apollo = new ApolloServer(
    hardenedApolloOptions(config, {
      gateway,
      // The gateway sets Cache-Control itself (response-cache.ts), not from cache hints; Apollo's
      // landing page loads the Sandbox from a CDN, so browsers get the bundled explorer instead.
      plugins: [
        ...basePlugins(httpServer, 'gateway'),
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginLandingPageDisabled(),
        responseCachePlugin(sharing),
      ],
      includeStacktraceInErrorResponses: false,
      formatError: maskUnexpectedErrors('gateway'),
    }),
  );
  try {
    await apollo.start();
  } catch (error) {
    await sharing.stop();
    await closeServer(httpServer);
    await ownStore?.close();
    throw error;
  }

  sharing.start();
  let ready = true;
  app.get('/health', (_req, res) => void res.json({ status: 'ok', service: 'gateway' }));
  app.get('/ready', async (_req, res) => {
    const subgraphs = await subgraphReadiness(config);
    const allReady = ready && Object.values(subgraphs).every((state) => state === 'ready');
    res.status(allReady ? 200 : 503).json({ status: allReady ? 'ready' : 'unavailable', subgraphs });
  });
  // The DCAT-AP export (gateway/dcat): the catalogue's resources, with publishers named through the graph.
  if (config.subgraphUrls.catalogue) {
    mountDcat(app, {
      catalogueOrigin: new URL(config.subgraphUrls.catalogue).origin,
      findPublishers: publishersThroughGraph(apollo),
      timeoutMs: config.subgraphTimeoutMs,
    });
  }
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
        limiter,
        trustProxy,
        webSocketLimits: hardening.webSocket,
        onLogAdvance: () => sharing.epoch.advance(),
        requestGuard: { maxTokens: hardening.limits.maxTokens, maxNesting: hardening.maxNesting },
        maxMessageBytes: byteSize(hardening.maxBody),
        connections: hardening.connections,
        production: hardening.production,
      })
    : undefined;
  if (config.explorer ?? explorerEnabled(hardening.production)) mountExplorer(app, GRAPHQL_PATH);
  app.use(
    GRAPHQL_PATH,
    cachedAnswers(sharing),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const admission = admissionOf(res);
        return auth.context(req.headers, requestOrigin(req, trustProxy), admission && ('caller' in admission ? admission.caller : admission.refused));
      },
    }),
  );
  app.use(jsonErrorHandler);

  return {
    url,
    port,
    sharing,
    stop: once(async () => {
      ready = false;
      await subscriptions?.stop();
      await sharing.stop();
      await apollo.stop();
      await closeServer(httpServer);
      await ownStore?.close();
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

/** `REDIS_URL` and `REDIS_KEY_PREFIX`, for the response cache. */
function redisFromEnv(): { redisUrl?: string; redisKeyPrefix?: string } {
  const url = readEnv('REDIS_URL');
  const prefix = readEnv('REDIS_KEY_PREFIX');
  return { ...(url ? { redisUrl: url } : {}), ...(prefix ? { redisKeyPrefix: prefix } : {}) };
}
