import { notFound } from '../../kernel/errors';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import { publishDataset, publishDatasetDraft, updateDataset, withdrawDataset } from '../providers/dataset-writes';
import { createDistribution, removeDistribution, updateDistribution } from '../providers/distribution-writes';
import { grantDatasetAccess, revokeDatasetAccess } from '../providers/grant-writes';

/** Loads what a write answers with, after it committed (the writer may see what it wrote, whatever its access level). */
async function committedDataset(context: Context, id: string) {
  const dataset = await context.loaders.dataset.load(id);
  if (!dataset) throw notFound('Dataset', 'id', id);
  return dataset;
}

async function committedDistribution(context: Context, id: string) {
  const distribution = await context.loaders.distribution.load(id);
  if (!distribution) throw notFound('Distribution', 'id', id);
  return distribution;
}

async function committedGrant(context: Context, id: string) {
  const grant = await context.loaders.grant.load(id);
  if (!grant) throw notFound('DatasetAccessGrant', 'id', id);
  return grant;
}

export const Mutation: MutationResolvers = {
  async publishDataset(_parent, { input }, context) {
    const result = await publishDataset(context, input);
    return { dataset: await committedDataset(context, result.entityId), replayed: result.replayed };
  },
  async updateDataset(_parent, { input }, context) {
    const result = await updateDataset(context, input);
    return { dataset: await committedDataset(context, result.entityId) };
  },
  async withdrawDataset(_parent, { input }, context) {
    const result = await withdrawDataset(context, input);
    return { dataset: await committedDataset(context, result.entityId) };
  },
  async publishDatasetDraft(_parent, { input }, context) {
    const result = await publishDatasetDraft(context, input);
    return { dataset: await committedDataset(context, result.entityId) };
  },
  async grantDatasetAccess(_parent, { input }, context) {
    const result = await grantDatasetAccess(context, input);
    return { grant: await committedGrant(context, result.entityId), replayed: result.replayed };
  },
  async revokeDatasetAccess(_parent, { input }, context) {
    const result = await revokeDatasetAccess(context, input);
    return { grant: await committedGrant(context, result.entityId) };
  },
  async createDistribution(_parent, { input }, context) {
    const result = await createDistribution(context, input);
    return { distribution: await committedDistribution(context, result.entityId), replayed: result.replayed };
  },
  async updateDistribution(_parent, { input }, context) {
    const result = await updateDistribution(context, input);
    return { distribution: await committedDistribution(context, result.entityId) };
  },
  async removeDistribution(_parent, { input }, context) {
    const result = await removeDistribution(context, input);
    return { removedDistributionId: input.id, dataset: await committedDataset(context, result.entityId) };
  },
};
