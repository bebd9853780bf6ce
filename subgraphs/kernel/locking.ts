import { eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db';
import { notFound } from './errors';
import { assertVersion } from './outbox';

/** A table whose rows an update names by `id` and guards with a `version` (optimistic concurrency). */
export type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Locks the row an update names for the rest of the transaction (concurrent updates queue here
 * and the second sees the moved version): NOT_FOUND (`notFound(typename, 'id', id)`) when there
 * is none, CONFLICT (`assertVersion`, kernel/outbox.ts) when its version is not the one the
 * caller read. Writes that must authorise or check something between the lock and the version
 * check do the three steps themselves.
 */
export async function lockForUpdate<TSchema extends Record<string, unknown>, TTable extends VersionedTable>(
  tx: Db<TSchema>,
  table: TTable,
  typename: string,
  id: string,
  expectedVersion: number,
): Promise<TTable['$inferSelect']> {
  const [row] = (await tx.select().from(table as PgTable).where(eq(table.id, id)).for('update').limit(1)) as { id: string; version: number }[];
  if (!row) throw notFound(typename, 'id', id);
  assertVersion(typename, row.id, row.version, expectedVersion);
  return row as TTable['$inferSelect'];
}
