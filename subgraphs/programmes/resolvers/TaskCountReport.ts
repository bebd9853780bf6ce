import type { TaskCountReportResolvers, TaskCountShareResolvers } from '../generated/graphql';
import type { OrganizationModel } from '../models';

export const TaskCountReport: TaskCountReportResolvers = {
  reportedBy: (report, _args, { loaders }) => (report.reportedById ? loaders.organization.load(report.reportedById) : null),
  completedByUnit: (report) => report.completedByUnit ?? [],
  contentGroups: (report) => report.contentGroups ?? [],
  statement: (report) => ({ vi: report.statementVi, en: report.statementEn }),
};

export const TaskCountShare: TaskCountShareResolvers = {
  async organizations(share, _args, { loaders }) {
    const found = await loaders.organization.loadMany(share.organizationIds);
    return found.filter((row): row is OrganizationModel => row !== null && !(row instanceof Error));
  },
  label: (share) => ({ vi: share.labelVi, en: share.labelEn }),
};
