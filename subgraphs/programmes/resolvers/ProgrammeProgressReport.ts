import type { ProgrammeProgressReportResolvers } from '../generated/graphql';

export const ProgrammeProgressReport: ProgrammeProgressReportResolvers = {
  reportedBy: (report, _args, { loaders }) => (report.reportedById ? loaders.organization.load(report.reportedById) : null),
  statement: (report) => ({ vi: report.statementVi, en: report.statementEn }),
};
