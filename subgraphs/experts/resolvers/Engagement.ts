import type { EngagementResolvers } from '../generated/graphql';
import { requireLoaded } from './loaded';

export const Engagement: EngagementResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.engagement.load(reference.id),
  engagementRole: (engagement) => engagement.role,
  engagementStatus: (engagement) => engagement.status,
  expert: async (engagement, _args, { loaders }) => requireLoaded(await loaders.expert.load(engagement.expertId), 'Expert', engagement.expertId),
  // Another subgraph's record: only its type and key; the gateway fetches the rest from its owner.
  target: (engagement) => ({ __typename: engagement.targetType, id: engagement.targetId }),
};
