import type { QueryResolvers } from '../generated/graphql';
import { listChanges } from '../store/change-log';

export const Query: QueryResolvers = {
  changes: (_parent, { filter, ...page }, { db, caller }) => listChanges(db, caller, page, filter),
};
