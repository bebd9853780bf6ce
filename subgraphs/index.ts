import type { SubgraphDefinition } from './kernel/subgraph/definition';
import { programmes } from './programmes';
import { startups } from './startups';
import { experts } from './experts';
import { integrations } from './integrations';
import { catalogue } from './catalogue';

/** Every subgraph of the graph, in start order (owners of shared entities first). */
export const SUBGRAPHS = [programmes, startups, experts, catalogue, integrations] as unknown as SubgraphDefinition[];

export function subgraphByName(name: string): SubgraphDefinition | undefined {
  return SUBGRAPHS.find((subgraph) => subgraph.name === name);
}
