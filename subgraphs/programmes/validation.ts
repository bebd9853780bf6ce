import { badUserInput } from '../kernel/platform/errors';

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

const QUARTER_MONTHS = new Set(['01', '04', '07', '10']);

/** The first and last day of a period, checking that `start` is where such a period starts. */
export function periodBounds(kind: 'YEAR' | 'QUARTER' | 'MONTH', start: string, field: string): { start: string; end: string } {
  const [year, month, day] = start.split('-');
  const aligned = day === '01' && (kind === 'MONTH' || (kind === 'QUARTER' ? QUARTER_MONTHS.has(month!) : month === '01'));
  if (!aligned) {
    const expected = kind === 'YEAR' ? '1 January' : kind === 'QUARTER' ? '1 January, April, July or October' : 'the first day of a month';
    throw badUserInput(`A ${kind.toLowerCase()} starts on ${expected}; got ${start}`, field);
  }
  checkYear(Number(year), field);
  const months = kind === 'YEAR' ? 12 : kind === 'QUARTER' ? 3 : 1;
  const next = new Date(Date.UTC(Number(year), Number(month) - 1 + months, 1));
  const end = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
  return { start, end };
}

export function checkFiniteNumber(value: number | null | undefined, field: string): void {
  if (value != null && !Number.isFinite(value)) throw badUserInput(`"${field}" must be a finite number`, field);
}
