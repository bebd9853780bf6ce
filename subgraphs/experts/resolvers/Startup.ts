import type { StartupResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const Startup: StartupResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  mentors: (startup, _args, { loaders }) => loaders.mentorsOfStartup.load(startup.id),
};
