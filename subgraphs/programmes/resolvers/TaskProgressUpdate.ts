import type { TaskProgressUpdateResolvers } from '../generated/graphql';

export const TaskProgressUpdate: TaskProgressUpdateResolvers = {
  note: (update) => (update.noteVi ? { vi: update.noteVi, en: update.noteEn } : null),
};
