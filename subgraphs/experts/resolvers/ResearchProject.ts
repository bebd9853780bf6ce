import type { ResearchProjectResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const ResearchProject: ResearchProjectResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  reviewers: (project, _args, { loaders }) => loaders.reviewersOfResearchProject.load(project.id),
  councilMembers: (project, _args, { loaders }) => loaders.councilMembersOfResearchProject.load(project.id),
};
