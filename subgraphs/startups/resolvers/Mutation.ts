import { committed } from '../../kernel/subgraph/committed';
import type { WriteResult } from '../../kernel/subgraph/outbox';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import type { CohortModel, FundingRoundModel, InnovationHubModel, StartupModel, StartupProjectModel } from '../models';
import { addCohortParticipant, createCohort, updateCohort, updateCohortParticipation } from '../writes/cohorts';
import { recordFundingRound, updateFundingRound } from '../writes/funding';
import { createInnovationHub, updateInnovationHub } from '../writes/hubs';
import { createStartupProject, transitionStartupProject, updateStartupProject } from '../writes/projects';
import { createStartup, updateStartup } from '../writes/startups';

// Every answer is the record as committed (kernel/subgraph/committed.ts).
const startup = (context: Context, result: WriteResult<StartupModel>) => committed(context, result, 'Startup', (loaders, id) => loaders.startup.load(id));
const project = (context: Context, result: WriteResult<StartupProjectModel>) =>
  committed(context, result, 'StartupProject', (loaders, id) => loaders.project.load(id));
const hub = (context: Context, result: WriteResult<InnovationHubModel>) => committed(context, result, 'InnovationHub', (loaders, id) => loaders.hub.load(id));
const cohort = (context: Context, result: WriteResult<CohortModel>) => committed(context, result, 'Cohort', (loaders, id) => loaders.cohort.load(id));
const fundingRound = (context: Context, result: WriteResult<FundingRoundModel>) =>
  committed(context, result, 'FundingRound', (loaders, id) => loaders.fundingRound.load(id));

export const Mutation: MutationResolvers = {
  async createStartup(_parent, { input }, context) {
    const result = await createStartup(context, input);
    return { startup: await startup(context, result), replayed: result.replayed };
  },
  async updateStartup(_parent, { input }, context) {
    const result = await updateStartup(context, input);
    return { startup: await startup(context, result) };
  },
  async createStartupProject(_parent, { input }, context) {
    const result = await createStartupProject(context, input);
    return { startupProject: await project(context, result), replayed: result.replayed };
  },
  async updateStartupProject(_parent, { input }, context) {
    const result = await updateStartupProject(context, input);
    return { startupProject: await project(context, result) };
  },
  async transitionStartupProject(_parent, { input }, context) {
    const result = await transitionStartupProject(context, input);
    return { startupProject: await project(context, result) };
  },
  async createInnovationHub(_parent, { input }, context) {
    const result = await createInnovationHub(context, input);
    return { hub: await hub(context, result), replayed: result.replayed };
  },
  async updateInnovationHub(_parent, { input }, context) {
    const result = await updateInnovationHub(context, input);
    return { hub: await hub(context, result) };
  },
  async createCohort(_parent, { input }, context) {
    const result = await createCohort(context, input);
    return { cohort: await cohort(context, result), replayed: result.replayed };
  },
  async updateCohort(_parent, { input }, context) {
    const result = await updateCohort(context, input);
    return { cohort: await cohort(context, result) };
  },
  async addCohortParticipant(_parent, { input }, context) {
    const result = await addCohortParticipant(context, input);
    return { cohort: await cohort(context, result) };
  },
  async updateCohortParticipation(_parent, { input }, context) {
    const result = await updateCohortParticipation(context, input);
    return { cohort: await cohort(context, result) };
  },
  async recordFundingRound(_parent, { input }, context) {
    const result = await recordFundingRound(context, input);
    return { fundingRound: await fundingRound(context, result), replayed: result.replayed };
  },
  async updateFundingRound(_parent, { input }, context) {
    const result = await updateFundingRound(context, input);
    return { fundingRound: await fundingRound(context, result) };
  },
};
