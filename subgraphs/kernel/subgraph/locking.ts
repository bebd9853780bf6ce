import { eq } from 'drizzle-orm';
import type { GraphQLError } from 'graphql';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { allows } from '../identity/access-policy';
import type { Caller } from '../identity/caller';
import type { Db } from '../platform/db';
import { notFound } from '../platform/errors';
import { assertVersion } from './outbox';

/** A table whose rows an update names by `id` and guards with a `version` (optimistic concurrency). */
export type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * What a write must know about the record it changes, so that it reveals nothing a read would
 * hide. Every update, and every write that changes an existing record, is admitted by
 * `admitWrite` with these.
 */
export interface WriteGuard<Row> {
  /** The record's GraphQL type name, for NOT_FOUND and CONFLICT. */
  typename: string;
  /** Whether the caller may read this record by the query path's rules (levels, drafts, grants...). */
  mayRead(row: Row): boolean | Promise<boolean>;
  /** Throws (FORBIDDEN) when the caller may read but not write the record. */
  assertMayWrite(row: Row): void | Promise<void>;
  /** The version clients read (default: the row's `version` column). */
  version?(row: Row): number;
  /** The error for "no such record" when it is not NOT_FOUND of `typename` by id (a reference in the input). */
  missing?(): GraphQLError;
}

/**
 * Admits a write to a record already locked by the caller, in this order:
 * 1. the same NOT_FOUND (or `missing()`) when there is no such record and when the caller may
 *    not read it, before anything else is looked at: a write cannot tell a hidden record from
 *    one that does not exist;
 * 2. FORBIDDEN (`assertMayWrite`) when the caller may read but not write it;
 * 3. CONFLICT with `currentVersion` when `expectedVersion` is given and is not the record's
 *    version: only a caller who may read the record gets this far, so only they learn it.
 */
export async function admitWrite<Row>(row: Row | undefined, id: string, expectedVersion: number | null, guard: WriteGuard<Row>): Promise<Row> {
  const missing = () => guard.missing?.() ?? notFound(guard.typename, 'id', id);
  if (row === undefined || !(await guard.mayRead(row))) throw missing();
  await guard.assertMayWrite(row);
  if (expectedVersion !== null) {
    const version = guard.version ? guard.version(row) : (row as { version?: unknown }).version;
    if (typeof version !== 'number') throw new TypeError(`${guard.typename} has no version column: give the guard a version()`);
    assertVersion(guard.typename, id, version, expectedVersion);
  }
  return row;
}

/**
 * Locks the row an update names for the rest of the transaction (concurrent updates queue here
 * and the second sees the moved version) and admits the write (`admitWrite`: NOT_FOUND for a
 * missing or unreadable row, FORBIDDEN, then CONFLICT).
 */
export async function lockForUpdate<TSchema extends Record<string, unknown>, TTable extends VersionedTable>(
  tx: Db<TSchema>,
  table: TTable,
  id: string,
  expectedVersion: number | null,
  guard: WriteGuard<TTable['$inferSelect']>,
): Promise<TTable['$inferSelect']> {
  const [row] = (await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for('update')
    .limit(1)) as TTable['$inferSelect'][];
  return admitWrite(row, id, expectedVersion, guard);
}

/**
 * The guard of a public record (ACCESS_RULES.publicRecord: everyone may read it, so NOT_FOUND
 * means only "no such record"): only the write rule, `assertMayWrite`, decides.
 */
export function publicRecordGuard<Row>(caller: Caller, typename: string, assertMayWrite: (row: Row) => void | Promise<void>): WriteGuard<Row> {
  return { typename, mayRead: () => allows(caller, 'publicRecord'), assertMayWrite };
}
