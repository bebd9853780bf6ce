import type { EcosystemMetricsResolvers } from '../generated/graphql';
import * as metrics from '../store/metrics';

/** Each field is one grouped statement, run only when selected. */
export const EcosystemMetrics: EcosystemMetricsResolvers = {
  includesSynthetic: ({ synthetic }) => synthetic !== false,
  startupCount: ({ synthetic }, _args, { db }) => metrics.startupCount(db, synthetic),
  startupProjectCount: ({ synthetic }, _args, { db }) => metrics.projectCount(db, synthetic),
  startupsByStage: ({ synthetic }, _args, { db }) => metrics.startupsByStage(db, synthetic),
  startupsByStatus: ({ synthetic }, _args, { db }) => metrics.startupsByStatus(db, synthetic),
  startupsBySector: ({ synthetic }, _args, { db }) => metrics.startupsBySector(db, synthetic),
  startupsByDistrict: ({ synthetic }, _args, { db }) => metrics.startupsByDistrict(db, synthetic),
  startupsByHub: ({ synthetic }, _args, { db }) => metrics.startupsByHub(db, synthetic),
  startupsByFoundingYear: ({ synthetic }, _args, { db }) => metrics.startupsByFoundingYear(db, synthetic),
  fundingByYear: ({ synthetic }, _args, { db }) => metrics.fundingByYear(db, synthetic),
  startupProjectsReachingStage: ({ synthetic }, _args, { db }) => metrics.projectsReachingStage(db, synthetic),
};
