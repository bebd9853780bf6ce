import { ACCESS_RULES, DOMAINS, RULE_IDS, type AccessRule, type Domain, type Scope } from '../kernel/identity/access-policy';
import { roleNeedsOrganization } from '../kernel/identity/assertion';
import { badUserInput } from '../kernel/platform/errors';
import { checkDistinctList, checkForeignId, checkText } from '../kernel/platform/input';
import type { ApiKeyRole, WebhookFilter } from './db/schema';
import type { ChangeFilter } from './generated/graphql';
import type { NewApiKey } from './store/api-keys';
import { allowPrivateTargets } from './webhooks/config';
import { checkTarget, TargetError } from './webhooks/targets';

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

const MAX_FILTER_VALUES = 100;

/** A `DateTime` argument as a Date (the scalar may hand over a string). */
export function parseDateTime(value: Date | string | null | undefined, field: string): Date | null {
  if (value == null) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badUserInput(`${field} must be a date-time`, field);
  return date;
}

export const parseSince = (since: Date | string | null | undefined): Date | null => parseDateTime(since, 'since');

function filterList(values: string[] | null | undefined, field: string): string[] {
  const list = [...new Set((values ?? []).map((value) => value.trim()).filter(Boolean))];
  if (list.length > MAX_FILTER_VALUES) throw badUserInput(`${field} takes at most ${MAX_FILTER_VALUES} values`, field);
  return list;
}

/** A target URL, trimmed and checked as at creation (webhooks/targets.ts); BAD_USER_INPUT on `input.url` otherwise. */
export async function targetUrl(raw: string): Promise<string> {
  const url = raw.trim();
  try {
    await checkTarget(url, allowPrivateTargets());
  } catch (error) {
    if (error instanceof TargetError) throw badUserInput(error.message, 'input.url');
    throw error;
  }
  return url;
}

/** A description, trimmed; blank means none. At most 500 characters. */
export function endpointDescription(raw: string | null | undefined): string | null {
  const text = raw?.trim() || null;
  if (text && text.length > 500) throw badUserInput('description must be at most 500 characters', 'input.description');
  return text;
}

/** A filter as stored: each list deduplicated, absent lists (or no filter) matching everything. */
export function webhookFilter(filter: ChangeFilter | null | undefined): WebhookFilter {
  return {
    types: filterList(filter?.types, 'input.filter.types'),
    entityTypes: filterList(filter?.entityTypes, 'input.filter.entityTypes'),
    entityIds: filterList(filter?.entityIds, 'input.filter.entityIds'),
  };
}
