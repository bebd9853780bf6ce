import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { assertionHeaders, internalAssertionSecret, serviceAssertionHeaders } from '../../subgraphs/kernel/assertion';
import { ANONYMOUS, type Caller } from '../../subgraphs/kernel/caller';
import { ErrorCode } from '../../subgraphs/kernel/errors';
import { AuthenticationError, createAuthenticator, type Authenticate } from './authenticate';
import { authConfigFromEnv, checkAuthConfig, type AuthConfig } from './config';

export { AuthenticationError, type Authenticate } from './authenticate';
export type { AuthConfig } from './config';

/** What the gateway's Apollo context holds: the authenticated caller. */
export interface GatewayContext {
  caller: Caller;
}

/** The gateway's side of authentication: checking clients, and vouching for them to subgraphs. */
export interface GatewayAuth {
  authenticate: Authenticate;
  /** Apollo's context function: throws 401 UNAUTHENTICATED for a bad or expired credential. */
  context(headers: IncomingHttpHeaders): Promise<GatewayContext>;
  /** The caller assertion for one fetch to `subgraph`. */
  assertionFor(subgraph: string, caller: Caller | undefined): Promise<Record<string, string>>;
  /** A service assertion for the gateway's own calls to `/internal/...` routes. */
  serviceHeaders(): Promise<Record<string, string>>;
}

/** Built from the config's `auth` and `assertionSecret`, each falling back to the environment. */
export function gatewayAuth(config: { auth?: AuthConfig; assertionSecret?: string }): GatewayAuth {
  const auth = config.auth ?? authConfigFromEnv();
  checkAuthConfig(auth);
  const secret = config.assertionSecret ?? internalAssertionSecret();
  const authenticate = createAuthenticator(auth);
  return {
    authenticate,
    async context(headers) {
      try {
        return { caller: await authenticate(headers) };
      } catch (error) {
        throw error instanceof AuthenticationError ? unauthenticated(error.message) : error;
      }
    },
    assertionFor: (subgraph, caller) => assertionHeaders(secret, subgraph, caller ?? ANONYMOUS),
    serviceHeaders: () => serviceAssertionHeaders(secret, 'gateway'),
  };
}

/** HTTP 401 with a GraphQL body: a credential was sent and refused, so the request is not run anonymously. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.Unauthenticated,
      http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer error="invalid_token"']]) },
    },
  });
}
