import type { StartupProjectResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const StartupProject: StartupProjectResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  mentors: (project, _args, { loaders }) => loaders.mentorsOfStartupProject.load(project.id),
};
