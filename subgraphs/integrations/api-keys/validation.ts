import { ACCESS_RULES, DOMAINS, RULE_IDS, type AccessRule, type Domain, type Scope } from '../../kernel/access-policy';
import { roleNeedsOrganization } from '../../kernel/assertion';
import { badUserInput } from '../../kernel/errors';
import { checkDistinctList, checkForeignId, checkText } from '../../kernel/input';
import type { ApiKeyRole } from '../db/schema';
import type { NewApiKey } from '../store/api-keys';

/** The latest a key created at `now` may expire: a year on, so forgotten keys die on their own. */
export function latestExpiry(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  return latest;
}
const MAX_NAME_LENGTH = 100;

export interface ApiKeyInput {
  name: string;
  role: ApiKeyRole;
  organizationId?: string | null;
  domains?: string[] | null;
  scopes?: Scope[] | null;
  expiresAt: Date | string;
}

/** Whether any rule a scope unlocks lets `role` in at all (a partner key with WRITE could never write). */
function scopeUsableBy(scope: Scope, role: ApiKeyRole): boolean {
  return RULE_IDS.some((id) => {
    const rule: AccessRule = ACCESS_RULES[id];
    return rule.scope === scope && rule.reach[role] !== 'none';
  });
}

/** Checks `createApiKey`'s input (BAD_USER_INPUT naming the field) and returns the key to store. */
export function newApiKeyFromInput(input: ApiKeyInput, now: Date): NewApiKey {
  checkText(input.name, MAX_NAME_LENGTH, 'input.name');
  const organizationId = input.organizationId?.trim() || null;
  checkForeignId(organizationId, 'input.organizationId');
  if (roleNeedsOrganization(input.role) && !organizationId) {
    throw badUserInput(`A ${input.role} key acts for an organisation: "input.organizationId" is required`, 'input.organizationId');
  }

  const domains = input.domains ?? [];
  checkDistinctList(domains, DOMAINS.length, 'input.domains');
  if (domains.length > 0 && input.role !== 'editor') throw badUserInput('"input.domains" is for editor keys only', 'input.domains');
  const unknown = domains.find((domain) => !(DOMAINS as readonly string[]).includes(domain));
  if (unknown !== undefined) throw badUserInput(`"input.domains": "${unknown}" is not one of ${DOMAINS.join(', ')}`, 'input.domains');

  const scopes = input.scopes ?? [];
  checkDistinctList(scopes, 3, 'input.scopes');
  const useless = scopes.find((scope) => !scopeUsableBy(scope, input.role));
  if (useless !== undefined) throw badUserInput(`"input.scopes": a ${input.role} key can never use ${useless}`, 'input.scopes');

  const expiresAt = input.expiresAt instanceof Date ? input.expiresAt : new Date(input.expiresAt);
  if (Number.isNaN(expiresAt.getTime())) throw badUserInput('"input.expiresAt" must be a date-time', 'input.expiresAt');
  if (expiresAt <= now) throw badUserInput('"input.expiresAt" must be in the future', 'input.expiresAt');
  if (expiresAt > latestExpiry(now)) {
    throw badUserInput('"input.expiresAt" may be at most one year ahead: issue a new key before this one expires', 'input.expiresAt');
  }

  return { name: input.name.trim(), role: input.role, organizationId, domains: domains as Domain[], scopes: [...scopes], expiresAt };
}
