import DataLoader from 'dataloader';
import { badUserInput } from '../../kernel/platform/errors';
import { isId } from '../../kernel/platform/ids';
import type { Peers } from '../../kernel/subgraph/peers';
import { NODE_OWNERS, type NodeOwner, type NodeTypename } from './owners';

/** The most ids one `nodes(ids:)` takes (and `@listSize` assumes). */
export const MAX_NODE_IDS = 100;

/** A node as this subgraph answers it: the type and id; the owning subgraph resolves the rest. */
export interface NodeRef {
  __typename: NodeTypename;
  id: string;
}

const ENTITIES = 'query NodeTypes($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';

/**
 * Which of `ids` the owner's types hold and the caller may read: the owner's own `_entities`
 * (its `__resolveReference`, under the caller's assertion) answers null for an id it does not
 * have and for a record the caller may not read, alike. So `node` applies the owner's access
 * rules, not a copy of them, and needs no directory of ids to keep in step.
 */
async function ownedBy(peers: Peers, owner: NodeOwner, ids: readonly string[]): Promise<Map<string, NodeTypename>> {
  const representations = NODE_OWNERS[owner].flatMap((typename) => ids.map((id) => ({ __typename: typename, id })));
  const data = await peers.query<{ _entities: ({ __typename: string } | null)[] }>(owner, ENTITIES, { representations });
  const found = new Map<string, NodeTypename>();
  data?._entities.forEach((entity, index) => {
    const asked = representations[index];
    if (entity !== null && asked !== undefined) found.set(asked.id, asked.__typename);
  });
  return found;
}

/** The nodes with these ids the caller may read, in order; null for the others. */
export async function resolveNodes(peers: Peers, ids: readonly string[]): Promise<(NodeRef | null)[]> {
  if (ids.length > MAX_NODE_IDS) throw badUserInput(`nodes takes at most ${MAX_NODE_IDS} ids, got ${ids.length}`, 'ids');
  // Every id is a UUID: anything else is no object's, without asking anyone.
  const asked = [...new Set(ids.filter(isId))];
  const owners = Object.keys(NODE_OWNERS) as NodeOwner[];
  const found = asked.length === 0 ? [] : await Promise.all(owners.map((owner) => ownedBy(peers, owner, asked)));
  return ids.map((id) => {
    const typename = found.map((map) => map.get(id)).find((name) => name !== undefined);
    return typename ? { __typename: typename, id } : null;
  });
}

/** One batch per request for the `_entities` path, where each representation resolves alone. */
const loaders = new WeakMap<Peers, DataLoader<string, NodeRef | null>>();

export function nodeLoader(peers: Peers): DataLoader<string, NodeRef | null> {
  let loader = loaders.get(peers);
  if (!loader) {
    loader = new DataLoader((ids) => resolveNodes(peers, ids), { maxBatchSize: MAX_NODE_IDS });
    loaders.set(peers, loader);
  }
  return loader;
}
