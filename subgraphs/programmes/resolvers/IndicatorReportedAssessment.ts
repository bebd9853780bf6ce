import type { IndicatorReportedAssessmentResolvers } from '../generated/graphql';

export const IndicatorReportedAssessment: IndicatorReportedAssessmentResolvers = {
  reportedBy: (report, _args, { loaders }) => (report.reportedById ? loaders.organization.load(report.reportedById) : null),
  statement: (report) => ({ vi: report.statementVi, en: report.statementEn }),
};
