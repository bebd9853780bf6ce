import { notFound } from '../../kernel/platform/errors';
import type { QueryResolvers } from '../generated/graphql';
import { programmeProgress } from '../assessment';
import { indicatorsByCodes } from '../store/indicators';
import { listIndicators } from '../store/indicators';
import { listMeetings, listStandings } from '../store/meetings';
import { listOrganizations } from '../store/organizations';
import { listProgrammes, programmesByCodes } from '../store/programmes';
import { listProgrammeBoards, listResearchAggregateReports, listResearchProjects, researchProjectsByCodes, researchProjectStats } from '../store/research';
import { listTaskCountReports, listTasks, tasksByCodes } from '../store/tasks';
import { provisionalReach } from '../store/visibility';
import { syntheticScope } from '../../kernel/reference/synthetic-scope';
import { checkFilterLists, checkRange, checkYear, requireIdOrCode } from '../validation';

/** Loads one record by `id` (through the request's loader) or by `code`, or throws NOT_FOUND. */
async function byIdOrCode<T>(
  typename: string,
  args: { id?: string | null; code?: string | null },
  loadById: (id: string) => Promise<T | null>,
  loadByCode: (code: string) => Promise<T[]>,
): Promise<T> {
  const key = requireIdOrCode(args);
  const found = 'id' in key ? await loadById(key.id) : (await loadByCode(key.code))[0];
  if (!found) throw 'id' in key ? notFound(typename, 'id', key.id) : notFound(typename, 'code', key.code);
  return found;
}

export const Query: QueryResolvers = {
  async organization(_parent, { id }, { loaders }) {
    const organization = await loaders.organization.load(id);
    if (!organization) throw notFound('Organization', 'id', id);
    return organization;
  },
  organizations: (_parent, { filter, ...page }, { db }) => {
    checkFilterLists(filter, 'filter');
    return listOrganizations(db, page, filter);
  },

  programme: (_parent, args, { db, loaders }) =>
    byIdOrCode(
      'Programme',
      args,
      (id) => loaders.programme.load(id),
      (code) => programmesByCodes(db, [code]),
    ),
  programmes: (_parent, { filter, ...page }, { db }) => {
    checkFilterLists(filter, 'filter');
    checkRange(filter?.activeFrom, filter?.activeTo, 'filter.activeFrom', 'filter.activeTo');
    return listProgrammes(db, page, filter);
  },

  indicator: (_parent, args, { db, loaders }) =>
    byIdOrCode(
      'Indicator',
      args,
      (id) => loaders.indicator.load(id),
      (code) => indicatorsByCodes(db, [code]),
    ),
  indicators: (_parent, { filter, ...page }, { db }) => {
    checkFilterLists(filter, 'filter');
    return listIndicators(db, page, filter);
  },

  task: (_parent, args, { db, loaders }) =>
    byIdOrCode(
      'Task',
      args,
      (id) => loaders.task.load(id),
      (code) => tasksByCodes(db, [code]),
    ),
  tasks: (_parent, { filter, ...page }, { db, now }) => {
    checkFilterLists(filter, 'filter');
    checkRange(filter?.dueFrom, filter?.dueTo, 'filter.dueFrom', 'filter.dueTo');
    return listTasks(db, page, filter, now);
  },
  taskCountReports: (_parent, _args, { db }) => listTaskCountReports(db),

  researchProject: (_parent, args, { db, loaders }) =>
    byIdOrCode(
      'ResearchProject',
      args,
      (id) => loaders.researchProject.load(id),
      (code) => researchProjectsByCodes(db, [code]),
    ),
  researchProjects: (_parent, { filter, ...page }, { db }) => {
    checkResearchFilter(filter);
    return listResearchProjects(db, page, filter);
  },
  programmeBoards: (_parent, { filter, ...page }, { db }) => listProgrammeBoards(db, page, filter),
  reportedResearchAggregates: (_parent, _args, { db }) => listResearchAggregateReports(db),
  meetings: (_parent, _args, { db }) => listMeetings(db),
  standings: (_parent, { kind }, { db }) => listStandings(db, kind),
  researchProjectStats: async (_parent, { filter, groupBy }, { db }) => {
    checkResearchFilter(filter);
    // An aggregate counts real records unless asked: figures a reader takes for real never hold demo rows.
    const scope = syntheticScope(false, filter?.synthetic);
    const groups = await researchProjectStats(db, { ...filter, synthetic: scope }, groupBy ?? []);
    return groups.map((group) => ({ ...group, includesSynthetic: scope !== false }));
  },

  async indicatorStatusCounts(_parent, { filter, includeSynthetic }, { db, loaders, caller }) {
    checkFilterLists(filter, 'filter');
    checkRange(filter?.activeFrom, filter?.activeTo, 'filter.activeFrom', 'filter.activeTo');
    const page = await listProgrammes(db, { first: 100 }, filter);
    return Promise.all(page.nodes.map((programme) => programmeProgress(programme, loaders, { includeSynthetic, reach: provisionalReach(caller) })));
  },
};

function checkResearchFilter(filter: { yearFrom?: number | null; yearTo?: number | null } | null | undefined): void {
  checkFilterLists(filter, 'filter');
  checkYear(filter?.yearFrom, 'filter.yearFrom');
  checkYear(filter?.yearTo, 'filter.yearTo');
  checkRange(filter?.yearFrom, filter?.yearTo, 'filter.yearFrom', 'filter.yearTo');
}
