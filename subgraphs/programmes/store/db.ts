import type { Db } from '../../kernel/platform/db';
import type * as schema from '../db/schema';

/** The programmes subgraph's database. */
export type ProgrammesDb = Db<typeof schema>;

/** `count(*)` comes back as a number from PGlite and as a string or bigint from postgres.js. */
export function toNumber(value: unknown): number {
  return value == null ? 0 : Number(value);
}
