import { inSyntheticScope, requiredSynthetic, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { TaskResolvers } from '../generated/graphql';

/** Another subgraph's entity: this subgraph adds fields resolved through a DataLoader keyed by its id. */
export const Task: TaskResolvers = {
  // The owner's provenance comes along (@requires), so the list matches the task's kind by default.
  __resolveReference: (reference) => reference,
  advisers: async (task, { synthetic }, { loaders }) =>
    inSyntheticScope(await loaders.advisersOfTask.load(task.id), syntheticScope(requiredSynthetic(task), synthetic)),
};
