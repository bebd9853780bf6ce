import { syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { OrganizationResolvers } from '../generated/graphql';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.organization.load(reference.id),
  name: (organization) => ({ vi: organization.nameVi, en: organization.nameEn }),
  organizationKind: (organization) => organization.kind,
  parent: (organization, _args, { loaders }) => (organization.parentId ? loaders.organization.load(organization.parentId) : null),
  responsibleIndicators: (organization, { synthetic, ...args }, { loaders }) =>
    loaders.indicatorPagesOfResponsible.load({ parentId: organization.id, args, synthetic: syntheticScope(organization.synthetic, synthetic) }),
};
