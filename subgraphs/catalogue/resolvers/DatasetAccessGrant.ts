import { notFound } from '../../kernel/platform/errors';
import type { DatasetAccessGrantResolvers } from '../generated/graphql';
import { isGrantActive } from '../store/grants';
import { hanoiDate } from '../../kernel/platform/time';

/** Reached only through `Dataset.accessGrants` and the grant mutations, which check who may manage grants. */
export const DatasetAccessGrant: DatasetAccessGrantResolvers = {
  dataset: async (grant, _args, { loaders }) => {
    const dataset = await loaders.dataset.load(grant.datasetId);
    if (!dataset) throw notFound('Dataset', 'id', grant.datasetId);
    return dataset;
  },
  organization: (grant) => ({ id: grant.organizationId }),
  active: (grant, _args, { now }) => isGrantActive(grant, hanoiDate(now)),
};
