import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { observePglite, observePostgres } from './db-telemetry';

/**
 * A subgraph's database: the same Drizzle API over embedded PGlite (development, tests)
 * or PostgreSQL through postgres.js (production). Code above this file never knows which.
 */
export type Db<TSchema extends Record<string, unknown> = Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

export interface DatabaseHandle<TSchema extends Record<string, unknown>> {
  readonly db: Db<TSchema>;
  readonly driver: 'pglite' | 'postgres';
  /** SQL statements sent through Drizzle since open: tests use it to prove there is no N+1. */
  readonly stats: { queries: number };
  /** Applies the checked-in migrations (idempotent; serialised across processes on PostgreSQL). */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** The subgraph's name, also its PostgreSQL schema (namespace). */
  name: string;
  schema: TSchema;
  migrationsFolder: string;
  /** A PostgreSQL connection URL; without it, embedded PGlite is used. */
  url?: string;
  /** Where PGlite persists its files; without it (and without `url`), the database lives in memory. */
  dataDir?: string;
  /**
   * An embedded database already open (openEmbedded) that other subgraphs of this process
   * share, each in its own schema; closing this handle leaves it open for its owner to close.
   */
  embedded?: PGlite;
  /** Largest number of PostgreSQL connections in the pool. */
  poolSize?: number;
}

/** Extensions every subgraph database has: trigram indexes back the diacritics-insensitive search. */
const EXTENSIONS_SQL = 'CREATE EXTENSION IF NOT EXISTS pg_trgm';

export async function openDatabase<TSchema extends Record<string, unknown>>(options: OpenDatabaseOptions<TSchema>): Promise<DatabaseHandle<TSchema>> {
  const stats = { queries: 0 };
  const logger: Logger = { logQuery: () => void stats.queries++ };
  const migrationConfig = {
    migrationsFolder: options.migrationsFolder,
    // Not the subgraph's own schema: its first migration creates that schema. One table per
    // subgraph, so subgraphs may even share a database in small deployments.
    migrationsSchema: 'drizzle',
    migrationsTable: `migrations_${options.name}`,
  };

  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => undefined,
      connection: { application_name: `sti-graph-${options.name}` },
    });
    observePostgres(client, options.name);
    const db = drizzlePostgres(client, { schema: options.schema, logger });
    return {
      db,
      driver: 'postgres',
      stats,
      async migrate() {
        // One connection holds an advisory lock so that two processes starting together
        // do not apply the same migration twice.
        const lockClient = postgres(options.url!, { max: 1, onnotice: () => undefined });
        try {
          await lockClient`select pg_advisory_lock(hashtext(${`sti-graph:migrate:${options.name}`}))`;
          await lockClient.unsafe(EXTENSIONS_SQL);
          await migratePostgres(drizzlePostgres(lockClient), migrationConfig);
          await lockClient`select pg_advisory_unlock(hashtext(${`sti-graph:migrate:${options.name}`}))`;
        } finally {
          await lockClient.end({ timeout: 5 });
        }
      },
      async ping() {
        await client`select 1`;
      },
      async close() {
        await client.end({ timeout: 5 });
      },
    };
  }

  // A shared database is timed once by its owner (openEmbedded), under its own name.
  const client = options.embedded ?? (await openEmbedded(options.dataDir, options.name));
  const db = drizzlePglite(client, { schema: options.schema, logger });
  return {
    db,
    driver: 'pglite',
    stats,
    async migrate() {
      await client.exec(EXTENSIONS_SQL);
      await migratePglite(db, migrationConfig);
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      if (!options.embedded && !client.closed) await client.close();
    },
  };
}

/**
 * Embedded PostgreSQL (PGlite) with the extensions every subgraph needs, persisted under
 * `dataDir` or in memory; its statements are timed under `service` (db-telemetry.ts).
 */
export async function openEmbedded(dataDir: string | undefined, service: string): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
  observePglite(client, service);
  return client;
}

/** Rows of a raw `db.execute(sql...)`: PGlite answers `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Whether a table of the subgraph's schema has any row (used to seed an empty database once). */
export async function hasRows(db: Db, qualifiedTable: string): Promise<boolean> {
  const result = await db.execute(sql.raw(`select exists (select 1 from ${qualifiedTable}) as present`));
  return Boolean(rowsOf<{ present: boolean }>(result)[0]?.present);
}

/** Whether a database error is a unique-constraint violation (SQLSTATE 23505), on either driver. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
