import { requiredSynthetic, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { OrganizationResolvers } from '../generated/graphql';
import { listDatasetsPublishedBy } from '../store/datasets';
import { hanoiDate } from '../../kernel/platform/time';

export const Organization: OrganizationResolvers = {
  // The owner's provenance comes along (@requires), so the list matches the organisation's kind by default.
  __resolveReference: (reference) => reference,
  publishedDatasets: (organization, { synthetic, ...args }, { db, caller, now }) =>
    listDatasetsPublishedBy(db, organization.id, syntheticScope(requiredSynthetic(organization), synthetic), { args, caller, today: hanoiDate(now) }),
};
