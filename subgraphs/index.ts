import type { SubgraphDefinition } from './kernel/subgraph/definition';
import { programmes } from './programmes';
import { startups } from './startups';
import { experts } from './experts';
import { integrations } from './integrations';
import { catalogue } from './catalogue';

/** Every subgraph by name, each typed by its own Drizzle schema and loaders. */
export const SUBGRAPH_BY_NAME = { programmes, startups, experts, catalogue, integrations };

export type SubgraphName = keyof typeof SUBGRAPH_BY_NAME;

/** The Drizzle schema of each subgraph, by name: what a test's database handle is typed by. */
export type SubgraphSchemas = {
  [Name in SubgraphName]: (typeof SUBGRAPH_BY_NAME)[Name]['schema'];
};

/** Every subgraph's name, in start order (owners of shared entities first). */
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['programmes', 'startups', 'experts', 'catalogue', 'integrations'];

/** Every subgraph of the graph, in start order. */
export const SUBGRAPHS: SubgraphDefinition[] = SUBGRAPH_NAMES.map((name) => SUBGRAPH_BY_NAME[name]);

export function subgraphByName(name: string): SubgraphDefinition | undefined {
  return SUBGRAPHS.find((subgraph) => subgraph.name === name);
}
