import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/platform/pagination';
import type * as schema from './db/schema';
import type { Provenance } from '../kernel/reference/provenance';
import type { Assessment, RuleObservation } from './rules/indicator-status';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type ProvenanceModel = Provenance;

export type OrganizationModel = InferSelectModel<typeof schema.organizations>;
export type OrganizationConnectionModel = Connection<OrganizationModel>;
export type OrganizationEdgeModel = Edge<OrganizationModel>;

export type ProgrammeModel = InferSelectModel<typeof schema.programmes>;
export type ProgrammeConnectionModel = Connection<ProgrammeModel>;
export type ProgrammeEdgeModel = Edge<ProgrammeModel>;
export type ProgrammeLinkModel = InferSelectModel<typeof schema.programmeLinks>;
export type TaskGroupModel = InferSelectModel<typeof schema.taskGroups>;
export type ProgrammeProgressReportModel = InferSelectModel<typeof schema.programmeProgressReports>;
export type MeetingModel = InferSelectModel<typeof schema.meetings>;
export type StandingModel = InferSelectModel<typeof schema.standings>;

/** Status counts of one programme's indicators. */
export interface ProgrammeProgressModel {
  programme: ProgrammeModel;
  total: number;
  achieved: number;
  onTrack: number;
  atRisk: number;
  notAchieved: number;
  likelyNotAchieved: number;
  noData: number;
  /** How many of the statuses are reported by a source, not computed. */
  reported: number;
  includesSyntheticIndicators: boolean;
}

export type IndicatorModel = InferSelectModel<typeof schema.indicators>;
export type IndicatorConnectionModel = Connection<IndicatorModel>;
export type IndicatorEdgeModel = Edge<IndicatorModel>;
export type TargetModel = InferSelectModel<typeof schema.targets>;
export type TargetConnectionModel = Connection<TargetModel>;
export type TargetEdgeModel = Edge<TargetModel>;
export type IndicatorReportedAssessmentModel = InferSelectModel<typeof schema.indicatorReportedAssessments>;

export type ObservationRevisionModel = InferSelectModel<typeof schema.observationRevisions>;
type ObservationRow = InferSelectModel<typeof schema.observations>;

/** An observation (indicator + period) with the one revision that is current, or was at the `asOf` instant asked for. */
export interface ObservationModel {
  id: ObservationRow['id'];
  indicatorId: ObservationRow['indicatorId'];
  periodKind: ObservationRow['periodKind'];
  periodStart: ObservationRow['periodStart'];
  periodEnd: ObservationRow['periodEnd'];
  synthetic: ObservationRow['synthetic'];
  revision: ObservationRevisionModel;
}
export type ObservationConnectionModel = Connection<ObservationModel>;
export type ObservationEdgeModel = Edge<ObservationModel>;

/** A computed status with the target and observation it rests on. */
export interface IndicatorAssessmentModel extends Omit<Assessment<ObservationModel & RuleObservation>, 'explanation'> {
  rule: string;
  target: TargetModel | null;
  includesSynthetic: boolean;
  /** The source statement the status comes from when nothing could be computed (ruleCode REPORTED). */
  reportedAssessment: IndicatorReportedAssessmentModel | null;
}

export type TaskModel = InferSelectModel<typeof schema.tasks>;
export type TaskConnectionModel = Connection<TaskModel>;
export type TaskEdgeModel = Edge<TaskModel>;
export type TaskProgressUpdateModel = InferSelectModel<typeof schema.taskProgressUpdates>;
export type TaskCountReportModel = InferSelectModel<typeof schema.taskCountReports>;
export type TaskCountShareModel = NonNullable<TaskCountReportModel['completedByUnit']>[number];

export type ResearchProjectModel = InferSelectModel<typeof schema.researchProjects>;
export type ResearchProjectConnectionModel = Connection<ResearchProjectModel>;
export type ResearchProjectEdgeModel = Edge<ResearchProjectModel>;
export type ProgrammeBoardModel = InferSelectModel<typeof schema.programmeBoards>;
export type ProgrammeBoardConnectionModel = Connection<ProgrammeBoardModel>;
export type ProgrammeBoardEdgeModel = Edge<ProgrammeBoardModel>;
export type ResearchAggregateReportModel = InferSelectModel<typeof schema.researchAggregateReports>;

/** One group of research statistics; dimensions not grouped by are null. */
export interface ResearchProjectGroupModel {
  category: ResearchProjectModel['category'] | null;
  year: number | null;
  boardId: string | null;
  status: ResearchProjectModel['status'] | null;
  count: number;
  fundingVnd: number;
  /** Whether demo rows were counted (set by the resolver from the filter). */
  includesSynthetic?: boolean;
}
