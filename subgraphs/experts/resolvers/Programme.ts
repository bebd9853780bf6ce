import type { ProgrammeResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const Programme: ProgrammeResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  advisers: (programme, _args, { loaders }) => loaders.advisersOfProgramme.load(programme.id),
};
