import { inSyntheticScope, syntheticScope } from '../../kernel/synthetic-scope';
import type { OrganizationResolvers } from '../generated/graphql';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.organization.load(reference.id),
  name: (organization) => ({ vi: organization.nameVi, en: organization.nameEn }),
  parent: (organization, _args, { loaders }) => (organization.parentId ? loaders.organization.load(organization.parentId) : null),
  responsibleIndicators: async (organization, args, { loaders }) =>
    inSyntheticScope(await loaders.indicatorsByResponsible.load(organization.id), syntheticScope(organization.synthetic, args.synthetic)),
};
