import type { StartupProjectResolvers } from '../generated/graphql';

export const StartupProject: StartupProjectResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.project.load(reference.id),
  title: (project) => ({ vi: project.titleVi, en: project.titleEn }),
  startupProjectStage: (project) => project.stage,
  transitions: (project, _args, { loaders }) => loaders.transitionsByProject.load(project.id),
  startup: (project, _args, { loaders }) => loaders.startupByProject.load(project.id),
  supports: (project, _args, { loaders }) => loaders.supportsByProject.load(project.id),
  hubParticipations: (project, _args, { loaders }) => loaders.participationsByProject.load(project.id),
};
