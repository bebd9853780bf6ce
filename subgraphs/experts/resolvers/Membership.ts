import type { MembershipResolvers } from '../generated/graphql';
import { requireLoaded } from './loaded';

export const Membership: MembershipResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.membership.load(reference.id),
  membershipRole: (membership) => membership.role,
  network: async (membership, _args, { loaders }) => requireLoaded(await loaders.network.load(membership.networkId), 'Network', membership.networkId),
  expert: async (membership, _args, { loaders }) => requireLoaded(await loaders.expert.load(membership.expertId), 'Expert', membership.expertId),
};
