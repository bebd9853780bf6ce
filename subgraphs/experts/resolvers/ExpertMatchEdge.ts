import type { ExpertMatchEdgeResolvers } from '../generated/graphql';

export const ExpertMatchEdge: ExpertMatchEdgeResolvers = {
  score: (edge) => edge.node.score,
  async matchedAreas(edge, _args, { loaders }) {
    const areas = await loaders.area.loadMany(edge.node.matchedAreaIds);
    return areas.filter((area): area is Exclude<typeof area, Error | null> => area !== null && !(area instanceof Error));
  },
};
