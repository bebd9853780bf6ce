import type { AuditEntryResolvers } from '../generated/graphql';

export const AuditEntry: AuditEntryResolvers = {
  id: (entry) => String(entry.id),
  // The actor is read from the entry's own columns (AuditActorModel).
  actor: (entry) => entry,
};
