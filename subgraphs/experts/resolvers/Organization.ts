import { badUserInput } from '../../kernel/platform/errors';
import { MAX_PAGE_SIZE } from '../../kernel/platform/pagination';
import { requiredSynthetic, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { OrganizationResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const Organization: OrganizationResolvers = {
  // The owner's provenance comes along (@requires), so the list matches the organisation's kind by default.
  __resolveReference: (reference) => reference,
  affiliatedExperts(organization, { first, currentOnly, synthetic }, { loaders }) {
    const perOrganization = first ?? 20;
    if (!Number.isInteger(perOrganization) || perOrganization < 0 || perOrganization > MAX_PAGE_SIZE) {
      throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${perOrganization}`, 'first');
    }
    return loaders.affiliatedExperts(perOrganization, currentOnly ?? true, syntheticScope(requiredSynthetic(organization), synthetic)).load(organization.id);
  },
};
