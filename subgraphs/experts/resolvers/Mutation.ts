import { committed } from '../../kernel/subgraph/committed';
import type { WriteResult } from '../../kernel/subgraph/outbox';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import type { EngagementModel, ExpertModel, MembershipModel } from '../models';
import { createEngagement, updateEngagement } from '../writes/engagements';
import { createExpert, updateExpert } from '../writes/experts';
import { createMembership, updateMembership } from '../writes/memberships';

// Every answer is the record as committed (kernel/subgraph/committed.ts).
const expert = (context: Context, result: WriteResult<ExpertModel>) => committed(context, result, 'Expert', (loaders, id) => loaders.expert.load(id));
const membership = (context: Context, result: WriteResult<MembershipModel>) =>
  committed(context, result, 'Membership', (loaders, id) => loaders.membership.load(id));
const engagement = (context: Context, result: WriteResult<EngagementModel>) =>
  committed(context, result, 'Engagement', (loaders, id) => loaders.engagement.load(id));

export const Mutation: MutationResolvers = {
  async createExpert(_parent, { input }, context) {
    const result = await createExpert(context, input);
    return { expert: await expert(context, result), replayed: result.replayed };
  },
  async updateExpert(_parent, { input }, context) {
    const result = await updateExpert(context, input);
    return { expert: await expert(context, result) };
  },
  async createMembership(_parent, { input }, context) {
    const result = await createMembership(context, input);
    return { membership: await membership(context, result), replayed: result.replayed };
  },
  async updateMembership(_parent, { input }, context) {
    const result = await updateMembership(context, input);
    return { membership: await membership(context, result) };
  },
  async createEngagement(_parent, { input }, context) {
    const result = await createEngagement(context, input);
    return { engagement: await engagement(context, result), replayed: result.replayed };
  },
  async updateEngagement(_parent, { input }, context) {
    const result = await updateEngagement(context, input);
    return { engagement: await engagement(context, result) };
  },
};
