/** A credential was sent but is not acceptable (HTTP 401). The message says why and is safe to show. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/**
 * A credential was sent but cannot be checked now (an API key while the integrations service
 * is unreachable): HTTP 503, never served as anonymous. The message is safe to show.
 */
export class CredentialCheckUnavailable extends Error {
  override name = 'CredentialCheckUnavailable';
}
