import type { TaskResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const Task: TaskResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  advisers: (task, _args, { loaders }) => loaders.advisersOfTask.load(task.id),
};
