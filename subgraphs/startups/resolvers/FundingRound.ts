import type { FundingRoundResolvers } from '../generated/graphql';

export const FundingRound: FundingRoundResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.fundingRound.load(reference.id),
  startup: async (round, _args, { loaders }) => (await loaders.startup.load(round.startupId))!,
};
