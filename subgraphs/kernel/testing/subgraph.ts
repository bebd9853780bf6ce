import type { SubgraphDefinition } from '../subgraph/definition';
import type { PeerUrls } from '../subgraph/peers';
import { seedIfEmpty } from '../subgraph/seed';
import { serveSubgraph, type RunningSubgraph } from '../subgraph/server';
import { MemoryStore, type SharedStore } from '../platform/shared-store';
import { newTestSecret, rememberAssertionSecret } from './assertion';
import { openTestDatabase } from './database';

export interface TestSubgraphOptions {
  /** Seed the real records (and synthetic demo volume) first. Default true. */
  seed?: boolean;
  /** The integrations subgraph's ingest URL, to relay committed outbox events to. */
  relayTo?: string;
  /** Where the other subgraphs of the test graph answer (context `peers`); none by default. */
  peerUrls?: PeerUrls;
  /** The caller assertion secret (default: a new random one; see `assertionHeadersFor`). */
  assertionSecret?: string;
  /** Where used assertions are remembered (default: this process's memory; tests never read REDIS_URL). */
  sharedStore?: SharedStore;
}

/** Starts one subgraph in-process on a free port over a fresh database. Call `stop()` in `afterAll`. */
export async function startTestSubgraph<TSchema extends Record<string, unknown>, TLoaders>(
  definition: SubgraphDefinition<TSchema, TLoaders>,
  options: TestSubgraphOptions = {},
): Promise<RunningSubgraph<TSchema>> {
  const database = await openTestDatabase(definition);
  try {
    await database.migrate();
    if (options.seed ?? true) await seedIfEmpty(definition, database);
    const assertionSecret = options.assertionSecret ?? newTestSecret();
    const subgraph = await serveSubgraph(definition, database, {
      port: 0,
      assertionSecret,
      sharedStore: options.sharedStore ?? new MemoryStore(),
      ...(options.relayTo ? { relayTo: options.relayTo } : {}),
      ...(options.peerUrls ? { peerUrls: options.peerUrls } : {}),
    });
    rememberAssertionSecret(subgraph, assertionSecret);
    return subgraph;
  } catch (error) {
    await database.close();
    throw error;
  }
}
