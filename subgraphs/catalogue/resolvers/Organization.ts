import type { OrganizationResolvers } from '../generated/graphql';
import { vietnamDate } from '../rules/decree47';
import { listDatasetsPublishedBy } from '../store/datasets';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  publishedDatasets: (organization, args, { db, caller, now }) =>
    listDatasetsPublishedBy(db, organization.id, { args, caller, today: vietnamDate(now) }),
};
