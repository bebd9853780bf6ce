import type { SubgraphDefinition } from '../definition';
import { seedIfEmpty } from '../seed';
import { serveSubgraph, type RunningSubgraph } from '../server';
import { openTestDatabase } from './database';

export interface TestSubgraphOptions {
  /** Seed the real records (and synthetic demo volume) first. Default true. */
  seed?: boolean;
  /** The integrations subgraph's ingest URL, to relay committed outbox events to. */
  relayTo?: string;
}

/** Starts one subgraph in-process on a free port over a fresh database. Call `stop()` in `afterAll`. */
export async function startTestSubgraph<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
  options: TestSubgraphOptions = {},
): Promise<RunningSubgraph> {
  const database = await openTestDatabase(definition);
  try {
    await database.migrate();
    if (options.seed ?? true) await seedIfEmpty(definition, database);
    return await serveSubgraph(definition, database, { port: 0, ...(options.relayTo ? { relayTo: options.relayTo } : {}) });
  } catch (error) {
    await database.close();
    throw error;
  }
}
