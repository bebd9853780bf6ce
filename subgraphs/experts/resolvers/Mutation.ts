import { committed } from '../../kernel/committed';
import type { WriteResult } from '../../kernel/outbox';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import { createEngagement, updateEngagement } from '../providers/engagement-writes';
import { createExpert, updateExpert } from '../providers/expert-writes';
import { createMembership, updateMembership } from '../providers/membership-writes';

// Every answer is the record as committed (kernel/committed.ts).
const expert = (context: Context, result: WriteResult) => committed(context, result, 'Expert', (loaders, id) => loaders.expert.load(id));
const membership = (context: Context, result: WriteResult) => committed(context, result, 'Membership', (loaders, id) => loaders.membership.load(id));
const engagement = (context: Context, result: WriteResult) => committed(context, result, 'Engagement', (loaders, id) => loaders.engagement.load(id));

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
