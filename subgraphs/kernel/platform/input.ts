import { badUserInput } from './errors';
import { isId } from './ids';

/**
 * Field rules of mutation inputs that every subgraph needs. Each failure is BAD_USER_INPUT
 * naming the input field (`input.website`). Absent values (null or undefined) pass: whether
 * a field is required is the SDL's job.
 */

/** Text that must say something: not only spaces, and at most `max` characters. */
export function checkText(value: string | null | undefined, max: number, field: string): void {
  if (value == null) return;
  if (!value.trim()) throw badUserInput(`"${field}" must not be empty`, field);
  if (value.length > max) throw badUserInput(`"${field}" must be at most ${max} characters`, field);
}

/** An http or https address. */
export function checkWebAddress(value: string | null | undefined, field: string): void {
  if (value == null) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw badUserInput(`"${field}" must be an http or https address`, field);
}

/**
 * An id of another subgraph's entity: it cannot be checked locally, so only its form is
 * (a UUID, as every id of the graph is).
 */
export function checkForeignId(value: string | null | undefined, field: string): void {
  if (value == null) return;
  if (!isId(value)) throw badUserInput(`"${field}" must be an id (a UUID), got "${value}"`, field);
}

/** A whole number from `min` to `max`. */
export function checkIntRange(value: number | null | undefined, min: number, max: number, field: string): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < min || value > max)
    throw badUserInput(`"${field}" must be a whole number from ${min} to ${max}, got ${value}`, field);
}

/** A list of at most `max` items without duplicates. */
export function checkDistinctList(values: readonly unknown[] | null | undefined, max: number, field: string): void {
  if (values == null) return;
  if (values.length > max) throw badUserInput(`"${field}" may list at most ${max} values`, field);
  if (new Set(values.map((value) => JSON.stringify(value))).size !== values.length) throw badUserInput(`"${field}" lists a value twice`, field);
}

/**
 * The record an update input asks for: each of `editable` that the input names replaces the
 * current value (absent = unchanged, explicit null = cleared); clearing one of `required` is
 * BAD_USER_INPUT naming `<path>.<field>`. Input field names are the record's own.
 */
export function mergeUpdate<T extends object, K extends keyof T & string>(
  current: T,
  input: { [P in K]?: unknown },
  editable: readonly K[],
  required: readonly K[] = [],
  path = 'input',
): T {
  const next = { ...current };
  for (const key of editable) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null && required.includes(key)) throw badUserInput(`"${path}.${key}" cannot be cleared`, `${path}.${key}`);
    next[key] = value as T[K];
  }
  return next;
}
