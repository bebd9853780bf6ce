import './apollo-dev-mode';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { loadDevMessages } from '@apollo/client/dev';
import { createClient } from '../../examples/typed-client/src/client';
import { OrganizationBadge, OrganizationCard } from '../../examples/typed-client/src/operations';
import { organizationId } from '../../subgraphs/kernel/reference/seed-refs';
import { startTestGraph, type TestGraph } from '../testing';

/**
 * Apollo Client's normalized cache against the real gateway, set up as the README says
 * (examples/typed-client: `typePolicies` with `LocalizedText: { merge: true }`): a card reading
 * `name { vi en }` and a badge reading `name { vi }` of the same Organization share the cache
 * with no "Cache data may be lost" warning, and the card is not fetched again. The same
 * requests with a cache that has no policies show the problem the policies fix, so the test
 * sees it when it is there.
 */
const ORGANIZATION = organizationId('so-khcn-ha-noi');

let graph: TestGraph;
beforeAll(async () => {
  loadDevMessages(); // Apollo's warnings in full instead of a link to its error page
  graph = await startTestGraph({ only: ['programmes', 'integrations'] });
});
afterAll(() => graph.stop());

/** The card, then the badge, then the card again; the requests sent and the warnings printed. */
async function cardBadgeCard(clientFor: (countingFetch: typeof fetch) => ApolloClient) {
  let requests = 0;
  const countingFetch: typeof fetch = (input, init) => {
    requests++;
    return fetch(input, init);
  };
  const warnings: string[] = [];
  const warn = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
  try {
    const client = clientFor(countingFetch);
    const card = await client.query({ query: OrganizationCard, variables: { id: ORGANIZATION } });
    const badge = await client.query({ query: OrganizationBadge, variables: { id: ORGANIZATION } });
    const cardAgain = await client.query({ query: OrganizationCard, variables: { id: ORGANIZATION } });
    return { requests, warnings, card: card.data, badge: badge.data, cardAgain: cardAgain.data };
  } finally {
    warn.mockRestore();
  }
}

it('with the documented type policies: no warning, and the card is answered from the cache', async () => {
  const { requests, warnings, card, badge, cardAgain } = await cardBadgeCard((countingFetch) => createClient({ url: graph.gateway.url, fetch: countingFetch }));
  expect(warnings).toEqual([]);
  // The card, then the badge (it asks for `shortName`, which the cache lacks); the card again costs nothing.
  expect(requests).toBe(2);
  expect(card).toEqual({
    organization: {
      __typename: 'Organization',
      id: ORGANIZATION,
      organizationKind: 'CITY_DEPARTMENT',
      name: { __typename: 'LocalizedText', vi: 'Sở Khoa học và Công nghệ Hà Nội', en: 'Hanoi Department of Science and Technology' },
    },
  });
  expect(badge?.organization).toMatchObject({ shortName: 'Sở KH&CN', name: { vi: 'Sở Khoa học và Công nghệ Hà Nội' } });
  expect(cardAgain).toEqual(card);
});

it('without them the cache warns and sends the card back to the network (what the policies fix)', async () => {
  const { requests, warnings } = await cardBadgeCard(
    (countingFetch) => new ApolloClient({ link: new HttpLink({ uri: graph.gateway.url, fetch: countingFetch }), cache: new InMemoryCache() }),
  );
  expect(warnings.join('\n')).toContain('Cache data may be lost');
  expect(requests).toBe(3);
});
