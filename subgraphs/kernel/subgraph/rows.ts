import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db';
import type { VersionedTable } from './locking';

/**
 * The two statements every store's write functions share: insert one row, and change one row
 * by id, each answering with the row as written (`returning()`), which the mutation answers with.
 */
export async function insertRow<TSchema extends Record<string, unknown>, TTable extends PgTable>(
  db: Db<TSchema>,
  table: TTable,
  values: TTable['$inferInsert'],
): Promise<TTable['$inferSelect']> {
  const [row] = await db.insert(table).values(values).returning();
  return row as TTable['$inferSelect'];
}

export async function updateRowById<TSchema extends Record<string, unknown>, TTable extends VersionedTable>(
  db: Db<TSchema>,
  table: TTable,
  id: string,
  changes: Partial<TTable['$inferInsert']>,
): Promise<TTable['$inferSelect']> {
  // A generic table's `returning()` type is not an array to TypeScript; it is one at run time (as in lockForUpdate).
  const [row] = (await db.update(table).set(changes).where(eq(table.id, id)).returning()) as Array<TTable['$inferSelect']>;
  return row!;
}
