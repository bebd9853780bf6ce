import type { DatabaseHandle } from '../platform/db';
import { hasRows } from '../platform/db';
import type { SubgraphDefinition } from './definition';

/**
 * Seeds a subgraph's database once: when its marker table is empty. The seed runs in one
 * transaction so a failure leaves the database empty and the next start tries again.
 */
export async function seedIfEmpty<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
  database: DatabaseHandle<TSchema>,
): Promise<boolean> {
  if (await hasRows(database.db, definition.seedMarkerTable)) return false;
  await database.db.transaction(async (tx) => {
    await definition.seed(tx);
  });
  return true;
}
