import type { CohortResolvers } from '../generated/graphql';

export const Cohort: CohortResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.cohort.load(reference.id),
  // Cohorts are named once, as the hub names them: `vi` holds it, `en` is null.
  name: (cohort) => ({ vi: cohort.name, en: null }),
  hub: async (cohort, _args, { loaders }) => (await loaders.hub.load(cohort.hubId))!,
  participants: (cohort, _args, { loaders }) => loaders.participationsByCohort.load(cohort.id),
};
