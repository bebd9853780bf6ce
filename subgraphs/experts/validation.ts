import { badUserInput } from '../kernel/platform/errors';

/**
 * Input rules of the experts subgraph, in one place: the finder's arguments, the lookups
 * and the mutations (writes/*.ts) use them.
 */

const ORCID_BODY = /^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$/;
const ORCID_URL_PREFIX = /^(?:https?:\/\/)?(?:www\.)?orcid\.org\//i;

/** ISO 7064 MOD 11-2 check character of the first 15 digits of an ORCID iD. */
export function orcidCheckCharacter(baseDigits: string): string {
  let total = 0;
  for (const digit of baseDigits) total = (total + Number(digit)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/**
 * The normalised form (`0000-0002-1825-0097`) of an ORCID iD written with or without hyphens
 * or as an orcid.org address, or null when it is not one (wrong shape or checksum).
 */
export function normaliseOrcid(input: string): string | null {
  const match = ORCID_BODY.exec(input.trim().replace(ORCID_URL_PREFIX, '').toUpperCase());
  if (!match) return null;
  const digits = match.slice(1, 5).join('');
  if (orcidCheckCharacter(digits.slice(0, 15)) !== digits.slice(15)) return null;
  return match.slice(1, 5).join('-');
}

/** Like `normaliseOrcid`, but an invalid iD is the client's mistake: `BAD_USER_INPUT` naming `field`. */
export function requireOrcid(input: string, field: string): string {
  const orcid = normaliseOrcid(input);
  if (!orcid) {
    throw badUserInput(`"${input}" is not a valid ORCID iD (expected 0000-0000-0000-000X with a valid ISO 7064 MOD 11-2 check character)`, field);
  }
  return orcid;
}

/** An ORCID iD from its first 15 digits: used by the synthetic generator. */
export function orcidFromBase(baseDigits: string): string {
  if (!/^\d{15}$/.test(baseDigits)) throw new Error(`An ORCID base is 15 digits, got "${baseDigits}"`);
  const full = baseDigits + orcidCheckCharacter(baseDigits);
  return full.match(/.{4}/g)!.join('-');
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;

/** BCP 47 language tags, primary subtag lower-cased (`EN` -> `en`). */
export function requireLanguageTags(tags: readonly string[], field: string): string[] {
  return tags.map((raw) => {
    const [primary = '', ...rest] = raw.trim().split('-');
    const tag = [primary.toLowerCase(), ...rest].join('-');
    if (!LANGUAGE_TAG.test(tag)) throw badUserInput(`"${raw}" is not a language tag (BCP 47, e.g. "vi" or "en")`, field);
    return tag;
  });
}

/** ISO 3166-1 alpha-2 country codes, upper-cased (`jp` -> `JP`). */
export function requireCountryCodes(codes: readonly string[], field: string): string[] {
  return codes.map((raw) => {
    const code = raw.trim().toUpperCase();
    if (!COUNTRY_CODE.test(code)) throw badUserInput(`"${raw}" is not a country code (ISO 3166-1 alpha-2, e.g. "VN")`, field);
    return code;
  });
}

/** Codes the taxonomy does not know: `BAD_USER_INPUT` naming them and the field. */
export function rejectUnknownAreaCodes(requested: readonly string[], known: ReadonlySet<string>, field: string): void {
  const unknown = requested.filter((code) => !known.has(code));
  if (unknown.length) {
    throw badUserInput(`Unknown expertise area code${unknown.length > 1 ? 's' : ''}: ${unknown.map((code) => `"${code}"`).join(', ')}`, field);
  }
}

/** Exactly one of two lookup keys (`expert(id:)` or `expert(orcid:)`). */
export function requireOneKey(keys: Record<string, string | null | undefined>): [string, string] {
  const given = Object.entries(keys).filter((entry): entry is [string, string] => entry[1] != null);
  if (given.length !== 1) {
    const names = Object.keys(keys)
      .map((name) => `"${name}"`)
      .join(' or ');
    throw badUserInput(`Give exactly one of ${names}`, Object.keys(keys)[0]);
  }
  return given[0]!;
}

// ---------------------------------------------------------------------------------------------
// Mutation inputs

/** Trimmed text of at most `max` characters; empty is a mistake when the field is required. */
export function requireText(value: string, max: number, field: string): string {
  const text = value.trim();
  if (!text) throw badUserInput(`"${field}" must not be empty`, field);
  if (text.length > max) throw badUserInput(`"${field}" must be at most ${max} characters`, field);
  return text;
}

/** A Vietnamese text with an optional English one, each at most `max` characters. */
export function requireLocalizedText(value: { vi: string; en?: string | null }, max: number, field: string): { vi: string; en: string | null } {
  const vi = requireText(value.vi, max, `${field}.vi`);
  const en = value.en == null || !value.en.trim() ? null : requireText(value.en, max, `${field}.en`);
  return { vi, en };
}

/** At most `max` entries. */
export function checkListSize(list: readonly unknown[], max: number, field: string): void {
  if (list.length > max) throw badUserInput(`"${field}" may list at most ${max} entries`, field);
}

/** Free keywords: trimmed, non-empty, unique (first spelling kept), each at most 100 characters. */
export function requireKeywords(keywords: readonly string[], field: string): string[] {
  checkListSize(keywords, 30, field);
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of keywords) {
    const keyword = requireText(raw, 100, field);
    if (seen.has(keyword.toLowerCase())) continue;
    seen.add(keyword.toLowerCase());
    result.push(keyword);
  }
  return result;
}

/** One ISO 3166-1 alpha-2 code. */
export function requireCountryCode(code: string, field: string): string {
  return requireCountryCodes([code], field)[0]!;
}

/** Something ends before it starts: BAD_USER_INPUT naming `field` (the date the client gave). */
export function checkDateOrder(start: string | null | undefined, end: string | null | undefined, field: string): void {
  if (start != null && end != null && end < start) throw badUserInput(`"${field}": the end (${end}) is before the start (${start})`, field);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;

/** An email address of a plausible shape (at most 254 characters); the value is never echoed. */
export function requireEmail(value: string, field: string): string {
  const email = value.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw badUserInput(`"${field}" is not an email address`, field);
  return email;
}

/** A phone number: digits, spaces, `+`, `-`, `.`, parentheses, 6 to 20 digits; the value is never echoed. */
export function requirePhone(value: string, field: string): string {
  const phone = value.trim();
  const digits = phone.replace(/\D/g, '').length;
  if (!PHONE_CHARACTERS.test(phone) || digits < 6 || digits > 20) throw badUserInput(`"${field}" is not a phone number`, field);
  return phone;
}

/** Which roles suit which kind of engagement target. */
export const ROLES_BY_TARGET = {
  ResearchProject: ['REVIEWER', 'COUNCIL_MEMBER'],
  Programme: ['ADVISER'],
  Task: ['ADVISER'],
  Startup: ['MENTOR'],
  StartupProject: ['MENTOR'],
} as const satisfies Record<string, readonly string[]>;

export type EngagementTargetTypename = keyof typeof ROLES_BY_TARGET;
export type EngagementRoleName = (typeof ROLES_BY_TARGET)[EngagementTargetTypename][number];

export function checkRoleSuitsTarget(role: EngagementRoleName, targetType: EngagementTargetTypename, field: string): void {
  const allowed: readonly string[] = ROLES_BY_TARGET[targetType];
  if (!allowed.includes(role)) {
    throw badUserInput(`A ${targetType} takes ${allowed.join(' or ')} engagements, not ${role}`, field);
  }
}
