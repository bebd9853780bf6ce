import type { IndicatorResolvers } from '../generated/graphql';
import { onlyVisible } from '../store/visibility';

export const Indicator: IndicatorResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  sourceDatasets: async (indicator, _args, { loaders, caller }) =>
    onlyVisible(caller, (await loaders.datasetsFeedingIndicator.load(indicator.id)).map((row) => row.dataset)),
};
