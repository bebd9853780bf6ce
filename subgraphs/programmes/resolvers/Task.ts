import type { TaskResolvers } from '../generated/graphql';
import type { OrganizationModel } from '../models';
import { isOverdue } from '../rules/task-overdue';

export const Task: TaskResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.task.load(reference.id),
  title: (task) => ({ vi: task.titleVi, en: task.titleEn }),
  taskStatus: (task) => task.status,
  programme: (task, _args, { loaders }) => (task.programmeId ? loaders.programme.load(task.programmeId) : null),
  group: (task, _args, { loaders }) => (task.taskGroupId ? loaders.taskGroup.load(task.taskGroupId) : null),
  assignedBy: (task, _args, { loaders }) => (task.assignedById ? loaders.organization.load(task.assignedById) : null),
  leadOrganization: (task, _args, { loaders }) => (task.leadOrganizationId ? loaders.organization.load(task.leadOrganizationId) : null),
  async coordinatingOrganizations(task, _args, { loaders }) {
    const found = await loaders.organization.loadMany(task.coordinatingOrganizationIds);
    return found.filter((row): row is OrganizationModel => row !== null && !(row instanceof Error));
  },
  overdue: (task, _args, { now }) => isOverdue(task, now),
  progressUpdates: (task, _args, { loaders }) => loaders.progressUpdatesByTask.load(task.id),
};
