import type { StartupProjectSupportResolvers } from '../generated/graphql';

export const StartupProjectSupport: StartupProjectSupportResolvers = {
  programme: (support) => ({ id: support.programmeId }),
  project: async (support, _args, { loaders }) => (await loaders.project.load(support.projectId))!,
};
