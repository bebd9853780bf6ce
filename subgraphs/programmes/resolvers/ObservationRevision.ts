import type { ObservationRevisionResolvers } from '../generated/graphql';
import { sourceDocument } from './Observation';

export const ObservationRevision: ObservationRevisionResolvers = {
  sourceDataset: (revision) => (revision.sourceDatasetId ? { id: revision.sourceDatasetId } : null),
  sourceDocument: (revision) => sourceDocument(revision),
};
