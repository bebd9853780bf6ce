import type { ObservationRevisionResolvers } from '../generated/graphql';
import { referencedDataset } from './Dataset';

/** Programmes' observation revisions, like `Observation`: the dataset each cites, if the caller may see it. */
export const ObservationRevision: ObservationRevisionResolvers = {
  __resolveReference: (reference) => ({ id: reference.id, sourceDatasetId: reference.sourceDatasetId ?? null }),
  sourceDataset: (revision, _args, context) => (revision.sourceDatasetId ? referencedDataset(context, revision.sourceDatasetId) : null),
};
