import { inSyntheticScope, requiredSynthetic, syntheticScope } from '../../kernel/reference/synthetic-scope';
import type { IndicatorResolvers } from '../generated/graphql';
import { onlyListed } from '../store/visibility';

export const Indicator: IndicatorResolvers = {
  // The owner's provenance comes along (@requires), so the list matches the indicator's kind by default.
  __resolveReference: (reference) => reference,
  sourceDatasets: async (indicator, { synthetic }, context) => {
    const feeding = (await context.loaders.datasetsFeedingIndicator.load(indicator.id)).map((row) => row.dataset);
    return onlyListed(context, inSyntheticScope(feeding, syntheticScope(requiredSynthetic(indicator), synthetic)));
  },
};
