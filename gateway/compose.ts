import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { subgraphUrlFromEnv } from './config';

export interface SubgraphSdl {
  name: string;
  typeDefs: string;
}

export interface ComposedSchemas {
  /** What the gateway loads: the supergraph with its join metadata. */
  supergraph: string;
  /** What clients see: the API schema, for code generators and reviews. */
  api: string;
}

/**
 * Composes subgraph SDLs into a supergraph with `@apollo/composition` (the gateway's exact
 * version). Throws with every composition error, one per line.
 */
export function composeSupergraph(subgraphs: SubgraphSdl[]): ComposedSchemas {
  const result = composeServices(subgraphs.map(({ name, typeDefs }) => ({ name, typeDefs: parse(typeDefs), url: subgraphUrlFromEnv(name) })));
  if (result.errors) {
    const messages = result.errors.map((error) => `  - ${error.message}`).join('\n');
    throw new Error(`Composition failed:\n${messages}`);
  }
  const api = printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { supergraph: result.supergraphSdl, api: `${api}\n` };
}
