import type { AuditActorResolvers, CredentialKind } from '../generated/graphql';
import type { AuditActorModel } from '../models';

const CREDENTIALS: Record<NonNullable<AuditActorModel['actorCredential']>, CredentialKind> = { none: 'NONE', token: 'TOKEN', apiKey: 'API_KEY' };

export const AuditActor: AuditActorResolvers = {
  role: (entry) => entry.actorRole,
  subject: (entry) => entry.actorSubject,
  organization: (entry) => (entry.actorOrganizationId ? { id: entry.actorOrganizationId } : null),
  credential: (entry) => (entry.actorCredential ? (CREDENTIALS[entry.actorCredential] ?? null) : null),
};
