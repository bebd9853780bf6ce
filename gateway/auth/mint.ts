import { SignJWT } from 'jose';
import type { Domain } from '../../subgraphs/kernel/identity/access-policy';
import type { Role } from '../../subgraphs/kernel/identity/caller';

export interface MintOptions {
  secret: string;
  issuer: string;
  audience: string;
  role: Role;
  /** The Organization id a partner or editor acts for. */
  org?: string | null;
  sub?: string;
  /** Domains an editor may write whatever organisation owns the record (e.g. `experts`). */
  domains?: readonly Domain[];
  /** Lifetime in seconds (default one hour); negative gives an already expired token, for tests. */
  ttlSeconds?: number;
}

/** An HS256 Bearer token as an identity provider sharing `AUTH_JWT_SECRET` would issue it. */
export function mintToken(options: MintOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: options.role, ...(options.org ? { org: options.org } : {}), ...(options.domains?.length ? { domains: options.domains } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.sub ?? `dev-${options.role}`)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? 3600))
    .sign(new TextEncoder().encode(options.secret));
}
