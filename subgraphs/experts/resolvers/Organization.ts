import { badUserInput } from '../../kernel/errors';
import { MAX_PAGE_SIZE } from '../../kernel/pagination';
import type { OrganizationResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  affiliatedExperts(organization, { first, currentOnly }, { loaders }) {
    const perOrganization = first ?? 20;
    if (!Number.isInteger(perOrganization) || perOrganization < 0 || perOrganization > MAX_PAGE_SIZE) {
      throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${perOrganization}`, 'first');
    }
    return loaders.affiliatedExperts(perOrganization, currentOnly ?? true).load(organization.id);
  },
};
