import type { ObservationResolvers } from '../generated/graphql';
import { referencedDataset } from './Dataset';

/**
 * Programmes' observations: the gateway sends each with the dataset id it cites (@requires);
 * the catalogue decides whether the caller may see that dataset, so its id reaches only them.
 */
export const Observation: ObservationResolvers = {
  __resolveReference: (reference) => ({ id: reference.id, sourceDatasetId: reference.sourceDatasetId ?? null }),
  sourceDataset: (observation, _args, context) => (observation.sourceDatasetId ? referencedDataset(context, observation.sourceDatasetId) : null),
};
