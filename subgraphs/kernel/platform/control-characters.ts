import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { badUserInput } from './errors';

/**
 * Control characters (Unicode's Cc: C0 but tab, line feed and carriage return; DEL; C1) have no place in
 * any text or id a client sends, and PostgreSQL refuses a NUL byte outright, so a search or id
 * with one would fail as a database error. Refused up front, for every argument of every
 * field, by one wrapper around the resolvers: a new field cannot forget the rule.
 */
const CONTROL_CHARACTER = /(?![\t\n\r])\p{Cc}/u;

/** Where in `args` the first string with a control character is (`filter.search`, `ids[2]`), or undefined. */
export function controlCharacterPath(args: Record<string, unknown>): { path: string; character: string } | undefined {
  const pending: Array<[unknown, string]> = Object.entries(args).map(([name, value]) => [value, name]);
  for (let next = 0; next < pending.length; next++) {
    const [value, path] = pending[next]!;
    if (typeof value === 'string') {
      const found = CONTROL_CHARACTER.exec(value);
      if (found) return { path, character: found[0] };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, `${path}[${index}]`]));
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) pending.push([item, `${path}.${key}`]);
    }
  }
  return undefined;
}

const codePoint = (character: string): string => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function refuseIn(args: Record<string, unknown>): void {
  const found = controlCharacterPath(args);
  if (found) throw badUserInput(`"${found.path}" must not contain control characters (found ${codePoint(found.character)})`, found.path);
}

/**
 * Wraps the resolver of every field that takes arguments so that a control character in any
 * of them is BAD_USER_INPUT naming the argument (`extensions.field`), before the resolver runs.
 */
export function refuseControlCharacters(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        refuseIn(args);
        return resolve(source, args, context, info);
      };
      // A subscription's arguments are read once, when it starts.
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args: Record<string, unknown>, context, info) => {
          refuseIn(args);
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
