import { syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { NetworkResolvers } from '../generated/graphql';

export const Network: NetworkResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.network.load(reference.id),
  name: (network) => ({ vi: network.nameVi, en: network.nameEn }),
  description: (network) => (network.descriptionVi ? { vi: network.descriptionVi, en: network.descriptionEn } : null),
  organizer: (network) => (network.organizerId ? { id: network.organizerId } : null),
  programme: (network) => (network.programmeId ? { id: network.programmeId } : null),
  memberCount: (network, { synthetic }, { loaders }) => loaders.memberCount(syntheticScope(network.synthetic, synthetic)).load(network.id),
  members: (network, { synthetic, ...args }, { loaders }) =>
    loaders.memberPagesOfNetwork.load({ parentId: network.id, args, synthetic: syntheticScope(network.synthetic, synthetic) }),
};
