import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Fields of one name that a client cannot select side by side on the members of a union or
 * interface. graphql-js's OverlappingFieldsCanBeMerged (what graphql-codegen, Apollo Client's
 * tooling and Relay's compiler run) rejects `... on A { name } ... on B { name }` when the
 * two `name`s differ in list or non-null wrapping, or are leaves (scalars, enums) of different
 * types; when both are objects it compares their sub-fields the same way. A schema without
 * such clashes lets every client select the shared fields of an abstract type without aliases.
 */
export interface FieldClash {
  /** The union or interface, then the path of fields through which the clash is reached. */
  path: string;
  /** Each type the field has, with the members that give it that type. */
  types: Record<string, string[]>;
}

export function findFieldClashes(schema: GraphQLSchema): FieldClash[] {
  const clashes: FieldClash[] = [];
  const visited = new Set<string>();

  const checkMembers = (members: readonly GraphQLObjectType[], path: string) => {
    const key = members
      .map((member) => member.name)
      .sort()
      .join('|');
    if (members.length < 2 || visited.has(key)) return;
    visited.add(key);
    const byName = new Map<string, Array<{ member: GraphQLObjectType; type: GraphQLOutputType }>>();
    for (const member of members) {
      for (const field of Object.values(member.getFields())) {
        const found = byName.get(field.name) ?? [];
        found.push({ member, type: field.type });
        byName.set(field.name, found);
      }
    }
    for (const [fieldName, found] of byName) {
      if (found.length < 2) continue;
      const conflicting = found.some((a) => found.some((b) => typesConflict(a.type, b.type)));
      if (conflicting) {
        const types: Record<string, string[]> = {};
        for (const { member, type } of found) (types[String(type)] ??= []).push(member.name);
        clashes.push({ path: `${path}.${fieldName}`, types });
        continue;
      }
      // Objects on both sides: their own fields meet in one selection set too.
      const named = uniqueByName(found.map(({ type }) => getNamedType(type)));
      if (named.length > 1) checkMembers(uniqueByName(named.flatMap((type) => concreteTypes(schema, type))), `${path}.${fieldName}`);
    }
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isUnionType(type) || isInterfaceType(type)) checkMembers(schema.getPossibleTypes(type), type.name);
  }
  return clashes;
}

/** graphql-js's doTypesConflict: wrapping must match, and leaves must be the same type. */
function typesConflict(a: GraphQLOutputType, b: GraphQLOutputType): boolean {
  if (isListType(a) || isListType(b)) return !(isListType(a) && isListType(b)) || typesConflict(a.ofType, b.ofType);
  if (isNonNullType(a) || isNonNullType(b)) return !(isNonNullType(a) && isNonNullType(b)) || typesConflict(a.ofType, b.ofType);
  if (isLeafType(a) || isLeafType(b)) return a !== b;
  return false;
}

function concreteTypes(schema: GraphQLSchema, type: GraphQLNamedType): readonly GraphQLObjectType[] {
  if (isAbstractType(type)) return schema.getPossibleTypes(type);
  return isObjectType(type) ? [type] : [];
}

function uniqueByName<T extends { name: string }>(types: T[]): T[] {
  return [...new Map(types.map((type) => [type.name, type])).values()];
}
