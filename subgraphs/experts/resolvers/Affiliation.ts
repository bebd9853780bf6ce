import type { AffiliationResolvers } from '../generated/graphql';

export const Affiliation: AffiliationResolvers = {
  organization: (affiliation) => (affiliation.organizationId ? { id: affiliation.organizationId } : null),
  institution: (affiliation) => (affiliation.institutionVi ? { vi: affiliation.institutionVi, en: affiliation.institutionEn } : null),
  role: (affiliation) => (affiliation.roleVi ? { vi: affiliation.roleVi, en: affiliation.roleEn } : null),
  current: (affiliation) => affiliation.endedOn === null,
};
