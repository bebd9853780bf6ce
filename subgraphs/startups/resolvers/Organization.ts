import type { OrganizationResolvers } from '../generated/graphql';
import { listHubsOperatedBy } from '../store/hubs';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  operatedHubs: (organization, page, { db }) => listHubsOperatedBy(db, organization.id, page),
};
