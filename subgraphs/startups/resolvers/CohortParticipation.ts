import type { CohortParticipationResolvers } from '../generated/graphql';

export const CohortParticipation: CohortParticipationResolvers = {
  cohort: async (participation, _args, { loaders }) => (await loaders.cohort.load(participation.cohortId))!,
  startup: (participation, _args, { loaders }) => (participation.startupId ? loaders.startup.load(participation.startupId) : null),
  project: (participation, _args, { loaders }) => (participation.projectId ? loaders.project.load(participation.projectId) : null),
};
