import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../platform/db';
import type { SubgraphDefinition } from '../subgraph/definition';

/**
 * Fresh, empty databases for tests: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by `TEST_DATABASE_URL` (dropped again on close).
 */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** Creates an empty database on the test server and returns its URL. */
export async function createServerDatabase(serverUrl: string, label: string): Promise<string> {
  const databaseName = `sti_test_${label}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database "${databaseName}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

export async function dropServerDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export async function openTestDatabase<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
): Promise<DatabaseHandle<TSchema>> {
  const serverUrl = testServerUrl();
  const common = { name: definition.name, schema: definition.schema, migrationsFolder: definition.migrationsFolder };
  if (!serverUrl) return openDatabase(common);

  const url = await createServerDatabase(serverUrl, definition.name);
  const handle = await openDatabase({ ...common, url, poolSize: 4 });
  return {
    ...handle,
    get stats() {
      return handle.stats;
    },
    async close() {
      await handle.close();
      await dropServerDatabase(serverUrl, url);
    },
  };
}

/** Database settings for a subgraph run as a child process: a data folder for PGlite, or a fresh server database. */
export async function childDatabase(name: string, dataDir: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const serverUrl = testServerUrl();
  if (!serverUrl) return { env: { DATA_DIR: dataDir, [`${name.toUpperCase()}_DATABASE_URL`]: '' }, drop: async () => undefined };
  const url = await createServerDatabase(serverUrl, name);
  return { env: { [`${name.toUpperCase()}_DATABASE_URL`]: url }, drop: () => dropServerDatabase(serverUrl, url) };
}
