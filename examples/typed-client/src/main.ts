import { createClient } from './client';
import { OrganizationBadge, OrganizationCard, RecentChanges } from './operations';

/**
 * `npx tsx examples/typed-client/src/main.ts [GRAPHQL_URL] [ORGANIZATION_ID]`: prints an
 * organisation's card and badge (the badge comes from the cache) and the latest changes.
 */
async function main(): Promise<void> {
  const url = process.argv[2] ?? 'http://localhost:4000/graphql';
  const client = createClient({ url, token: process.env.STI_TOKEN, apiKey: process.env.STI_API_KEY });
  const recent = await client.query({ query: RecentChanges, variables: { first: 10 } });
  for (const change of recent.data?.changes?.nodes ?? []) {
    // `entity` is typed per member: `name` is LocalizedText on every one of them.
    const name = change.entity && 'name' in change.entity ? change.entity.name.vi : '(not visible)';
    console.log(`${change.type} ${change.entityType}: ${name}`);
  }
  const id = process.argv[3];
  if (!id) return;
  const card = await client.query({ query: OrganizationCard, variables: { id } });
  const badge = await client.query({ query: OrganizationBadge, variables: { id } });
  console.log(card.data?.organization?.name.en ?? card.data?.organization?.name.vi, card.data?.organization?.organizationKind);
  console.log(badge.data?.organization?.shortName, badge.data?.organization?.name.vi);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
