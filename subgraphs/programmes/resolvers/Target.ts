import { notFound } from '../../kernel/platform/errors';
import type { TargetResolvers } from '../generated/graphql';
import { assessWithLoaders } from '../assessment';
import { DEFAULT_ABOUT_TOLERANCE } from '../rules/indicator-status';
import { provisionalReach } from '../store/visibility';

export const Target: TargetResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.target.load(reference.id),
  async indicator(target, _args, { loaders }) {
    const indicator = await loaders.indicator.load(target.indicatorId);
    if (!indicator) throw notFound('Indicator', 'id', target.indicatorId);
    return indicator;
  },
  tolerance: (target) => (target.comparator === 'ABOUT' ? (target.relativeTolerance ?? DEFAULT_ABOUT_TOLERANCE) : null),
  baseline: (target) => (target.baselineValue != null ? { value: target.baselineValue, period: target.baselinePeriod } : null),
  setBy: (target, _args, { loaders }) => (target.setById ? loaders.programme.load(target.setById) : null),
  statement: (target) => (target.statementVi ? { vi: target.statementVi, en: target.statementEn } : null),
  async assessment(target, { includeSynthetic, asOf }, { loaders, caller }) {
    const indicator = await loaders.indicator.load(target.indicatorId);
    if (!indicator) throw notFound('Indicator', 'id', target.indicatorId);
    return assessWithLoaders(indicator, loaders, { includeSynthetic, asOf: asOf ? new Date(asOf) : null, reach: provisionalReach(caller) }, target);
  },
};
