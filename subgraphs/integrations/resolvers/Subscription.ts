import { endOnReturn } from '../../kernel/platform/change-feed';
import { assertAllowed } from '../../kernel/identity/access-policy';
import { followChanges } from '../feed/live-changes';
import type { SubscriptionResolvers } from '../generated/graphql';
import { REFUSALS } from '../rules/refusals';

/**
 * Served by this subgraph itself over GraphQL-over-WebSocket and SSE (kernel subscriptions.ts),
 * so any gateway that passes subscriptions to subgraphs serves the change feed; the caller is
 * the one its assertion names, and each event's fields follow the `Change` resolvers' rules.
 */
export const Subscription: SubscriptionResolvers = {
  changes: {
    subscribe: (_parent, { after, filter }, { db, caller }) => {
      assertAllowed(caller, 'changeFeed', 'any', REFUSALS.changeFeed);
      return endOnReturn((signal) => asPayloads(followChanges(db, caller, after, filter, signal)));
    },
  },
};

async function* asPayloads<T>(changes: AsyncGenerator<T>): AsyncGenerator<{ changes: T }> {
  for await (const change of changes) yield { changes: change };
}
