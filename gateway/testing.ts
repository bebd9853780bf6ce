import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INGEST_PATH } from '../subgraphs/kernel/internal-paths';
import type { RunningSubgraph } from '../subgraphs/kernel/server';
import { postGraphQL, queryOk, type GraphQLHttpResult } from '../subgraphs/kernel/testing/http';
import { startTestSubgraph } from '../subgraphs/kernel/testing/subgraph';
import { SUBGRAPHS } from '../subgraphs';
import { composeSupergraph } from './compose';
import { startGateway, type RunningGateway } from './server';

export interface TestGraph {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  supergraphPath: string;
  /** A client request through the gateway. */
  query<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLHttpResult<TData>>;
  /** A client request through the gateway that must succeed; returns `data`. */
  queryOk<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<TData>;
  /** SQL statements all subgraphs sent while `run` ran (for N+1 tests). */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

export interface TestGraphOptions {
  /** Which subgraphs to start (default: all). */
  only?: string[];
  seed?: boolean;
  subgraphTimeoutMs?: number;
}

/**
 * The whole graph in-process for a test: each subgraph on a free port over a fresh
 * database, a supergraph composed from their current SDL in a temp folder, and the gateway.
 */
export async function startTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const definitions = SUBGRAPHS.filter((definition) => !options.only || options.only.includes(definition.name));
  const subgraphs: Record<string, RunningSubgraph> = {};
  try {
    // The integrations subgraph starts first so the others can relay their outbox events to it.
    const integrations = definitions.find((definition) => definition.name === 'integrations');
    if (integrations) subgraphs.integrations = await startTestSubgraph(integrations);
    const relayTo = subgraphs.integrations ? new URL(INGEST_PATH, subgraphs.integrations.url).toString() : undefined;
    await Promise.all(
      definitions
        .filter((definition) => definition !== integrations)
        .map(async (definition) => {
          subgraphs[definition.name] = await startTestSubgraph(definition, { seed: options.seed ?? true, ...(relayTo ? { relayTo } : {}) });
        }),
    );
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.stop()));
    throw error;
  }
  const supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'sti-graph-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(definitions).supergraph);
  const gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphPath,
    subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((subgraph) => [subgraph.name, subgraph.url])),
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 10_000,
  });
  const totalQueries = () => Object.values(subgraphs).reduce((sum, subgraph) => sum + subgraph.database.stats.queries, 0);
  return {
    gateway,
    subgraphs,
    supergraphPath,
    query: (text, variables, headers) => postGraphQL(gateway.url, text, variables, headers),
    queryOk: (text, variables, headers) => queryOk(gateway.url, text, variables, headers),
    async countQueries(run) {
      const before = totalQueries();
      await run();
      return totalQueries() - before;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.stop()));
    },
  };
}
