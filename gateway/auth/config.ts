import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSecret, secretFromEnv } from '../../subgraphs/kernel/identity/assertion';
import { ConfigError, isProduction, readEnv, readIntEnv } from '../../subgraphs/kernel/platform/env';
import { organizationId } from '../../subgraphs/kernel/reference/seed-refs';

/** Default `iss` and `aud` of development tokens (`npm run token`). */
export const DEVELOPMENT_ISSUER = 'sti-graph-dev';
export const DEVELOPMENT_AUDIENCE = 'sti-graph';

/** How the gateway verifies clients' Bearer JWTs. */
export interface AuthConfig {
  /** Exactly one key source: an HS256 shared secret, a JWKS file (its JSON) or a JWKS URL. */
  keys: { secret: string } | { jwks: { keys: unknown[] } } | { jwksUrl: string };
  issuer: string;
  audience: string;
  /** Tolerated clock difference for `exp`, `nbf` and `iat`. */
  clockSkewSeconds: number;
  /** The secret is the development key (`.data/dev-keys.json`): `npm run token` mints tokens. */
  development?: boolean;
}

/**
 * `AUTH_JWKS_URL`, `AUTH_JWKS_FILE` or `AUTH_JWT_SECRET` (first set wins), `AUTH_ISSUER`,
 * `AUTH_AUDIENCE`, `AUTH_CLOCK_SKEW_SECONDS` (default 30). Outside production, nothing set means
 * the development key and issuer; production must name its keys, issuer and audience.
 */
export function authConfigFromEnv(): AuthConfig {
  const production = isProduction();
  const issuer = readEnv('AUTH_ISSUER');
  const audience = readEnv('AUTH_AUDIENCE');
  if (production && (!issuer || !audience)) throw new ConfigError('AUTH_ISSUER and AUTH_AUDIENCE are required in production');
  const common = {
    issuer: issuer ?? DEVELOPMENT_ISSUER,
    audience: audience ?? DEVELOPMENT_AUDIENCE,
    clockSkewSeconds: readIntEnv('AUTH_CLOCK_SKEW_SECONDS', 30),
  };
  const jwksUrl = readEnv('AUTH_JWKS_URL');
  if (jwksUrl) {
    if (production && !jwksUrl.startsWith('https://')) throw new ConfigError('AUTH_JWKS_URL must be an https:// URL in production');
    return { ...common, keys: { jwksUrl } };
  }
  const jwksFile = readEnv('AUTH_JWKS_FILE');
  if (jwksFile) return { ...common, keys: { jwks: readJwksFile(jwksFile) } };
  if (production && !readEnv('AUTH_JWT_SECRET'))
    throw new ConfigError('Set AUTH_JWKS_URL, AUTH_JWKS_FILE or AUTH_JWT_SECRET to verify Bearer tokens in production');
  const { secret, development } = secretFromEnv('AUTH_JWT_SECRET', 'authJwtSecret');
  return { ...common, keys: { secret }, development };
}

function readJwksFile(file: string): { keys: unknown[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.resolve(file), 'utf8'));
  } catch {
    throw new ConfigError(`AUTH_JWKS_FILE ${file} is not a readable JSON file`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError(`AUTH_JWKS_FILE ${file} holds no keys (expected { "keys": [...] })`);
  return { keys };
}

/** Checks a secret given in code (tests, embedding) the way the environment's are checked. */
export function checkAuthConfig(config: AuthConfig): void {
  if ('secret' in config.keys) checkSecret('AUTH_JWT_SECRET', config.keys.secret);
}

/**
 * What `npm start` prints when tokens are signed with the development key: how to get a token
 * per role, and how an admin issues an API key for a server-to-server partner.
 */
export function developmentTokenHint(config: AuthConfig, gatewayUrl: string): string | null {
  if (!config.development) return null;
  const createKey = {
    query: 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix expiresAt } } }',
    variables: {
      input: { name: 'partner sync', role: 'PARTNER', organizationId: organizationId('so-khcn-ha-noi'), scopes: ['CHANGES'], expiresAt: inNinetyDays() },
    },
  };
  return [
    'Without a token you are anonymous (public data). A development token per role, valid one hour:',
    '  npm run -s token -- --role partner --org so-khcn-ha-noi   # a ministry or department: reads personal data',
    "  npm run -s token -- --role editor --org so-khcn-ha-noi    # writes its organisation's records",
    '  npm run -s token -- --role editor --org so-tttt-ha-noi --domains experts   # ...and every expert, whoever owns it',
    '  npm run -s token -- --role integrator                     # change feed and webhooks',
    '  npm run -s token -- --role admin                          # everything, and issues API keys',
    'and send it as  -H "authorization: Bearer <token>"  (development keys: .data/dev-keys.json).',
    'An admin issues API keys for server-to-server partners (roles PARTNER, EDITOR, INTEGRATOR; scopes WRITE, CHANGES, WEBHOOKS):',
    `  curl -s ${gatewayUrl} -H "authorization: Bearer $(npm run -s token -- --role admin)" -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify(createKey)}'`,
    'The secret it answers is shown once; the partner sends it as  -H "x-api-key: <secret>".',
  ].join('\n');
}

/** A key's expiry for the example: keys live at most a year. */
function inNinetyDays(): string {
  return `${new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`;
}
