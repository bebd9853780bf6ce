import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  OverlappingFieldsCanBeMergedRule,
  parse,
  validate,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { findFieldClashes } from '../field-clashes';

/**
 * A schema every client library accepts: members of a union or interface never have a field
 * of one name with types that cannot be selected side by side (graphql-codegen's "Fields
 * "name" conflict"). Checked on schema/api.graphql by our walker and, independently, by
 * graphql-js's own rule on a document that selects every shared field of every abstract type.
 * Through the gateway, subgraphs/startups/test/writes.test.ts reads the change feed with `name`
 * on several members of `ChangedEntity`, without aliases.
 */
const API = buildSchema(readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'api.graphql'), 'utf8'));

/** `{ f: x { ... on A { every field without required arguments } ... on B { ... } } }` */
function selectEveryMemberField(schema: GraphQLSchema, members: readonly GraphQLObjectType[]): string {
  const fragments = members.map((member) => {
    const fields = Object.values(member.getFields())
      .filter((field) => field.args.every((arg) => arg.defaultValue !== undefined || !String(arg.type).endsWith('!')))
      .map((field) => (isCompositeType(getNamedType(field.type)) ? `${field.name} { __typename }` : field.name));
    return `... on ${member.name} { ${fields.join(' ')} }`;
  });
  return fragments.join(' ');
}

function abstractTypes(schema: GraphQLSchema) {
  return Object.values(schema.getTypeMap()).filter(isAbstractType);
}

describe('field clashes across union and interface members', () => {
  it('finds none in schema/api.graphql', () => {
    expect(findFieldClashes(API)).toEqual([]);
  });

  it('graphql-js accepts a selection of every shared field on every member of every union and interface', () => {
    const abstracts = abstractTypes(API);
    expect(abstracts.map((type) => type.name)).toEqual(expect.arrayContaining(['ChangedEntity', 'EngagementTarget']));
    for (const type of abstracts) {
      const document = parse(`fragment Every on ${type.name} { ${selectEveryMemberField(API, API.getPossibleTypes(type))} }`);
      expect({ type: type.name, errors: validate(API, document, [OverlappingFieldsCanBeMergedRule]).map((e) => e.message) }).toEqual({
        type: type.name,
        errors: [],
      });
    }
  });

  it('reports what graphql-js rejects: another scalar, other wrapping, a clash one object deeper', () => {
    const schema = buildSchema(`
      type Text { vi: String! }
      type Hub { kind: HubKind! }
      type Org { kind: OrgKind! }
      enum HubKind { PARK }
      enum OrgKind { AGENCY }
      type A { name: Text! parent: Org count: Int! same: String }
      type B { name: String! parent: Hub count: Int same: String }
      union Either = A | B
      type Query { either: Either }
    `);
    const clashes = findFieldClashes(schema);
    expect(clashes.map((clash) => clash.path).sort()).toEqual(['Either.count', 'Either.name', 'Either.parent.kind']);
    expect(clashes.find((clash) => clash.path === 'Either.name')?.types).toEqual({ 'Text!': ['A'], 'String!': ['B'] });
    // graphql-js agrees on each, and on the field that does not clash.
    const rejected = (a: string, b: string) =>
      validate(schema, parse(`{ either { ... on A { ${a} } ... on B { ${b} } } }`), [OverlappingFieldsCanBeMergedRule]).length > 0;
    expect(rejected('name { vi }', 'name')).toBe(true);
    expect(rejected('count', 'count')).toBe(true);
    expect(rejected('parent { kind }', 'parent { kind }')).toBe(true);
    expect(rejected('same', 'same')).toBe(false);
  });
});
