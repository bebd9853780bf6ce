import { notFound } from '../../kernel/errors';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import { createEngagement, updateEngagement } from '../providers/engagement-writes';
import { createExpert, updateExpert } from '../providers/expert-writes';
import { createMembership, updateMembership } from '../providers/membership-writes';

/*
 * What a write answers with is read after it committed. The request's loaders may hold what an
 * earlier mutation of the same document read, so the written record's entries are cleared first.
 */

async function committedExpert(context: Context, id: string) {
  const { loaders } = context;
  for (const loader of [loaders.affiliationsOfExpert, loaders.areasOfExpert, loaders.membershipsOfExpert, loaders.engagementsOfExpert, loaders.contact]) loader.clear(id);
  const expert = await loaders.expert.clear(id).load(id);
  if (!expert) throw notFound('Expert', 'id', id);
  return expert;
}

async function committedMembership(context: Context, id: string) {
  const membership = await context.loaders.membership.clear(id).load(id);
  if (!membership) throw notFound('Membership', 'id', id);
  context.loaders.membershipsOfExpert.clear(membership.expertId);
  for (const scope of [true, false, null]) context.loaders.memberCount(scope).clear(membership.networkId);
  return membership;
}

async function committedEngagement(context: Context, id: string) {
  const engagement = await context.loaders.engagement.clear(id).load(id);
  if (!engagement) throw notFound('Engagement', 'id', id);
  context.loaders.engagementsOfExpert.clear(engagement.expertId);
  return engagement;
}

export const Mutation: MutationResolvers = {
  async createExpert(_parent, { input }, context) {
    const result = await createExpert(context, input);
    return { expert: await committedExpert(context, result.entityId), replayed: result.replayed };
  },
  async updateExpert(_parent, { input }, context) {
    const result = await updateExpert(context, input);
    return { expert: await committedExpert(context, result.entityId) };
  },
  async createMembership(_parent, { input }, context) {
    const result = await createMembership(context, input);
    return { membership: await committedMembership(context, result.entityId), replayed: result.replayed };
  },
  async updateMembership(_parent, { input }, context) {
    const result = await updateMembership(context, input);
    return { membership: await committedMembership(context, result.entityId) };
  },
  async createEngagement(_parent, { input }, context) {
    const result = await createEngagement(context, input);
    return { engagement: await committedEngagement(context, result.entityId), replayed: result.replayed };
  },
  async updateEngagement(_parent, { input }, context) {
    const result = await updateEngagement(context, input);
    return { engagement: await committedEngagement(context, result.entityId) };
  },
};
