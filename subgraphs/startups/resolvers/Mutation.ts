import { notFound } from '../../kernel/errors';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import { createLoaders } from '../loaders';
import { addCohortParticipant, createCohort, updateCohort, updateCohortParticipation } from '../providers/cohort-writes';
import { recordFundingRound, updateFundingRound } from '../providers/funding-writes';
import { createInnovationHub, updateInnovationHub } from '../providers/hub-writes';
import { createStartupProject, transitionStartupProject, updateStartupProject } from '../providers/project-writes';
import { createStartup, updateStartup } from '../providers/startup-writes';

type LoaderName = 'startup' | 'project' | 'hub' | 'cohort' | 'fundingRound';
const TYPENAMES: Record<LoaderName, string> = { startup: 'Startup', project: 'StartupProject', hub: 'InnovationHub', cohort: 'Cohort', fundingRound: 'FundingRound' };

/**
 * Loads what a write answers with, after it committed. The request's loaders may hold rows
 * read before the write (validation, an earlier mutation of the same request), so they are
 * replaced: everything the answer shows is read as committed.
 */
async function committed<K extends LoaderName>(context: Context, loader: K, id: string) {
  context.loaders = createLoaders(context.db);
  const row = await context.loaders[loader].load(id);
  if (!row) throw notFound(TYPENAMES[loader], 'id', id);
  return row as NonNullable<Awaited<ReturnType<Context['loaders'][K]['load']>>>;
}

export const Mutation: MutationResolvers = {
  async createStartup(_parent, { input }, context) {
    const result = await createStartup(context, input);
    return { startup: await committed(context, 'startup', result.entityId), replayed: result.replayed };
  },
  async updateStartup(_parent, { input }, context) {
    const result = await updateStartup(context, input);
    return { startup: await committed(context, 'startup', result.entityId) };
  },
  async createStartupProject(_parent, { input }, context) {
    const result = await createStartupProject(context, input);
    return { startupProject: await committed(context, 'project', result.entityId), replayed: result.replayed };
  },
  async updateStartupProject(_parent, { input }, context) {
    const result = await updateStartupProject(context, input);
    return { startupProject: await committed(context, 'project', result.entityId) };
  },
  async transitionStartupProject(_parent, { input }, context) {
    const result = await transitionStartupProject(context, input);
    return { startupProject: await committed(context, 'project', result.entityId) };
  },
  async createInnovationHub(_parent, { input }, context) {
    const result = await createInnovationHub(context, input);
    return { hub: await committed(context, 'hub', result.entityId), replayed: result.replayed };
  },
  async updateInnovationHub(_parent, { input }, context) {
    const result = await updateInnovationHub(context, input);
    return { hub: await committed(context, 'hub', result.entityId) };
  },
  async createCohort(_parent, { input }, context) {
    const result = await createCohort(context, input);
    return { cohort: await committed(context, 'cohort', result.entityId), replayed: result.replayed };
  },
  async updateCohort(_parent, { input }, context) {
    const result = await updateCohort(context, input);
    return { cohort: await committed(context, 'cohort', result.entityId) };
  },
  async addCohortParticipant(_parent, { input }, context) {
    const result = await addCohortParticipant(context, input);
    return { cohort: await committed(context, 'cohort', result.entityId) };
  },
  async updateCohortParticipation(_parent, { input }, context) {
    const result = await updateCohortParticipation(context, input);
    return { cohort: await committed(context, 'cohort', result.entityId) };
  },
  async recordFundingRound(_parent, { input }, context) {
    const result = await recordFundingRound(context, input);
    return { fundingRound: await committed(context, 'fundingRound', result.entityId), replayed: result.replayed };
  },
  async updateFundingRound(_parent, { input }, context) {
    const result = await updateFundingRound(context, input);
    return { fundingRound: await committed(context, 'fundingRound', result.entityId) };
  },
};
