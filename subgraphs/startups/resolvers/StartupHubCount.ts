import type { StartupHubCountResolvers } from '../generated/graphql';

export const StartupHubCount: StartupHubCountResolvers = {
  hub: async ({ hubId }, _args, { loaders }) => (await loaders.hub.load(hubId))!,
};
