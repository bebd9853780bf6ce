import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isInterfaceType } from 'graphql';
import { NODE_OWNERS, NODE_TYPENAMES } from '../nodes/owners';

const ROOT = path.resolve(__dirname, '..', '..', '..');

it('lists every type of the client schema that implements Node, and no other', () => {
  const api = buildSchema(readFileSync(path.join(ROOT, 'schema', 'api.graphql'), 'utf8'));
  const node = api.getType('Node');
  if (!isInterfaceType(node)) throw new Error('Node is not an interface of schema/api.graphql');
  const implementations = api.getPossibleTypes(node).map((type) => type.name);
  expect([...NODE_TYPENAMES].sort()).toEqual(implementations.sort());
});

it('names as owner a subgraph whose SDL defines the type as an entity keyed by id', () => {
  for (const [owner, typenames] of Object.entries(NODE_OWNERS)) {
    const sdl = readFileSync(path.join(ROOT, 'subgraphs', owner, 'schema.graphql'), 'utf8');
    for (const typename of typenames)
      expect({ owner, typename, keyed: sdl.includes(`type ${typename} @key(fields: "id")`) }).toEqual({ owner, typename, keyed: true });
  }
});
