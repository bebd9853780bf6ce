import { indicatorId } from '../../kernel/reference/seed-refs';
import type { StartupProjectProgressResolvers } from '../generated/graphql';

/** The city's target of 1,000 supported startup projects (seed 000), owned by the programmes subgraph. */
export const STARTUP_PROJECTS_INDICATOR_ID = indicatorId('HN2025-STARTUP-PROJECTS');

export const StartupProjectProgress: StartupProjectProgressResolvers = {
  indicator: () => ({ id: STARTUP_PROJECTS_INDICATOR_ID }),
};
