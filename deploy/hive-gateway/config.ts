import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type GatewayPlugin } from '@graphql-hive/gateway';
import { GraphQLError } from 'graphql';
import { AuthenticationError, CredentialCheckUnavailable, gatewayAuth } from '../../gateway/auth';
import { subgraphUrlFromEnv } from '../../gateway/config';
import { listSizesFromSdl, registerListSizes } from '../../gateway/limits/list-sizes';
import { operationLimitsFromEnv, subscriptionOverLimits } from '../../gateway/limits/operation-limits';
import { subgraphNamesByUrl, withSubgraphUrls } from '../../gateway/supergraph';
import type { SubgraphRequest } from '../../subgraphs/kernel/identity/assertion';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { DEFAULT_PORTS, readEnv } from '../../subgraphs/kernel/platform/env';

/**
 * The graph on Hive Gateway (`@graphql-hive/gateway`, run from this folder: `npx hive-gateway
 * supergraph`), with what our subgraphs and clients need of any gateway, from our own code:
 * - the supergraph checked in at `schema/supergraph.graphql` (SUPERGRAPH_PATH), each subgraph
 *   at `<NAME>_URL` as for our gateway;
 * - the caller: a Bearer JWT verified as our gateway does (AUTH_*), or an API key checked at
 *   the integrations subgraph; a bad one is 401 UNAUTHENTICATED, never anonymous;
 * - the caller assertion on every subgraph fetch, signed for that fetch's body
 *   (INTERNAL_ASSERTION_SECRET), subscriptions included: they reach the integrations subgraph
 *   over SSE (Hive's default HTTP transport), where the change feed is served;
 * - our operation limits (GATEWAY_MAX_DEPTH, _ALIASES, _ROOT_FIELDS, _DIRECTIVES, _COST with the
 *   supergraph's `@listSize`), same codes and messages, and Hive's own token limit
 *   (GATEWAY_MAX_TOKENS) before the document is parsed.
 */
type CallerContext = { caller: Caller };

const SUBGRAPH_NAMES = Object.keys(DEFAULT_PORTS).filter((name) => name !== 'gateway');
const supergraphPath = path.resolve(__dirname, '..', '..', readEnv('SUPERGRAPH_PATH') ?? 'schema/supergraph.graphql');
const supergraph = withSubgraphUrls(readFileSync(supergraphPath, 'utf8'), Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphUrlFromEnv(name)])));
const subgraphByUrl = subgraphNamesByUrl(supergraph);
const auth = gatewayAuth({ integrationsUrl: subgraphUrlFromEnv('integrations') });
const limits = operationLimitsFromEnv();
const listSizes = listSizesFromSdl(supergraph);

/** Who is asking: the client's credential, checked once per request. */
const authenticateCaller: GatewayPlugin<CallerContext> = {
  async onContextBuilding({ context, extendContext }) {
    try {
      extendContext({ caller: await auth.authenticate(Object.fromEntries(context.request.headers)) });
    } catch (error) {
      if (error instanceof AuthenticationError) throw httpError(error.message, ErrorCode.Unauthenticated, 401);
      if (error instanceof CredentialCheckUnavailable) throw httpError(error.message, ErrorCode.ServiceUnavailable, 503);
      throw error;
    }
  },
};

/** Every subgraph fetch carries the caller's assertion for exactly that fetch. */
const signCallerAssertion: GatewayPlugin<CallerContext> = {
  async onFetch({ url, options, setOptions, context }) {
    const target = new URL(url);
    const subgraph = subgraphByUrl.get(`${target.origin}${target.pathname}`);
    if (!subgraph) return;
    const caller = 'caller' in context ? context.caller : undefined;
    const assertion = await auth.assertionFor(subgraph, caller, requestOf(target, options.body));
    setOptions({ ...options, headers: { ...Object.fromEntries(new Headers(options.headers as HeadersInit | undefined)), ...assertion } });
  },
};

/** The GraphQL request a subgraph fetch carries: its JSON body, or a GET's query string (subscriptions over SSE). */
function requestOf(url: URL, body: unknown): SubgraphRequest {
  if (typeof body === 'string') {
    const { query, operationName, variables } = JSON.parse(body) as SubgraphRequest;
    return { query, operationName, variables };
  }
  const variables = url.searchParams.get('variables');
  return {
    query: url.searchParams.get('query') ?? undefined,
    operationName: url.searchParams.get('operationName') ?? undefined,
    ...(variables ? { variables: JSON.parse(variables) as unknown } : {}),
  };
}

/** Our gateway's operation limits, measured by its own code before anything is planned. */
const operationLimits: GatewayPlugin = {
  onExecute({ args, setResultAndStopExecution }) {
    const refusal = overLimits(args);
    if (refusal) setResultAndStopExecution({ errors: [refusal] });
  },
  onSubscribe({ args, setResultAndStopExecution }) {
    const refusal = overLimits(args);
    if (refusal) setResultAndStopExecution({ errors: [refusal] });
  },
};

function overLimits(args: Parameters<typeof subscriptionOverLimits>[0]): GraphQLError | undefined {
  registerListSizes(args.schema, listSizes);
  return subscriptionOverLimits(args, limits);
}

function httpError(message: string, code: ErrorCode, status: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

export const gatewayConfig = defineConfig<CallerContext>({
  supergraph: () => supergraph,
  maxTokens: limits.maxTokens,
  plugins: () => [authenticateCaller, signCallerAssertion, operationLimits],
});
