import type { CohortResolvers } from '../generated/graphql';

export const Cohort: CohortResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.cohort.load(reference.id),
  hub: async (cohort, _args, { loaders }) => (await loaders.hub.load(cohort.hubId))!,
  participants: (cohort, _args, { loaders }) => loaders.participationsByCohort.load(cohort.id),
};
