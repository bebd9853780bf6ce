import { notFound } from '../../kernel/platform/errors';
import { inSyntheticScope, syntheticScope } from '../../kernel/reference/synthetic-scope';
import { connectionOfLoadedRows } from '../../kernel/platform/pagination';
import type { IndicatorResolvers } from '../generated/graphql';
import { assessWithLoaders } from '../assessment';
import { primaryTarget } from '../rules/indicator-status';
import { provisionalReach } from '../store/visibility';
import { checkRange } from '../validation';
import type { ObservationModel } from '../models';

/** The order `observationsForIndicators` reads a series in (store/observations.ts). */
const SERIES_ORDER = [(row: ObservationModel) => row.periodStart, (row: ObservationModel) => row.periodKind, (row: ObservationModel) => row.id];

export const Indicator: IndicatorResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.indicator.load(reference.id),
  name: (indicator) => ({ vi: indicator.nameVi, en: indicator.nameEn }),
  responsibleOrganization: (indicator, _args, { loaders }) =>
    indicator.responsibleOrganizationId ? loaders.organization.load(indicator.responsibleOrganizationId) : null,
  responsibilityAssignedBy: (indicator, _args, { loaders }) =>
    indicator.responsibilityAssignedById ? loaders.programme.load(indicator.responsibilityAssignedById) : null,
  async programme(indicator, _args, { loaders }) {
    const programme = await loaders.programme.load(indicator.programmeId);
    if (!programme) throw notFound('Programme', 'id', indicator.programmeId);
    return programme;
  },
  note: (indicator) => (indicator.noteVi ? { vi: indicator.noteVi, en: indicator.noteEn } : null),
  targets: (indicator, { synthetic, ...args }, { loaders }) =>
    loaders.targetPagesOfIndicator.load({ parentId: indicator.id, args, synthetic: syntheticScope(indicator.synthetic, synthetic) }),
  primaryTarget: async (indicator, _args, { loaders }) => primaryTarget(await loaders.targetsByIndicator.load(indicator.id)),
  async observations(indicator, { from, to, asOf, synthetic, ...page }, { loaders, caller }) {
    checkRange(from, to, 'from', 'to');
    // The loader reads the whole series of every indicator on the page in one statement, oldest first.
    const series = await loaders.observationsByIndicator.load({
      indicatorId: indicator.id,
      from,
      to,
      asOf: asOf ? new Date(asOf) : null,
      reach: provisionalReach(caller),
    });
    return connectionOfLoadedRows(inSyntheticScope(series, syntheticScope(indicator.synthetic, synthetic)), page, SERIES_ORDER);
  },
  assessment: (indicator, { includeSynthetic, asOf }, { loaders, caller }) =>
    assessWithLoaders(indicator, loaders, { includeSynthetic, asOf: asOf ? new Date(asOf) : null, reach: provisionalReach(caller) }),
  indicatorStatus: async (indicator, { includeSynthetic, asOf }, { loaders, caller }) =>
    (await assessWithLoaders(indicator, loaders, { includeSynthetic, asOf: asOf ? new Date(asOf) : null, reach: provisionalReach(caller) })).status,
  reportedAssessments: (indicator, _args, { loaders }) => loaders.reportedAssessmentsByIndicator.load(indicator.id),
};
