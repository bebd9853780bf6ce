import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../platform/db';

/**
 * Everything the kernel needs to run a subgraph. Each subgraph's `index.ts` exports one of
 * these and nothing else is needed to serve, migrate, seed or test it.
 *
 * What takes the database is declared as methods, not function properties: TypeScript
 * compares method parameters both ways, so a definition typed by its own schema is also a
 * `SubgraphDefinition` of any schema and the graph lists all five in one array (`SUBGRAPHS`).
 * The kernel hands each definition only the database it opened from that definition's schema.
 */
export interface SubgraphDefinition<TSchema extends Record<string, unknown> = Record<string, unknown>, TLoaders = unknown> {
  /** Folder name, service name in the supergraph, PostgreSQL schema name and env prefix. */
  name: string;
  /** The subgraph's SDL (kernel types included). */
  typeDefs: string;
  /** Resolvers typed by the subgraph's generated `Resolvers` (see codegen.ts); checked there, not here. */
  resolvers: object;
  /** The Drizzle schema (tables and relations). */
  schema: TSchema;
  migrationsFolder: string;
  createLoaders(db: Db<TSchema>): TLoaders;
  /** Writes the subgraph's real seed records (and its synthetic demo volume). Runs once, on an empty database. */
  seed(db: Db<TSchema>): Promise<void>;
  /** A table that is empty exactly when the database has never been seeded, e.g. `programmes.organizations`. */
  seedMarkerTable: string;
  /** Extra HTTP routes the subgraph serves beside GraphQL (e.g. a JSON-LD export). */
  routes?(router: import('express').Router, db: Db<TSchema>): void;
  /** Background work while serving (a pruning timer...); returns how to stop it. */
  background?(db: Db<TSchema>): () => Promise<void>;
  /** The subgraph's outbox table, when it has writes: the kernel relays its events to integrations. */
  outbox?: import('./outbox-relay').RelayOptions['outbox'];
}

const kernelSdl = readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');

/** Reads a subgraph's `schema.graphql` and prepends the kernel's shared types. */
export function loadTypeDefs(subgraphDir: string): string {
  return `${kernelSdl}\n${readFileSync(path.join(subgraphDir, 'schema.graphql'), 'utf8')}`;
}

/** Identity helper that keeps the schema and loader types of a definition. */
export function defineSubgraph<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
): SubgraphDefinition<TSchema, TLoaders> {
  return definition;
}
