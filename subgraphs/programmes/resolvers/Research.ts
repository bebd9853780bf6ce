import type { ProgrammeBoardResolvers, ResearchAggregateReportResolvers, ResearchProjectGroupResolvers, ResearchProjectResolvers } from '../generated/graphql';

export const ResearchProject: ResearchProjectResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.researchProject.load(reference.id),
  title: (project) => ({ vi: project.titleVi, en: project.titleEn }),
  researchStatus: (project) => project.status,
  board: (project, _args, { loaders }) => (project.boardId ? loaders.programmeBoard.load(project.boardId) : null),
  leadOrganization: (project, _args, { loaders }) => (project.leadOrganizationId ? loaders.organization.load(project.leadOrganizationId) : null),
  programme: (project, _args, { loaders }) => (project.programmeId ? loaders.programme.load(project.programmeId) : null),
  period: (project) => ({ startYear: project.startYear, endYear: project.endYear }),
};

export const ProgrammeBoard: ProgrammeBoardResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.programmeBoard.load(reference.id),
  name: (board) => ({ vi: board.nameVi, en: board.nameEn }),
  field: (board) => (board.fieldVi ? { vi: board.fieldVi, en: board.fieldEn } : null),
  organization: (board, _args, { loaders }) => (board.organizationId ? loaders.organization.load(board.organizationId) : null),
};

export const ResearchAggregateReport: ResearchAggregateReportResolvers = {
  reportedBy: (report, _args, { loaders }) => (report.reportedById ? loaders.organization.load(report.reportedById) : null),
  period: (report) => ({ startYear: report.periodStartYear, endYear: report.periodEndYear }),
  byCategory: (report) => report.byCategory ?? [],
  statement: (report) => ({ vi: report.statementVi, en: report.statementEn }),
};

export const ResearchProjectGroup: ResearchProjectGroupResolvers = {
  board: (group, _args, { loaders }) => (group.boardId ? loaders.programmeBoard.load(group.boardId) : null),
};
