import { parseArgs } from 'node:util';
import { authConfigFromEnv } from '../gateway/auth/config';
import { mintToken } from '../gateway/auth/mint';
import { DOMAINS, type Domain } from '../subgraphs/kernel/identity/access-policy';
import { isRole, roleNeedsOrganization, ROLES } from '../subgraphs/kernel/identity/assertion';
import { ConfigError } from '../subgraphs/kernel/platform/env';
import { ORGANIZATION_KEYS, organizationId, type OrganizationKey } from '../subgraphs/kernel/reference/seed-refs';
import { runMain } from './cli';

/**
 * `npm run -s token -- --role editor --org <organizationId | seed key> [--domains experts,startups] [--sub name] [--ttl 3600]`:
 * prints a Bearer token the gateway accepts, signed with `AUTH_JWT_SECRET` (unset outside
 * production: the development key in `.data/dev-keys.json`, the one `npm start` uses).
 * `--domains` (editors only) names the domains whose records the editor may write whoever owns them.
 */
runMain(async () => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      domains: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const role = values.role;
  if (!isRole(role)) throw new ConfigError(`--role must be one of ${ROLES.join(', ')}`);
  if (roleNeedsOrganization(role) && !values.org)
    throw new ConfigError(
      `${role === 'editor' ? 'an' : 'a'} ${role} acts for an organisation: add --org <Organization id, or a seed key such as so-khcn-ha-noi>`,
    );
  const domains = domainsOption(values.domains);
  if (domains.length > 0 && role !== 'editor') throw new ConfigError('--domains is for editors only');
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new ConfigError('--ttl must be a whole number of seconds');
  const config = authConfigFromEnv();
  if (!('secret' in config.keys)) throw new ConfigError('tokens are verified with a JWKS here: ask your identity provider for one');
  // A seed key (`so-khcn-ha-noi`) is shorter to type than the Organization id it stands for.
  const org = values.org && (ORGANIZATION_KEYS as readonly string[]).includes(values.org) ? organizationId(values.org as OrganizationKey) : values.org;
  const token = await mintToken({
    secret: config.keys.secret,
    issuer: config.issuer,
    audience: config.audience,
    role,
    org: org ?? null,
    sub: values.sub ?? `dev-${role}`,
    domains,
    ttlSeconds,
  });
  process.stdout.write(token + '\n');
});

/** `--domains experts,startups`: each one of DOMAINS. */
function domainsOption(value: string | undefined): Domain[] {
  if (value === undefined) return [];
  const domains = value
    .split(',')
    .map((domain) => domain.trim())
    .filter((domain) => domain !== '');
  const unknown = domains.filter((domain) => !(DOMAINS as readonly string[]).includes(domain));
  if (unknown.length > 0) throw new ConfigError(`--domains takes a comma-separated list of ${DOMAINS.join(', ')} (not: ${unknown.join(', ')})`);
  return domains as Domain[];
}
