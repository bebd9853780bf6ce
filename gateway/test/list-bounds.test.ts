import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { listSizesFromSdl, registerListSizes, type ListSizes } from '../limits/list-sizes';
import { DEFAULT_OPERATION_LIMITS, measureOperation } from '../limits/operation-limits';

/**
 * Every list a client can ask for has a length the schema states (`@listSize` in the subgraph
 * SDL, kept in the supergraph): a connection's page (`slicingArguments`, with `edges` and
 * `nodes` as its `sizedFields`) or a fixed maximum (`assumedSize`). The gateway's cost
 * estimate multiplies by these, so a list without one would make the estimate a guess.
 */
const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schema');
const api = buildSchema(readFileSync(path.join(SCHEMA_DIR, 'api.graphql'), 'utf8'));
const sizes = listSizesFromSdl(readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8'));
registerListSizes(api, sizes);

/** `Type.field` of every list field of the client schema and whether its length is stated. */
function unboundedLists(schema: GraphQLSchema, stated: ListSizes): string[] {
  // Children a connection's page sizes: `edges`/`nodes` of every type some field names in `sizedFields`.
  const sizedByParent = new Set<string>();
  const fields = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)))
    .flatMap((type) => (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()).map((field) => ({ type, field })) : []));
  for (const { type, field } of fields) {
    for (const child of stated.get(`${type.name}.${field.name}`)?.sizedFields ?? []) sizedByParent.add(`${getNamedType(field.type).name}.${child}`);
  }
  return fields
    .filter(({ field }) => isListType(getNullableType(field.type)))
    .map(({ type, field }) => `${type.name}.${field.name}`)
    .filter((name) => {
      const size = stated.get(name);
      return !sizedByParent.has(name) && size?.assumedSize === undefined && !size?.slicingArguments?.length;
    });
}

describe('every list of the client schema is bounded', () => {
  it('states a length for every list field (a connection page or a fixed maximum)', () => {
    expect(unboundedLists(api, sizes)).toEqual([]);
  });

  it('catches a list whose length is not stated (the check can fail)', () => {
    const unstated = new Map(sizes);
    unstated.delete('Programme.codeAliases');
    expect(unboundedLists(api, unstated)).toEqual(['Programme.codeAliases']);
  });

  it('makes every connection field a page: first/last slice it, edges and nodes are sized by it', () => {
    const connections = Object.values(api.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => (isObjectType(type) ? Object.values(type.getFields()).map((field) => ({ type, field })) : []))
      .filter(({ field }) => getNamedType(field.type).name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThan(30);
    for (const { type, field } of connections) {
      const size = sizes.get(`${type.name}.${field.name}`);
      expect({ field: `${type.name}.${field.name}`, size }).toEqual({
        field: `${type.name}.${field.name}`,
        size: { assumedSize: 20, slicingArguments: expect.arrayContaining(['first']), sizedFields: ['edges', 'nodes'] },
      });
    }
  });

  it('makes the nested lists that grow with the data connections', () => {
    for (const name of [
      'Programme.indicators',
      'Programme.tasks',
      'TaskGroup.tasks',
      'Indicator.targets',
      'Network.members',
      'Organization.responsibleIndicators',
    ]) {
      const [typeName, fieldName] = name.split('.') as [string, string];
      const type = api.getType(typeName);
      const field = type && isObjectType(type) ? type.getFields()[fieldName] : undefined;
      expect({ name, type: field && getNamedType(field.type).name }).toEqual({ name, type: expect.stringMatching(/Connection$/) });
    }
  });
});

describe('the cost estimate uses each list length', () => {
  const estimate = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    return measureOperation(api, document, getOperationAST(document)!, variables).cost;
  };

  it('counts a bounded list at its stated maximum and a connection at its page', () => {
    // programmes + nodes (once per page) + 20 × (code + codeAliases): a list of scalars is one value.
    expect(estimate('{ programmes { nodes { code codeAliases } } }')).toBe(1 + 1 + 20 * 2);
    // Programme.links states at most 100 links of 1 field each.
    expect(estimate('{ programmes(first: 2) { nodes { links { kind } } } }')).toBe(1 + 1 + 2 + 2 * 100);
    // A nested connection: its page multiplies its nodes, `totalCount` counts once per parent.
    expect(estimate('query ($n: Int) { programmes(first: $n) { nodes { indicators(first: 3) { totalCount nodes { code } } } } }', { n: 5 })).toBe(
      1 + 1 + 5 + 5 + 5 + 5 * 3,
    );
  });

  it('refuses the attack of issue 12 (nested Programme.indicators, once estimated ~200) by its estimate', () => {
    const attack =
      '{ programmes { nodes { indicators { programme { indicators { programme { indicators { programme { indicators { programme { code } } } } } } } } } } }';
    // The connections now need `nodes`: the same nesting in today's shape, at the default page of 20.
    let body = 'code';
    for (let level = 0; level < 4; level++) body = `indicators { nodes { programme { ${body} } } }`;
    const nested = `{ programmes { nodes { ${body} } } }`;
    expect(validate(api, parse(attack)).map((error) => error.message)).toContain('Cannot query field "programme" on type "IndicatorConnection".');
    expect(estimate(nested)).toBeGreaterThan(20 ** 5);
    expect(estimate(nested)).toBeGreaterThan(DEFAULT_OPERATION_LIMITS.maxCost);
  });
});
