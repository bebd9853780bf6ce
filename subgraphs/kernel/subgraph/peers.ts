import { assertionHeaders } from '../identity/assertion';
import type { Caller } from '../identity/caller';

/** Where another subgraph of this graph answers GraphQL, by name; undefined when it is not deployed. */
export type PeerUrls = (name: string) => string | undefined;

/** How long a call to a peer may take before it counts as failed. */
const PEER_TIMEOUT_MS = 10_000;

/**
 * GraphQL calls to the other subgraphs on behalf of this request's caller: each call carries a
 * caller assertion signed for that peer and that request, as the gateway's calls do, so the
 * peer applies its own access rules to the same caller (the integrations subgraph's `node`).
 */
export interface Peers {
  /** The peer's `data`; null when `name` is not deployed. Throws when the peer fails or answers with errors. */
  query<TData>(name: string, query: string, variables: Record<string, unknown>): Promise<TData | null>;
}

export function peersOf(urls: PeerUrls | undefined, secret: string, caller: Caller): Peers {
  return {
    async query<TData>(name: string, query: string, variables: Record<string, unknown>): Promise<TData | null> {
      const url = urls?.(name);
      if (!url) return null;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await assertionHeaders(secret, name, caller, { query, variables })) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
      });
      const body = (await response.json()) as { data?: TData | null; errors?: { message: string }[] };
      if (!response.ok || body.errors?.length || !body.data) {
        throw new Error(`The ${name} subgraph answered ${response.status}: ${body.errors?.map((error) => error.message).join('; ') ?? 'no data'}`);
      }
      return body.data;
    },
  };
}
