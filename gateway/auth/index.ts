import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { assertionHeaders, internalAssertionSecret, serviceAssertionHeaders, type SubgraphRequest } from '../../subgraphs/kernel/identity/assertion';
import { ANONYMOUS, type Caller, type RequestOrigin } from '../../subgraphs/kernel/identity/caller';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { API_KEY_VERIFY_PATH } from '../../subgraphs/kernel/platform/internal-paths';
import { apiKeyCacheSecondsFromEnv, apiKeyVerifier } from './api-keys';
import { createAuthenticator, type Authenticate } from './authenticate';
import { authConfigFromEnv, checkAuthConfig, type AuthConfig } from './config';
import { AuthenticationError, CredentialCheckUnavailable } from './errors';

export { AuthenticationError, CredentialCheckUnavailable, type Authenticate } from './authenticate';
export type { AuthConfig } from './config';

/** What the gateway's Apollo context holds: the authenticated caller, with how they proved it and where they came from. */
export interface GatewayContext {
  caller: Caller;
}

/** The gateway's side of authentication: checking clients, and vouching for them to subgraphs. */
export interface GatewayAuth {
  authenticate: Authenticate;
  /**
   * Apollo's context function: the caller with its `credential` and `origin` (for the audit
   * log). Throws 401 UNAUTHENTICATED for a bad or expired credential, 503 SERVICE_UNAVAILABLE
   * when an API key cannot be checked. `admitted`: the outcome of authenticating this request
   * already (the rate limit does, see limits/rate-limit.ts), so it is not checked twice.
   */
  context(headers: IncomingHttpHeaders, origin: RequestOrigin, admitted?: Caller | Error): Promise<GatewayContext>;
  /** The caller assertion for one fetch of `request` to `subgraph`. */
  assertionFor(subgraph: string, caller: Caller | undefined, request: SubgraphRequest): Promise<Record<string, string>>;
  /** A service assertion for the gateway's own calls to `/internal/...` routes. */
  serviceHeaders(): Promise<Record<string, string>>;
}

export interface GatewayAuthOptions {
  auth?: AuthConfig;
  assertionSecret?: string;
  /** The integrations subgraph's GraphQL URL: API keys are checked at its API_KEY_VERIFY_PATH. */
  integrationsUrl?: string;
  /** How long a key's positive check is trusted (default `API_KEY_CACHE_SECONDS`, else 5). */
  apiKeyCacheSeconds?: number;
  /** How long one key check may take (default 5 s). */
  apiKeyTimeoutMs?: number;
}

/** Built from the config's `auth` and `assertionSecret`, each falling back to the environment. */
export function gatewayAuth(config: GatewayAuthOptions): GatewayAuth {
  const auth = config.auth ?? authConfigFromEnv();
  checkAuthConfig(auth);
  const secret = config.assertionSecret ?? internalAssertionSecret();
  const serviceHeaders = () => serviceAssertionHeaders(secret, 'gateway');
  const verifyApiKey = apiKeyVerifier({
    verifyUrl: config.integrationsUrl ? new URL(API_KEY_VERIFY_PATH, config.integrationsUrl).toString() : null,
    headers: serviceHeaders,
    cacheSeconds: config.apiKeyCacheSeconds ?? apiKeyCacheSecondsFromEnv(),
    timeoutMs: config.apiKeyTimeoutMs ?? 5_000,
  });
  const authenticate = createAuthenticator(auth, verifyApiKey);
  return {
    authenticate,
    async context(headers, origin, admitted) {
      if (admitted instanceof Error) throw asHttpError(admitted);
      try {
        return { caller: Object.freeze({ ...(admitted ?? (await authenticate(headers))), origin }) };
      } catch (error) {
        throw asHttpError(error);
      }
    },
    assertionFor: (subgraph, caller, request) => assertionHeaders(secret, subgraph, caller ?? ANONYMOUS, request),
    serviceHeaders,
  };
}

/** Authentication failures as GraphQL errors with their HTTP status; anything else unchanged. */
export function asHttpError(error: unknown): unknown {
  if (error instanceof AuthenticationError) return unauthenticated(error.message);
  if (error instanceof CredentialCheckUnavailable) return credentialCheckUnavailable(error.message);
  return error;
}

/** HTTP 401 with a GraphQL body: a credential was sent and refused, so the request is not run anonymously. */
export function unauthenticated(message: string): GraphQLError {
  return withHttpStatus(message, ErrorCode.Unauthenticated, { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer error="invalid_token"']]) });
}

/** HTTP 503: a credential was sent but cannot be checked now; the request is not run anonymously. */
export function credentialCheckUnavailable(message: string): GraphQLError {
  return withHttpStatus(message, ErrorCode.ServiceUnavailable, { status: 503, headers: new HeaderMap([['retry-after', '5']]) });
}

/**
 * `http` as Apollo Server reads it (a HeaderMap). Typed as plain extensions so this module also
 * compiles where graphql-yoga's typing of `http` applies (deploy/hive-gateway reuses it).
 */
function withHttpStatus(message: string, code: ErrorCode, http: { status: number; headers: HeaderMap }): GraphQLError {
  const extensions: Record<string, unknown> = { code, http };
  return new GraphQLError(message, { extensions });
}
