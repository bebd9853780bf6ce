import type { EngagementTargetResolvers } from '../generated/graphql';

export const EngagementTarget: EngagementTargetResolvers = {
  __resolveType: (target) => target.__typename,
};
