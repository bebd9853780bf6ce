import type { IncomingHttpHeaders } from 'node:http';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole, roleNeedsOrganization, ROLES } from '../../subgraphs/kernel/assertion';
import { DOMAINS, type Domain } from '../../subgraphs/kernel/access-policy';
import { ANONYMOUS, type Caller, type Role } from '../../subgraphs/kernel/caller';
import type { AuthConfig } from './config';

/** A credential was sent but is not acceptable. The message says why and is safe to show. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/** Who a request's headers say is asking: anonymous without a credential; throws AuthenticationError on a bad one. */
export type Authenticate = (headers: IncomingHttpHeaders | Record<string, unknown>) => Promise<Caller>;

/** Asymmetric algorithms accepted from a JWKS; never `none`, never HMAC with a public key. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Verifies `Authorization: Bearer <JWT>`: signature, issuer, audience, expiry (required) and
 * not-before, with `clockSkewSeconds` of tolerance. Claims: `sub`, `role` (one of ROLES),
 * `org` (the Organization id; required for partner and editor).
 */
export function createAuthenticator(config: AuthConfig): Authenticate {
  const keys = config.keys;
  const symmetric = 'secret' in keys;
  const key: Uint8Array | JWTVerifyGetKey =
    'secret' in keys
      ? new TextEncoder().encode(keys.secret)
      : 'jwks' in keys
        ? createLocalJWKSet(keys.jwks as Parameters<typeof createLocalJWKSet>[0])
        : createRemoteJWKSet(new URL(keys.jwksUrl));
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: config.clockSkewSeconds,
    algorithms: symmetric ? ['HS256'] : ASYMMETRIC_ALGORITHMS,
    requiredClaims: ['exp', 'sub'],
  };

  return async (headers) => {
    if (headers['x-api-key'] !== undefined) throw new AuthenticationError('API keys are not accepted yet; use a Bearer token');
    const header = headers.authorization;
    if (header === undefined || header === '') return ANONYMOUS;
    const match = typeof header === 'string' ? /^Bearer\s+([^\s]+)\s*$/i.exec(header) : null;
    if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      // jwtVerify's overloads differ only in the key's type; both are handled the same way.
      ({ payload } = typeof key === 'function' ? await jwtVerify(match[1]!, key, options) : await jwtVerify(match[1]!, key, options));
    } catch (error) {
      throw new AuthenticationError(describeFailure(error));
    }
    return callerFromClaims(payload);
  };
}

function describeFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "The token's signature is not valid";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "The token's algorithm is not accepted";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The token was signed with an unknown key';
  if (error instanceof joseErrors.JWKSTimeout || (error instanceof joseErrors.JOSEError && error.code === 'ERR_JOSE_GENERIC')) {
    return 'The token could not be checked against the key set';
  }
  return 'The token is not valid';
}

export function callerFromClaims(payload: JWTPayload): Caller {
  const role = payload.role;
  if (!isRole(role)) throw new AuthenticationError(`The token's role must be one of ${ROLES.join(', ')}`);
  const org = payload.org;
  if (org !== undefined && (typeof org !== 'string' || org === '')) throw new AuthenticationError("The token's org claim must be an Organization id");
  if (roleNeedsOrganization(role) && !org) throw new AuthenticationError(`${role === 'editor' ? 'An' : 'A'} ${role} token must name its organisation (org claim)`);
  const domains = domainsClaim(payload.domains, role);
  return Object.freeze({
    role,
    organizationId: (org as string | undefined) ?? null,
    subject: payload.sub ?? null,
    credential: 'token' as const,
    ...(domains.length ? { domains } : {}),
  });
}

/** `domains`: optional, editors only, each one of DOMAINS. */
function domainsClaim(value: unknown, role: Role): Domain[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((domain) => (DOMAINS as readonly unknown[]).includes(domain))) {
    throw new AuthenticationError(`The token's domains claim must be a list of ${DOMAINS.join(', ')}`);
  }
  if (value.length > 0 && role !== 'editor') throw new AuthenticationError("Only an editor token may name domains");
  return value as Domain[];
}
