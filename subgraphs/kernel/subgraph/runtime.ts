import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, openEmbedded, type DatabaseHandle } from '../platform/db';
import type { SubgraphDefinition } from './definition';
import { DEFAULT_PORTS, envPrefix, readEnv, readIntEnv } from '../platform/env';
import { INGEST_PATH } from '../platform/internal-paths';
import { seedIfEmpty } from './seed';
import { GRAPHQL_PATH, serveSubgraph, type RunningSubgraph } from './server';

export function subgraphPort(name: string): number {
  return readIntEnv(`${envPrefix(name)}_PORT`, DEFAULT_PORTS[name] ?? 0);
}

/** Where embedded databases live: `DATA_DIR` (default `.data`) / subgraph name. */
export function dataDirFor(name: string): string {
  return path.resolve(readEnv('DATA_DIR') ?? '.data', name);
}

/** The subgraph's PostgreSQL URL (`<NAME>_DATABASE_URL`), if it has one. */
export function databaseUrlOf(name: string): string | undefined {
  return readEnv(`${envPrefix(name)}_DATABASE_URL`);
}

/** Where the one embedded database of `npm start` lives: `DATA_DIR` (default `.data`) / `embedded`. */
export const SHARED_EMBEDDED = 'embedded';

/**
 * One embedded PostgreSQL for every subgraph of this process that has no `<NAME>_DATABASE_URL`
 * (`npm start`), each in its own schema: one database engine in memory, not one per subgraph.
 */
export function openSharedEmbedded(): Promise<PGlite> {
  return openEmbedded(dataDirFor(SHARED_EMBEDDED), SHARED_EMBEDDED);
}

/**
 * Opens a subgraph's database as configured: `<NAME>_DATABASE_URL` selects PostgreSQL,
 * otherwise `embedded` (the process's shared PGlite) when given, else PGlite persisted under
 * the data folder (one per subgraph process).
 */
export function openConfiguredDatabase<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
  embedded?: PGlite,
): Promise<DatabaseHandle<TSchema>> {
  const url = databaseUrlOf(definition.name);
  return openDatabase({
    name: definition.name,
    schema: definition.schema,
    migrationsFolder: definition.migrationsFolder,
    ...(url ? { url } : embedded ? { embedded } : { dataDir: dataDirFor(definition.name) }),
  });
}

export function describeDatabase(definition: SubgraphDefinition<Record<string, unknown>, unknown>, shared = false): string {
  const url = databaseUrlOf(definition.name);
  if (!url && shared) return `PGlite at ${dataDirFor(SHARED_EMBEDDED)}, schema ${definition.name}`;
  if (!url) return `PGlite at ${dataDirFor(definition.name)}`;
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/** `<NAME>_URL` for each subgraph, else the local default port of `npm start`: where the gateway and peers ask it. */
export function subgraphUrlFromEnv(name: string): string {
  return readEnv(`${envPrefix(name)}_URL`) ?? `http://127.0.0.1:${subgraphPort(name)}${GRAPHQL_PATH}`;
}

/** Where domain subgraphs relay their committed events: `INTEGRATIONS_EVENTS_URL`, else the local integrations subgraph. */
export function integrationsIngestUrl(): string {
  return readEnv('INTEGRATIONS_EVENTS_URL') ?? `http://127.0.0.1:${subgraphPort('integrations')}${INGEST_PATH}`;
}

export interface BootOptions {
  port: number;
  host?: string;
  /** Seed the database when it is empty (default true). */
  seed?: boolean;
  /** The process's shared embedded database, for a subgraph without a database URL (openSharedEmbedded). */
  embedded?: PGlite;
}

/** Opens, migrates, seeds if empty, and serves one subgraph as configured by the environment. */
export async function bootSubgraph<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
  options: BootOptions,
): Promise<RunningSubgraph> {
  const database = await openConfiguredDatabase(definition, options.embedded);
  try {
    await database.migrate();
    if (options.seed ?? true) await seedIfEmpty(definition, database);
    return await serveSubgraph(definition, database, {
      port: options.port,
      ...(options.host ? { host: options.host } : {}),
      ...(definition.outbox ? { relayTo: integrationsIngestUrl() } : {}),
      peerUrls: subgraphUrlFromEnv,
    });
  } catch (error) {
    await database.close();
    throw error;
  }
}
