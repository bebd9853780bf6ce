/**
 * Who is asking. Until authentication lands (access-control issue) every request is
 * anonymous; code that protects data asks these questions instead of checking roles inline,
 * so enforcement grows in one place.
 */
export type Role = 'public' | 'partner' | 'editor' | 'integrator' | 'admin';

export interface Caller {
  role: Role;
  /** The caller's organisation (an Organization id), for partners and editors. */
  organizationId: string | null;
  /** Stable subject of the credential (user or API key), for audit. */
  subject: string | null;
}

export const ANONYMOUS: Caller = Object.freeze({ role: 'public', organizationId: null, subject: null });

/** Personal data (an expert's email, phone): partners and admins only. */
export function canReadPersonalData(caller: Caller): boolean {
  return caller.role === 'partner' || caller.role === 'admin';
}

export function isAnonymous(caller: Caller): boolean {
  return caller.role === 'public';
}

/** Data its owner shares with authorised users only (a RESTRICTED dataset): every signed-in role. */
export function canReadRestrictedData(caller: Caller): boolean {
  return caller.role !== 'public';
}

/** Data internal to the publishing administration (an INTERNAL dataset): editors and admins. */
export function canReadInternalData(caller: Caller): boolean {
  return caller.role === 'editor' || caller.role === 'admin';
}

/**
 * Whether the caller may write records owned by `ownerOrganizationId`: an editor of that
 * organisation, or an admin. Until credentials exist (access-control issue) nobody is an
 * editor, so development and tests may set `ALLOW_ANONYMOUS_WRITES=true` to let anonymous
 * callers write; it is ignored when NODE_ENV is production.
 */
export function canWrite(caller: Caller, ownerOrganizationId: string | null): boolean {
  if (caller.role === 'admin') return true;
  if (caller.role === 'editor') return ownerOrganizationId === null || caller.organizationId === ownerOrganizationId;
  return caller.role === 'public' && anonymousWritesAllowed();
}

export function anonymousWritesAllowed(): boolean {
  return process.env.NODE_ENV !== 'production' && process.env.ALLOW_ANONYMOUS_WRITES === 'true';
}

/** Managing webhook endpoints (create, rotate, redeliver...): integrators and admins. */
export function canManageWebhooks(caller: Caller): boolean {
  return caller.role === 'integrator' || caller.role === 'admin';
}
