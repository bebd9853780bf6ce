import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getOperationAST,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type DocumentNode,
  type ExecutionArgs,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  getNullableType,
  isListType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { readIntEnv } from '../../subgraphs/kernel/platform/env';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../subgraphs/kernel/platform/pagination';
import { listSizesOf } from './list-sizes';

/**
 * How large one operation may be. The gateway checks them before it plans the query, so an
 * operation over a limit costs no subgraph request. Defaults leave every query the suite
 * and the README send far below the limits.
 */
export interface OperationLimits {
  /** Deepest field nesting (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliased fields in the operation. */
  maxAliases: number;
  /** Fields selected at the root of the operation. */
  maxRootFields: number;
  /** Lexical tokens of the whole request document (checked before it is parsed). */
  maxTokens: number;
  /** Directives used in the operation (`@include`, `@skip`, ...). */
  maxDirectives: number;
  /** Estimated cost: each field 1, times the page sizes (`first`/`last`) of the lists around it. */
  maxCost: number;
}

/**
 * Dashboards ask for many aliased counts in one request (the suite's facet checks send 107
 * root fields, 2,700 tokens); the deepest query is 8 and the costliest 3,700 (100 rows with
 * their nested fields). Introspection is bounded by graphql-js's own rule, not by these.
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 150,
  maxRootFields: 150,
  maxTokens: 10_000,
  maxDirectives: 50,
  maxCost: 25_000,
};

/** `GATEWAY_MAX_DEPTH`, `GATEWAY_MAX_ALIASES`, `GATEWAY_MAX_ROOT_FIELDS`, `GATEWAY_MAX_TOKENS`, `GATEWAY_MAX_DIRECTIVES`, `GATEWAY_MAX_COST`. */
export function operationLimitsFromEnv(): OperationLimits {
  const d = DEFAULT_OPERATION_LIMITS;
  return {
    maxDepth: readIntEnv('GATEWAY_MAX_DEPTH', d.maxDepth),
    maxAliases: readIntEnv('GATEWAY_MAX_ALIASES', d.maxAliases),
    maxRootFields: readIntEnv('GATEWAY_MAX_ROOT_FIELDS', d.maxRootFields),
    maxTokens: readIntEnv('GATEWAY_MAX_TOKENS', d.maxTokens),
    maxDirectives: readIntEnv('GATEWAY_MAX_DIRECTIVES', d.maxDirectives),
    maxCost: readIntEnv('GATEWAY_MAX_COST', d.maxCost),
  };
}

export interface OperationMeasures {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  cost: number;
}

/**
 * Fields visited while measuring, fragments expanded, after which the operation is refused
 * outright: fragments spreading fragments twice over grow exponentially (a "fragment bomb").
 */
export const MAX_EXPANDED_FIELDS = 100_000;

/** Page-size arguments of a list without `@listSize`: they multiply the cost of everything selected below the field. */
const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

/**
 * What a list counts for when its schema states no size. Every list of the graph states one
 * (gateway/test/list-bounds.test.ts fails otherwise); this keeps a forgotten one expensive.
 */
export const UNSTATED_LIST_SIZE = 1_000;

/** The lists of a Relay connection, sized by the connection field's page. */
const CONNECTION_LISTS = ['edges', 'nodes'];

/**
 * Measures one operation of a validated document, fragments expanded. Each field counts once
 * per object that can hold it, so the cost is an upper bound of the field values a response
 * can hold. A list multiplies what is selected below it by its length as `@listSize` states
 * it (list-sizes.ts): the value of a slicing argument (`first`/`last`), else the argument's
 * default, else `assumedSize`. For a connection the page multiplies only `edges` and `nodes`
 * (`sizedFields`); `totalCount`, `pageInfo` and the like count once. A page-size argument above MAX_PAGE_SIZE is refused here with
 * BAD_USER_INPUT, as the subgraph would.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): OperationMeasures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variableDefaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const measures: OperationMeasures = { depth: 0, aliases: 0, rootFields: 0, directives: operation.directives?.length ?? 0, cost: 0 };

  const pageSize = (value: ValueNode, argument: string): number | undefined => {
    let raw: unknown;
    if (value.kind === Kind.INT) raw = Number(value.value);
    else if (value.kind === Kind.VARIABLE) {
      const name = value.name.value;
      if (variables[name] !== undefined) raw = variables[name];
      else {
        const fallback = variableDefaults.get(name);
        raw = fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
      }
    }
    if (typeof raw !== 'number') return undefined; // null or absent: the list's default page size
    if (raw > MAX_PAGE_SIZE) {
      throw new GraphQLError(`"${argument}" must be between 0 and ${MAX_PAGE_SIZE}, got ${raw}`, {
        extensions: { code: ErrorCode.BadUserInput, field: argument, http: { status: 400 } },
      });
    }
    return Math.max(0, raw);
  };

  const typeNamed = (name: string, fallback: GraphQLCompositeType | undefined): GraphQLCompositeType | undefined => {
    const type = schema.getType(name);
    return type && isCompositeType(type) ? type : fallback;
  };
  const rootType =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();

  const listSizes = listSizesOf(schema);
  /** How many items a list field can return here, and which of its children that multiplies (all when undefined). */
  const sizeOf = (
    parent: GraphQLCompositeType,
    field: GraphQLField<unknown, unknown>,
    selection: FieldNode,
  ): { size: number; sizedFields?: string[] } | undefined => {
    const stated = listSizes.get(`${parent.name}.${field.name}`);
    const slicing = stated?.slicingArguments ?? field.args.filter((argument) => PAGE_SIZE_ARGUMENTS.includes(argument.name)).map((argument) => argument.name);
    // Without a stated size, a field with `first`/`last` is taken for a connection.
    const sizedFields = stated ? stated.sizedFields : slicing.length > 0 ? CONNECTION_LISTS : undefined;
    const sized = (size: number) => ({ size, ...(sizedFields ? { sizedFields } : {}) });
    const given = (selection.arguments ?? [])
      .filter((argument) => slicing.includes(argument.name.value))
      .map((argument) => pageSize(argument.value, argument.name.value))
      .filter((size): size is number => size !== undefined);
    if (given.length > 0) return sized(Math.max(...given));
    const defaults = field.args
      .filter((argument) => slicing.includes(argument.name))
      .map((argument) => argument.defaultValue)
      .filter((size): size is number => typeof size === 'number');
    if (defaults.length > 0) return sized(Math.max(...defaults));
    if (stated?.assumedSize !== undefined) return sized(stated.assumedSize);
    if (slicing.length > 0) return sized(DEFAULT_PAGE_SIZE);
    return isListType(getNullableType(field.type)) ? { size: UNSTATED_LIST_SIZE } : undefined;
  };

  // Fragments are expanded where they are spread; validation has already refused cycles.
  // `sized`: the children of a connection its page multiplies (`edges`, `nodes`); its other
  // children (`totalCount`, `pageInfo`, facets) count once per connection.
  let visited = 0;
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
    depth: number,
    multiplier: number,
    atRoot: boolean,
    sized?: { fields: string[]; size: number },
  ): void => {
    for (const selection of selectionSet.selections) {
      measures.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        visited += 1;
        if (visited > MAX_EXPANDED_FIELDS) {
          throw new GraphQLError(
            `The operation expands to more than ${MAX_EXPANDED_FIELDS} fields once its fragments are spread. Split it into smaller operations.`,
            {
              extensions: { code: ErrorCode.OperationLimit, limit: 'GATEWAY_MAX_COST', max: MAX_EXPANDED_FIELDS, http: { status: 400 } },
            },
          );
        }
        if (atRoot) measures.rootFields += 1;
        if (selection.alias) measures.aliases += 1;
        measures.depth = Math.max(measures.depth, depth);
        measures.cost += multiplier;
        // Introspection is bounded by graphql-js's own MaxIntrospectionDepthRule and reads no data.
        if (!selection.selectionSet || selection.name.value === '__schema' || selection.name.value === '__type') continue;
        const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        const childType = definition ? getNamedType(definition.type) : undefined;
        const child = childType && isCompositeType(childType) ? childType : undefined;
        if (sized?.fields.includes(selection.name.value)) {
          walk(selection.selectionSet, child, depth + 1, multiplier * sized.size, false);
          continue;
        }
        const list = parent && definition ? sizeOf(parent, definition, selection) : undefined;
        if (list?.sizedFields) walk(selection.selectionSet, child, depth + 1, multiplier, false, { fields: list.sizedFields, size: list.size });
        else walk(selection.selectionSet, child, depth + 1, multiplier * (list?.size ?? 1), false);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeNamed(selection.typeCondition.name.value, parent) : parent;
        walk(selection.selectionSet, type, depth, multiplier, atRoot, sized);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) {
          measures.directives += fragment.directives?.length ?? 0;
          walk(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value, parent), depth, multiplier, atRoot, sized);
        }
      }
    }
  };
  walk(operation.selectionSet, rootType ?? undefined, 1, 1, true);
  return measures;
}

/** Lexical tokens of a document (without the end-of-file marker); undefined when it does not lex (the parser reports that). */
export function countTokens(query: string, stopAfter = Number.POSITIVE_INFINITY): number | undefined {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > stopAfter) break;
    }
  } catch {
    return undefined;
  }
  return count;
}

export function operationLimitError(what: string, value: number, max: number, variable: string): GraphQLError {
  return new GraphQLError(`The operation's ${what} is ${value}, over the maximum of ${max}. Split it into smaller operations.`, {
    extensions: { code: ErrorCode.OperationLimit, limit: variable, value, max, http: { status: 400 } },
  });
}

/** Checks a measured operation against the limits; the first limit exceeded is reported. */
export function checkOperation(measures: OperationMeasures, limits: OperationLimits): void {
  const checks: Array<[string, number, number, string]> = [
    ['depth', measures.depth, limits.maxDepth, 'GATEWAY_MAX_DEPTH'],
    ['number of root fields', measures.rootFields, limits.maxRootFields, 'GATEWAY_MAX_ROOT_FIELDS'],
    ['number of aliases', measures.aliases, limits.maxAliases, 'GATEWAY_MAX_ALIASES'],
    ['number of directives', measures.directives, limits.maxDirectives, 'GATEWAY_MAX_DIRECTIVES'],
    ['estimated cost', measures.cost, limits.maxCost, 'GATEWAY_MAX_COST'],
  ];
  for (const [what, value, max, variable] of checks) {
    if (value > max) throw operationLimitError(what, value, max, variable);
  }
}

/**
 * Refuses operations over the limits after validation and before execution: the gateway
 * has not planned or sent anything to a subgraph yet. Raw token counting happens earlier,
 * before parsing (see `tokenLimitMiddleware`); this counts again as a backstop for any
 * other way a document reaches the server.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema, source }) {
          if (!operation) return;
          if (source !== undefined) {
            const tokens = countTokens(source, limits.maxTokens);
            if (tokens !== undefined && tokens > limits.maxTokens) throw tokenLimitError(limits.maxTokens);
          }
          checkOperation(measureOperation(schema, document, operation, request.variables ?? {}), limits);
        },
      };
    },
  };
}

export function tokenLimitError(max: number): GraphQLError {
  return new GraphQLError(`The operation has more than ${max} tokens, over the maximum of ${max}. Split it into smaller operations.`, {
    extensions: { code: ErrorCode.OperationLimit, limit: 'GATEWAY_MAX_TOKENS', max, http: { status: 400 } },
  });
}

/**
 * The same limits for a subscription over WebSocket or SSE, which Apollo Server does not
 * run: the error to answer with (without the HTTP status), or undefined when within them.
 */
export function subscriptionOverLimits(args: ExecutionArgs, limits: OperationLimits): GraphQLError | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined;
  try {
    checkOperation(measureOperation(args.schema, args.document, operation, (args.variableValues as Record<string, unknown> | undefined) ?? {}), limits);
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const { http: _http, ...extensions } = error.extensions;
    return new GraphQLError(error.message, { extensions });
  }
}

/** The limits `mountHardening` put on an app (the subscription server reads them there), else the environment's. */
export function operationLimitsOf(locals: Record<string, unknown>): OperationLimits {
  return (locals.operationLimits as OperationLimits | undefined) ?? operationLimitsFromEnv();
}
