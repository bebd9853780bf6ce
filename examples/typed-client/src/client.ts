import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { typePolicies } from './type-policies';

export interface ClientOptions {
  /** The gateway's GraphQL URL, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A Bearer token or an API key, sent with every request when given. */
  token?: string;
  apiKey?: string;
  /** The fetch to use (tests count requests with it); the global one by default. */
  fetch?: typeof fetch;
}

/** An Apollo Client for the STI graph, with the cache policies its id-less types need. */
export function createClient({ url, token, apiKey, fetch }: ClientOptions): ApolloClient {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (apiKey) headers['x-api-key'] = apiKey;
  return new ApolloClient({
    link: new HttpLink({ uri: url, headers, ...(fetch ? { fetch } : {}) }),
    cache: new InMemoryCache({ typePolicies }),
  });
}
