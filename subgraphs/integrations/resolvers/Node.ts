import type { Context } from '../context';
import type { Resolvers } from '../generated/graphql';
import { NODE_TYPENAMES, type NodeTypename } from '../nodes/owners';
import { nodeLoader, type NodeRef } from '../nodes/resolve';

/** `_entities` of `Node` straight at this subgraph: what `node(id:)` answers, null alike for unknown and unreadable. */
export const Node: Resolvers['Node'] = {
  __resolveType: (node) => node.__typename ?? null,
  __resolveReference: (reference: { id: string }, { peers }: Context) => nodeLoader(peers).load(reference.id),
};

/**
 * `_entities` of a concrete type straight at this subgraph (which may resolve them, as `Node`
 * requires): the id only if the owner has it under that type and the caller may read it,
 * so this path tells no more than `node(id:)`.
 */
async function referenceAs(typename: NodeTypename, id: string, { peers }: Context): Promise<NodeRef | null> {
  const node = await nodeLoader(peers).load(id);
  return node?.__typename === typename ? node : null;
}

export const nodeTypeResolvers = Object.fromEntries(
  NODE_TYPENAMES.map((typename) => [
    typename,
    { __resolveReference: (reference: { id: string }, context: Context) => referenceAs(typename, reference.id, context) },
  ]),
);
