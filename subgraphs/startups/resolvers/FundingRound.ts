import type { FundingRoundResolvers } from '../generated/graphql';

export const FundingRound: FundingRoundResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.fundingRound.load(reference.id),
  startup: (round, _args, { loaders }) => loaders.startup.load(round.startupId),
};
