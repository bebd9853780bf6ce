import type { DistributionResolvers } from '../generated/graphql';
import { mayLookUpDataset } from '../store/visibility';
import { licenceById } from '../vocabularies';

export const Distribution: DistributionResolvers = {
  async __resolveReference(reference, context) {
    const distribution = await context.loaders.distribution.load(reference.id);
    if (!distribution) return null;
    // A distribution is as visible as its dataset; denied resolves like unknown.
    const dataset = await context.loaders.dataset.load(distribution.datasetId);
    return dataset && (await mayLookUpDataset(context, dataset)) ? distribution : null;
  },
  dataset: async (distribution, _args, context) => {
    const dataset = await context.loaders.dataset.load(distribution.datasetId);
    return dataset && (await mayLookUpDataset(context, dataset)) ? dataset : null;
  },
  title: (distribution) => ({ vi: distribution.titleVi, en: distribution.titleEn }),
  checksum: (distribution) =>
    distribution.checksumAlgorithm && distribution.checksumValue ? { algorithm: distribution.checksumAlgorithm, value: distribution.checksumValue } : null,
  licence: (distribution) => (distribution.licenceId ? (licenceById(distribution.licenceId) ?? null) : null),
};
