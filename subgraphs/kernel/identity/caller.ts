import { allows, type Domain, type Scope } from './access-policy';

/**
 * Who is asking, as the gateway authenticated them and the caller assertion carries them
 * (assertion.ts). Code that protects data asks access-policy.ts (through the helpers below)
 * instead of checking roles inline, so the rules live in one declaration.
 */
export type Role = 'public' | 'partner' | 'editor' | 'integrator' | 'admin';

/** Where a request came from, for the audit log: as the gateway saw it. */
export interface RequestOrigin {
  /** The client's address (the socket's, or X-Forwarded-For's first hop behind a trusted proxy). */
  ip: string | null;
  userAgent: string | null;
}

export interface Caller {
  role: Role;
  /** The caller's organisation (an Organization id), for partners and editors. */
  organizationId: string | null;
  /** Stable subject of the credential (a token's `sub`, or `apikey:<id>`), for audit. */
  subject: string | null;
  /** Editors only: domains whose records they may write whoever owns them (JWT claim `domains`). */
  domains?: readonly Domain[];
  /** API keys only: what the key may do beyond reading; absent for tokens (not narrowed). */
  scopes?: readonly Scope[];
  /** How the caller proved who they are. */
  credential?: 'none' | 'token' | 'apiKey';
  /** Where the request came from (audit); absent in background work. */
  origin?: RequestOrigin;
}

export const ANONYMOUS: Caller = Object.freeze({ role: 'public', organizationId: null, subject: null });

export function isAnonymous(caller: Caller): boolean {
  return caller.role === 'public';
}

/** Personal data (an expert's email, phone): see ACCESS_RULES.personalData. */
export function canReadPersonalData(caller: Caller): boolean {
  return allows(caller, 'personalData');
}

/**
 * Whether the caller may write a record owned by `ownerOrganizationId` in `domain`: an editor
 * of that organisation or named for that domain, or an admin (ACCESS_RULES.writeRecord).
 */
export function canWrite(caller: Caller, ownerOrganizationId: string | null, domain: Domain): boolean {
  return allows(caller, 'writeRecord', { ownerOrganizationId, domain });
}
