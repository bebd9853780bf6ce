import { badUserInput } from '../kernel/errors';

/** Input rules of this subgraph's arguments, in one place. */

/** `thing(id:, code:)`: exactly one of the two. */
export function requireIdOrCode(args: { id?: string | null; code?: string | null }): { id: string } | { code: string } {
  const hasId = args.id != null;
  const hasCode = args.code != null;
  if (hasId === hasCode) throw badUserInput('Pass exactly one of "id" and "code"', hasId ? 'code' : 'id');
  if (hasId) return { id: args.id! };
  if (!args.code!.trim()) throw badUserInput('"code" must not be empty', 'code');
  return { code: args.code!.trim() };
}

export function checkRange<T extends string | number>(from: T | null | undefined, to: T | null | undefined, fromField: string, toField: string): void {
  if (from != null && to != null && from > to) {
    throw badUserInput(`"${fromField}" (${from}) is after "${toField}" (${to})`, fromField);
  }
}

export function checkYear(value: number | null | undefined, field: string): void {
  if (value != null && (value < 1900 || value > 2200)) throw badUserInput(`"${field}" must be a year between 1900 and 2200, got ${value}`, field);
}

/** Lists of ids in filters are capped so one request cannot send an unbounded IN list. */
export const MAX_FILTER_VALUES = 100;

export function checkFilterLists(filter: object | null | undefined, path: string): void {
  if (!filter) return;
  for (const [key, value] of Object.entries(filter)) {
    if (Array.isArray(value) && value.length > MAX_FILTER_VALUES) {
      throw badUserInput(`"${path}.${key}" may list at most ${MAX_FILTER_VALUES} values`, `${path}.${key}`);
    }
  }
}
