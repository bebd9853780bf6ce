import { randomBytes } from 'node:crypto';
import { assertionHeaders, serviceAssertionHeaders, type SubgraphRequest } from '../identity/assertion';
import { ANONYMOUS, type Caller } from '../identity/caller';
import type { RunningSubgraph } from '../subgraph/server';
import { postGraphQL, type GraphQLHttpResult } from './http';

/**
 * Test subgraphs each get their own random assertion secret, passed in code rather than
 * through the environment, so test files running in parallel never share one.
 */
const secrets = new WeakMap<RunningSubgraph, string>();

export function newTestSecret(): string {
  return randomBytes(32).toString('hex');
}

export function rememberAssertionSecret(subgraph: RunningSubgraph, secret: string): void {
  secrets.set(subgraph, secret);
}

export function assertionSecretOf(subgraph: RunningSubgraph): string {
  const secret = secrets.get(subgraph);
  if (!secret) throw new Error(`${subgraph.name} was not started by startTestSubgraph / startTestGraph`);
  return secret;
}

/**
 * Headers for ONE direct GraphQL call of `request` to a test subgraph, as the gateway would
 * send them for `caller`. Assertions are single-use and good for that request only.
 */
export function assertionHeadersFor(subgraph: RunningSubgraph, caller: Caller, request: SubgraphRequest): Promise<Record<string, string>> {
  return assertionHeaders(assertionSecretOf(subgraph), subgraph.name, caller, request);
}

/** A GraphQL request straight to a test subgraph, as the gateway sends it for `caller` (default anonymous). */
export async function postAsGateway<TData = Record<string, unknown>>(
  subgraph: RunningSubgraph,
  query: string,
  variables?: Record<string, unknown>,
  caller: Caller = ANONYMOUS,
): Promise<GraphQLHttpResult<TData>> {
  return postGraphQL<TData>(subgraph.url, query, variables, await assertionHeadersFor(subgraph, caller, { query, variables }));
}

/** Headers for ONE call to a test subgraph's `/internal/...` routes, as a peer process sends them. */
export function serviceHeadersFor(subgraph: RunningSubgraph, service = 'test'): Promise<Record<string, string>> {
  return serviceAssertionHeaders(assertionSecretOf(subgraph), service);
}
