import { requiredSynthetic, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { ProgrammeResolvers } from '../generated/graphql';
import { validateStartupProjectFilter } from '../filters';
import { listProjects } from '../store/projects';

export const Programme: ProgrammeResolvers = {
  // The owner's provenance comes along (@requires), so the list matches the programme's kind by default.
  __resolveReference: (reference) => reference,
  // A page query per programme: fine for one programme (or the handful a client lists).
  async supportedStartupProjects(programme, { filter, ...page }, { db, loaders }) {
    await validateStartupProjectFilter(filter, 'filter', (id) => loaders.hub.load(id));
    const synthetic = syntheticScope(requiredSynthetic(programme), filter?.synthetic);
    return listProjects(db, page, { ...filter, synthetic, programmeId: programme.id });
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
