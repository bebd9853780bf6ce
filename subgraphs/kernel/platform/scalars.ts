import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** Scalars shared by every subgraph, declared in `schema.graphql` beside this file. */

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function invalid(name: string, value: unknown, expected: string): GraphQLError {
  return new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}: expected ${expected}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value) || !isRealDate(value)) {
    throw invalid('Date', value, 'a calendar date such as "2025-04-03"');
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date without time, ISO 8601 (`2025-04-03`).',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && DATE_PATTERN.test(value.slice(0, 10))) return value.slice(0, 10);
    throw invalid('Date', value, 'a date');
  },
  parseValue: parseDate,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw invalid('Date', 'non-string literal', 'a string');
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value as string)) {
    throw invalid('DateTime', value, 'an ISO 8601 date-time such as "2025-04-03T08:00:00Z"');
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with time zone (`2025-04-03T08:00:00.000Z`).',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' || typeof value === 'number') {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return date.toISOString();
    }
    throw invalid('DateTime', value, 'a date-time');
  },
  parseValue: parseDateTime,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw invalid('DateTime', 'non-string literal', 'a string');
    return parseDateTime(ast.value);
  },
});

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalToJson(field.value)]));
    default:
      throw invalid('JSON', 'a variable inside a JSON literal', 'a literal value');
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value (used for record snapshots and free-form metadata).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalToJson,
});

export const kernelScalarResolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};
