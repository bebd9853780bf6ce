import { inSyntheticScope, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { ProgrammeResolvers } from '../generated/graphql';
import type { Loaders } from '../loaders';
import type { ProgrammeLinkModel, ProgrammeModel } from '../models';
import { programmeProgress } from '../assessment';
import { provisionalReach } from '../store/visibility';

/** The programmes at the other end of this programme's links of `kind`, in the direction asked. */
async function linked(programme: ProgrammeModel, loaders: Loaders, kind: ProgrammeLinkModel['kind'], direction: 'outgoing' | 'incoming') {
  const links = await loaders.linksOfProgramme.load(programme.id);
  const ids = links
    .filter((link) => link.kind === kind && (direction === 'outgoing' ? link.fromId === programme.id : link.toId === programme.id))
    .map((link) => (direction === 'outgoing' ? link.toId : link.fromId));
  const found = await loaders.programme.loadMany(ids);
  return found.filter((row): row is ProgrammeModel => row !== null && !(row instanceof Error));
}

export const Programme: ProgrammeResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.programme.load(reference.id),
  title: (programme) => ({ vi: programme.titleVi, en: programme.titleEn }),
  programmeKind: (programme) => programme.kind,
  programmeStatus: (programme) => programme.status,
  issuer: (programme, _args, { loaders }) => (programme.issuerId ? loaders.organization.load(programme.issuerId) : null),
  period: (programme) => ({ startYear: programme.periodStartYear, endYear: programme.periodEndYear }),
  term: (programme) => programme.termVi,
  implementedBy: (programme, _args, { loaders }) => linked(programme, loaders, 'IMPLEMENTS', 'incoming'),
  implements: (programme, _args, { loaders }) => linked(programme, loaders, 'IMPLEMENTS', 'outgoing'),
  basedOn: (programme, _args, { loaders }) => linked(programme, loaders, 'BASED_ON', 'outgoing'),
  links: (programme, _args, { loaders }) => loaders.linksOfProgramme.load(programme.id),
  taskGroups: async (programme, args, { loaders }) =>
    inSyntheticScope(await loaders.taskGroupsByProgramme.load(programme.id), syntheticScope(programme.synthetic, args.synthetic)),
  indicators: (programme, { synthetic, ...args }, { loaders }) =>
    loaders.indicatorPagesOfProgramme.load({ parentId: programme.id, args, synthetic: syntheticScope(programme.synthetic, synthetic) }),
  tasks: (programme, { synthetic, ...args }, { loaders }) =>
    loaders.taskPagesOfProgramme.load({ parentId: programme.id, args, synthetic: syntheticScope(programme.synthetic, synthetic) }),
  progress: (programme, { includeSynthetic, synthetic }, { loaders, caller }) =>
    programmeProgress(programme, loaders, { includeSynthetic, reach: provisionalReach(caller) }, syntheticScope(programme.synthetic, synthetic)),
  reportedCounts: (programme) =>
    programme.reportedCounts
      ? {
          indicators: programme.reportedCounts.indicators ?? null,
          tasks: programme.reportedCounts.tasks ?? null,
          taskGroups: programme.reportedCounts.taskGroups ?? null,
          note: programme.reportedCounts.note ?? null,
        }
      : null,
  reportedProgress: (programme, _args, { loaders }) => loaders.progressReportsByProgramme.load(programme.id),
};
