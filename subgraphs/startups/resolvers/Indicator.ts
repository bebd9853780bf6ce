import type { IndicatorResolvers } from '../generated/graphql';
import { STARTUP_PROJECTS_INDICATOR_ID } from './StartupProjectProgress';

export const Indicator: IndicatorResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  startupProjectsCounted: (indicator, { includeSynthetic }, { loaders }) =>
    indicator.id === STARTUP_PROJECTS_INDICATOR_ID ? loaders.supportedProjectCount.load(includeSynthetic ? 'all' : 'real') : null,
};
