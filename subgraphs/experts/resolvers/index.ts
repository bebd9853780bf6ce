import type { Resolvers } from '../generated/graphql';
import { Affiliation } from './Affiliation';
import { Organization } from './Organization';
import { Programme } from './Programme';
import { ResearchProject } from './ResearchProject';
import { Startup } from './Startup';
import { StartupProject } from './StartupProject';
import { Task } from './Task';
import { Engagement } from './Engagement';
import { EngagementTarget } from './EngagementTarget';
import { Expert } from './Expert';
import { ExpertiseArea } from './ExpertiseArea';
import { ExpertMatchEdge } from './ExpertMatchEdge';
import { Membership } from './Membership';
import { Mutation } from './Mutation';
import { Network } from './Network';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Expert,
  Affiliation,
  ExpertiseArea,
  ExpertMatchEdge,
  Network,
  Membership,
  Engagement,
  EngagementTarget,
  ResearchProject,
  Programme,
  Task,
  Startup,
  StartupProject,
  Organization,
};
