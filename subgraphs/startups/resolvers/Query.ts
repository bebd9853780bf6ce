import { syntheticScope } from '../../kernel/reference/synthetic-scope';
import { notFound } from '../../kernel/platform/errors';
import type { Context } from '../context';
import type { QueryResolvers } from '../generated/graphql';
import { listCohorts } from '../store/cohorts';
import { listFundingRounds } from '../store/funding';
import { listHubs } from '../store/hubs';
import { listProjects } from '../store/projects';
import { listStartups } from '../store/startups';
import { validateFundingRoundFilter, validateHubFilter, validateStartupFilter, validateStartupProjectFilter } from '../filters';
import { validateHubReference } from '../validation';
import { hanoiDate } from '../../kernel/platform/time';

const hubExists = (context: Context) => (id: string) => context.loaders.hub.load(id);

export const Query: QueryResolvers = {
  async startup(_parent, { id }, { loaders }) {
    return (await loaders.startup.load(id)) ?? Promise.reject(notFound('Startup', 'id', id));
  },
  async startups(_parent, { filter, ...page }, context) {
    await validateStartupFilter(filter, 'filter', hubExists(context));
    return listStartups(context.db, page, filter, hanoiDate(context.now));
  },
  async startupProject(_parent, { id }, { loaders }) {
    return (await loaders.project.load(id)) ?? Promise.reject(notFound('StartupProject', 'id', id));
  },
  async startupProjects(_parent, { filter, ...page }, context) {
    await validateStartupProjectFilter(filter, 'filter', hubExists(context));
    return listProjects(context.db, page, filter);
  },
  async hub(_parent, { id }, { loaders }) {
    return (await loaders.hub.load(id)) ?? Promise.reject(notFound('InnovationHub', 'id', id));
  },
  async hubs(_parent, { filter, ...page }, context) {
    await validateHubFilter(filter, 'filter', hubExists(context));
    return listHubs(context.db, page, filter);
  },
  async cohort(_parent, { id }, { loaders }) {
    return (await loaders.cohort.load(id)) ?? Promise.reject(notFound('Cohort', 'id', id));
  },
  async cohorts(_parent, { hubId, synthetic, ...page }, context) {
    await validateHubReference(hubId, 'hubId', hubExists(context));
    return listCohorts(context.db, page, hubId, synthetic);
  },
  fundingRounds(_parent, { filter, ...page }, { db }) {
    validateFundingRoundFilter(filter, 'filter');
    return listFundingRounds(db, page, filter);
  },
  // An aggregate counts real records unless asked: figures a reader takes for real never hold demo rows.
  ecosystemMetrics: (_parent, { synthetic }) => ({ synthetic: syntheticScope(false, synthetic) }),
};
