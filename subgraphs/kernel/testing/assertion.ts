import { randomBytes } from 'node:crypto';
import { assertionHeaders, serviceAssertionHeaders } from '../assertion';
import { ANONYMOUS, type Caller } from '../caller';
import type { RunningSubgraph } from '../server';

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
 * Headers for ONE direct GraphQL call to a test subgraph, as the gateway would send them for
 * `caller` (default anonymous). Assertions are single-use: get new headers for every call.
 */
export function assertionHeadersFor(subgraph: RunningSubgraph, caller: Caller = ANONYMOUS): Promise<Record<string, string>> {
  return assertionHeaders(assertionSecretOf(subgraph), subgraph.name, caller);
}

/** Headers for ONE call to a test subgraph's `/internal/...` routes, as a peer process sends them. */
export function serviceHeadersFor(subgraph: RunningSubgraph, service = 'test'): Promise<Record<string, string>> {
  return serviceAssertionHeaders(assertionSecretOf(subgraph), service);
}
