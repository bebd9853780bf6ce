import type { InnovationHubResolvers } from '../generated/graphql';

export const InnovationHub: InnovationHubResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.hub.load(reference.id),
  name: (hub) => ({ vi: hub.nameVi, en: hub.nameEn }),
  operator: (hub) => (hub.operatorId ? { id: hub.operatorId } : null),
  parent: (hub, _args, { loaders }) => (hub.parentId ? loaders.hub.load(hub.parentId) : null),
};
