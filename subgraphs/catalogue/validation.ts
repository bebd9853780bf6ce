import { badUserInput } from '../kernel/platform/errors';
import { checkForeignId, checkText, checkWebAddress } from '../kernel/platform/input';
import { licenceById } from './vocabularies';
import { hanoiDate } from '../kernel/platform/time';

/**
 * Input rules of the catalogue's mutations, in one place. Each failure is BAD_USER_INPUT
 * naming the input field (`input.distributions.0.byteSize`); absent values pass (the SDL
 * says what is required).
 */

/** `dct:identifier`: a readable slug, as the seed's identifiers are. */
const IDENTIFIER = /^[a-z0-9](?:[a-z0-9-]{1,98})[a-z0-9]$/;

export function checkIdentifier(value: string | null | undefined, field: string): void {
  if (value == null) return;
  if (!IDENTIFIER.test(value) || value.includes('--')) {
    throw badUserInput(`"${field}" must be 3 to 100 lowercase letters, digits and single hyphens, starting and ending with a letter or digit`, field);
  }
}

export function checkLicence(value: string | null | undefined, field: string): void {
  if (value != null && !licenceById(value)) throw badUserInput(`"${field}" is not a known licence ("${value}"); see the \`licences\` query`, field);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string | null | undefined, field: string): void {
  if (value != null && (value.length > 254 || !EMAIL.test(value))) throw badUserInput(`"${field}" is not an email address`, field);
}

/** `later` may not be before `earlier` (both `YYYY-MM-DD`). */
export function checkNotBefore(later: string | null | undefined, earlier: string | null | undefined, laterField: string, earlierLabel: string): void {
  if (later != null && earlier != null && later < earlier) throw badUserInput(`"${laterField}" (${later}) is before ${earlierLabel} (${earlier})`, laterField);
}

/** A date that records something that happened: not after today in Vietnam. */
export function checkNotFuture(value: string | null | undefined, now: Date, field: string): void {
  const today = hanoiDate(now);
  if (value != null && value > today) throw badUserInput(`"${field}" (${value}) is in the future (today is ${today})`, field);
}

/** Keywords: trimmed, non-empty, at most 100 characters each and 50 in all; duplicates dropped. */
export function normaliseKeywords(values: readonly string[], field: string): string[] {
  const keywords = [...new Set(values.map((keyword) => keyword.trim()))];
  if (keywords.length > 50) throw badUserInput(`"${field}" may list at most 50 keywords`, field);
  keywords.forEach((keyword, index) => checkText(keyword, 100, `${field}.${index}`));
  return keywords;
}

export function checkIdList(values: readonly string[] | null | undefined, max: number, field: string): void {
  if (values == null) return;
  if (values.length > max) throw badUserInput(`"${field}" may list at most ${max} values`, field);
  values.forEach((value, index) => checkForeignId(value, `${field}.${index}`));
}

/** A byte count: a whole number, not negative, exactly representable. */
export function checkByteSize(value: number | null | undefined, field: string): void {
  if (value != null && (!Number.isSafeInteger(value) || value < 0))
    throw badUserInput(`"${field}" must be a whole number of bytes, not negative, got ${value}`, field);
}

const DIGEST_LENGTH = { SHA256: 64, SHA1: 40, MD5: 32 } as const;

/** A hexadecimal digest of the algorithm's length; returned in lowercase, as it is stored. */
export function normaliseChecksum(value: string, algorithm: keyof typeof DIGEST_LENGTH, field: string): string {
  const length = DIGEST_LENGTH[algorithm];
  if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(value)) throw badUserInput(`"${field}" must be ${length} hexadecimal digits for ${algorithm}`, field);
  return value.toLowerCase();
}

/** An IANA media type such as `text/csv` or `application/vnd.ms-excel`. */
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export function checkMediaType(value: string | null | undefined, field: string): void {
  if (value != null && !MEDIA_TYPE.test(value)) throw badUserInput(`"${field}" must be a media type like "text/csv"`, field);
}

export { checkForeignId, checkText, checkWebAddress };

/** Whether an optional input field was given: left out (undefined) is no change, null clears. */
export const given = <T>(value: T | undefined): value is T => value !== undefined;

/** The value of a field that cannot be cleared: an explicit null is refused. */
export function requiredValue<T>(value: T | null, field: string): T {
  if (value === null) throw badUserInput(`"${field}" cannot be cleared`, field);
  return value;
}

/** A text field checked (length, control characters) and trimmed. */
export function trimmedText(value: string | null, max: number, field: string): string | null {
  checkText(value, max, field);
  return value === null ? null : value.trim();
}
