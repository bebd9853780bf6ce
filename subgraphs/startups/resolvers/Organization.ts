import { requiredSynthetic, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { OrganizationResolvers } from '../generated/graphql';
import { listHubsOperatedBy } from '../store/hubs';

export const Organization: OrganizationResolvers = {
  // The owner's provenance comes along (@requires), so the list matches the organisation's kind by default.
  __resolveReference: (reference) => reference,
  operatedHubs: (organization, { synthetic, ...page }, { db }) =>
    listHubsOperatedBy(db, organization.id, page, syntheticScope(requiredSynthetic(organization), synthetic)),
};
