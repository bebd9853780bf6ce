import type { Resolvers } from '../generated/graphql';
import { Cohort } from './Cohort';
import { CohortParticipation } from './CohortParticipation';
import { EcosystemMetrics } from './EcosystemMetrics';
import { FundingInvestor } from './FundingInvestor';
import { FundingRound } from './FundingRound';
import { HubFigure } from './HubFigure';
import { Indicator } from './Indicator';
import { InnovationHub } from './InnovationHub';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Programme } from './Programme';
import { Query } from './Query';
import { Startup } from './Startup';
import { StartupCertification } from './StartupCertification';
import { StartupHubCount } from './StartupHubCount';
import { StartupProject } from './StartupProject';
import { StartupProjectProgress } from './StartupProjectProgress';
import { StartupProjectSupport } from './StartupProjectSupport';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Startup,
  StartupCertification,
  StartupProject,
  StartupProjectSupport,
  StartupProjectProgress,
  InnovationHub,
  HubFigure,
  Cohort,
  CohortParticipation,
  FundingRound,
  FundingInvestor,
  EcosystemMetrics,
  StartupHubCount,
  Organization,
  Programme,
  Indicator,
};
