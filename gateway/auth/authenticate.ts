import type { IncomingHttpHeaders } from 'node:http';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isRole, roleNeedsOrganization, ROLES } from '../../subgraphs/kernel/identity/assertion';
import { DOMAINS, type Domain } from '../../subgraphs/kernel/identity/access-policy';
import { ANONYMOUS, type Caller, type Role } from '../../subgraphs/kernel/identity/caller';
import { API_KEY_HEADER, type VerifyApiKey, type VerifyOptions } from './api-keys';
import type { AuthConfig } from './config';
import { AuthenticationError, CredentialCheckUnavailable } from './errors';

export { AuthenticationError, CredentialCheckUnavailable } from './errors';

/**
 * Who a request's headers say is asking: anonymous (`credential: 'none'`) without a
 * credential; throws AuthenticationError on a bad one and CredentialCheckUnavailable when an
 * API key cannot be checked.
 */
export type Authenticate = (headers: IncomingHttpHeaders | Record<string, unknown>, options?: VerifyOptions) => Promise<Caller>;

/** The caller of a request without a credential. */
export const ANONYMOUS_CALLER: Caller = Object.freeze({ ...ANONYMOUS, credential: 'none' as const });

/** Asymmetric algorithms accepted from a JWKS; never `none`, never HMAC with a public key. */
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * One credential per request: `Authorization: Bearer <JWT>` or `X-Api-Key: <key>`, never both.
 * A token's signature, issuer, audience, expiry (required) and not-before are checked with
 * `clockSkewSeconds` of tolerance; claims: `sub`, `role` (one of ROLES), `org` (the
 * Organization id; required for partner and editor), `domains` (editors). An API key is
 * checked by `verifyApiKey` (the integrations subgraph, see api-keys.ts).
 */
export function createAuthenticator(config: AuthConfig, verifyApiKey?: VerifyApiKey): Authenticate {
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

  return async (headers, verifyOptions) => {
    const header = headers.authorization;
    const apiKey = headers[API_KEY_HEADER];
    const hasToken = header !== undefined && header !== '';
    if (apiKey !== undefined) {
      if (hasToken) throw new AuthenticationError('Send one credential: an Authorization Bearer token or an X-Api-Key, not both');
      if (typeof apiKey !== 'string') throw new AuthenticationError('Send one X-Api-Key header');
      if (!verifyApiKey) throw new CredentialCheckUnavailable('API keys cannot be checked by this gateway');
      return verifyApiKey(apiKey, verifyOptions);
    }
    if (!hasToken) return ANONYMOUS_CALLER;
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
  if (roleNeedsOrganization(role) && !org)
    throw new AuthenticationError(`${role === 'editor' ? 'An' : 'A'} ${role} token must name its organisation (org claim)`);
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
  if (value.length > 0 && role !== 'editor') throw new AuthenticationError('Only an editor token may name domains');
  return value as Domain[];
}
