import { notFound } from '../../kernel/errors';
import type { QueryResolvers } from '../generated/graphql';
import { listOrganizations } from '../store/organizations';

export const Query: QueryResolvers = {
  async organization(_parent, { id }, { loaders }) {
    const organization = await loaders.organization.load(id);
    if (!organization) throw notFound('Organization', 'id', id);
    return organization;
  },
  organizations: (_parent, { filter, ...page }, { db }) => listOrganizations(db, page, filter),
};
