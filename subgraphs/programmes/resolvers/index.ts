import type { Resolvers } from '../generated/graphql';
import { Indicator } from './Indicator';
import { Meeting, Standing } from './Meeting';
import { IndicatorReportedAssessment } from './IndicatorReportedAssessment';
import { Mutation } from './Mutation';
import { Observation } from './Observation';
import { ObservationRevision } from './ObservationRevision';
import { Organization } from './Organization';
import { Programme } from './Programme';
import { ProgrammeLink } from './ProgrammeLink';
import { ProgrammeProgressReport } from './ProgrammeProgressReport';
import { Query } from './Query';
import { ProgrammeBoard, ResearchAggregateReport, ResearchProject, ResearchProjectGroup } from './Research';
import { Target } from './Target';
import { Task } from './Task';
import { TaskCountReport, TaskCountShare } from './TaskCountReport';
import { TaskGroup } from './TaskGroup';
import { TaskProgressUpdate } from './TaskProgressUpdate';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Organization,
  Programme,
  ProgrammeLink,
  ProgrammeProgressReport,
  TaskGroup,
  Indicator,
  IndicatorReportedAssessment,
  Target,
  Observation,
  ObservationRevision,
  Task,
  TaskProgressUpdate,
  TaskCountReport,
  TaskCountShare,
  ResearchProject,
  ProgrammeBoard,
  ResearchAggregateReport,
  ResearchProjectGroup,
  Meeting,
  Standing,
};
