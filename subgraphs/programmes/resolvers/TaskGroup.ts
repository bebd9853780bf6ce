import { notFound } from '../../kernel/platform/errors';
import { syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { TaskGroupResolvers } from '../generated/graphql';

export const TaskGroup: TaskGroupResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.taskGroup.load(reference.id),
  async programme(group, _args, { loaders }) {
    const programme = await loaders.programme.load(group.programmeId);
    if (!programme) throw notFound('Programme', 'id', group.programmeId);
    return programme;
  },
  name: (group) => ({ vi: group.nameVi, en: group.nameEn }),
  tasks: (group, { synthetic, ...args }, { loaders }) =>
    loaders.taskPagesOfGroup.load({ parentId: group.id, args, synthetic: syntheticScope(group.synthetic, synthetic) }),
};
