import type { TypePolicies } from '@apollo/client';

/**
 * What Apollo Client's InMemoryCache needs to know about this graph.
 *
 * `LocalizedText` has no id, so the cache keeps it inside its parent's field. Without a policy
 * two queries that select `name { vi en }` and `name { vi }` on one Organization replace each
 * other's object ("Cache data may be lost when replacing the name field"), and the first query
 * goes back to the network for the `en` it lost. `merge: true` merges the two selections into one
 * object instead: both queries are answered from the cache. The same holds for every other
 * id-less value object a client selects differently in two places; add it here the same way.
 */
export const typePolicies: TypePolicies = {
  LocalizedText: { merge: true },
};
