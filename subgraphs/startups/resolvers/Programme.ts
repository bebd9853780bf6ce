import type { ProgrammeResolvers } from '../generated/graphql';
import { validateStartupProjectFilter } from '../filters';
import { listProjects } from '../store/projects';

export const Programme: ProgrammeResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // A page query per programme: fine for one programme (or the handful a client lists).
  async supportedStartupProjects(programme, { filter, ...page }, { db, loaders }) {
    await validateStartupProjectFilter(filter, 'filter', (id) => loaders.hub.load(id));
    return listProjects(db, page, { ...filter, programmeId: programme.id });
  },
  async startupProjectProgress(programme, { includeSynthetic }, { loaders }) {
    const all = includeSynthetic ?? false;
    const row = await (all ? loaders.allProgressByProgramme : loaders.realProgressByProgramme).load(programme.id);
    return {
      supportedCount: row?.supportedCount ?? 0,
      incorporatedCount: row?.incorporatedCount ?? 0,
      fundedCount: row?.fundedCount ?? 0,
      includesSynthetic: all,
    };
  },
};
