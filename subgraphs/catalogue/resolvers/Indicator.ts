import type { IndicatorResolvers } from '../generated/graphql';
import { onlyListed } from '../store/visibility';

export const Indicator: IndicatorResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  sourceDatasets: async (indicator, _args, context) =>
    onlyListed(context, (await context.loaders.datasetsFeedingIndicator.load(indicator.id)).map((row) => row.dataset)),
};
