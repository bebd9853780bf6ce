import type { FundingInvestorResolvers } from '../generated/graphql';

export const FundingInvestor: FundingInvestorResolvers = {
  organization: (investor) => (investor.organizationId ? { id: investor.organizationId } : null),
};
