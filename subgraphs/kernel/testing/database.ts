import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../db';
import type { SubgraphDefinition } from '../definition';

/**
 * A fresh, empty database for one test: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by `TEST_DATABASE_URL` (dropped again on close).
 */
export async function openTestDatabase<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
): Promise<DatabaseHandle<TSchema>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const common = { name: definition.name, schema: definition.schema, migrationsFolder: definition.migrationsFolder };
  if (!serverUrl) return openDatabase(common);

  const databaseName = `sti_test_${definition.name}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database "${databaseName}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const handle = await openDatabase({ ...common, url: url.toString(), poolSize: 4 });
  return {
    ...handle,
    get stats() {
      return handle.stats;
    },
    async close() {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      try {
        await dropper.unsafe(`drop database if exists "${databaseName}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
