import { inSyntheticScope, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { InnovationHubResolvers } from '../generated/graphql';

export const InnovationHub: InnovationHubResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.hub.load(reference.id),
  name: (hub) => ({ vi: hub.nameVi, en: hub.nameEn }),
  innovationHubKind: (hub) => hub.kind,
  innovationHubStatus: (hub) => hub.status,
  reportedFigures: (hub) => hub.reportedFigures,
  operator: (hub) => (hub.operatorId ? { id: hub.operatorId } : null),
  parent: (hub, _args, { loaders }) => (hub.parentId ? loaders.hub.load(hub.parentId) : null),
  children: async (hub, { synthetic }, { loaders }) => inSyntheticScope(await loaders.hubChildren.load(hub.id), syntheticScope(hub.synthetic, synthetic)),
  location: (hub) =>
    hub.latitude != null && hub.longitude != null && hub.coordinatePrecision
      ? { latitude: hub.latitude, longitude: hub.longitude, precision: hub.coordinatePrecision }
      : null,
  distanceKm: (hub) => hub.distanceKm ?? null,
  // Newest first, as the `cohorts` list orders them.
  cohorts: async (hub, _args, { loaders }) => [...(await loaders.cohortsByHub.load(hub.id))].reverse(),
};
