import type { ObservationRevisionResolvers } from '../generated/graphql';
import { provisionalReach } from '../store/visibility';
import { sourceDocument } from './Observation';

export const ObservationRevision: ObservationRevisionResolvers = {
  __resolveReference: (reference, { loaders, caller }) => loaders.revision.load({ id: reference.id, reach: provisionalReach(caller) }),
  // `sourceDatasetId` is the row's; the catalogue resolves `sourceDataset` from it (@requires).
  sourceDocument: (revision) => sourceDocument(revision),
  remarks: (revision) => revision.note,
};
