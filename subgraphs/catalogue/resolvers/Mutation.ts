import { committed } from '../../kernel/subgraph/committed';
import type { WriteResult } from '../../kernel/subgraph/outbox';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import type { DatasetAccessGrantModel, DatasetModel, DistributionModel } from '../models';
import { publishDataset, publishDatasetDraft, updateDataset, withdrawDataset } from '../writes/datasets';
import { createDistribution, removeDistribution, updateDistribution } from '../writes/distributions';
import { grantDatasetAccess, revokeDatasetAccess } from '../writes/grants';

// Every answer is the record as committed (kernel/subgraph/committed.ts); a writer may see what it wrote, whatever its access level.
const dataset = (context: Context, result: WriteResult<DatasetModel>) => committed(context, result, 'Dataset', (loaders, id) => loaders.dataset.load(id));
const distribution = (context: Context, result: WriteResult<DistributionModel>) =>
  committed(context, result, 'Distribution', (loaders, id) => loaders.distribution.load(id));
const grant = (context: Context, result: WriteResult<DatasetAccessGrantModel>) =>
  committed(context, result, 'DatasetAccessGrant', (loaders, id) => loaders.grant.load(id));

export const Mutation: MutationResolvers = {
  async publishDataset(_parent, { input }, context) {
    const result = await publishDataset(context, input);
    return { dataset: await dataset(context, result), replayed: result.replayed };
  },
  async updateDataset(_parent, { input }, context) {
    const result = await updateDataset(context, input);
    return { dataset: await dataset(context, result) };
  },
  async withdrawDataset(_parent, { input }, context) {
    const result = await withdrawDataset(context, input);
    return { dataset: await dataset(context, result) };
  },
  async publishDatasetDraft(_parent, { input }, context) {
    const result = await publishDatasetDraft(context, input);
    return { dataset: await dataset(context, result) };
  },
  async grantDatasetAccess(_parent, { input }, context) {
    const result = await grantDatasetAccess(context, input);
    return { grant: await grant(context, result), replayed: result.replayed };
  },
  async revokeDatasetAccess(_parent, { input }, context) {
    const result = await revokeDatasetAccess(context, input);
    return { grant: await grant(context, result) };
  },
  async createDistribution(_parent, { input }, context) {
    const result = await createDistribution(context, input);
    return { distribution: await distribution(context, result), replayed: result.replayed };
  },
  async updateDistribution(_parent, { input }, context) {
    const result = await updateDistribution(context, input);
    return { distribution: await distribution(context, result) };
  },
  async removeDistribution(_parent, { input }, context) {
    const result = await removeDistribution(context, input);
    return { removedDistributionId: input.id, dataset: await dataset(context, result) };
  },
};
