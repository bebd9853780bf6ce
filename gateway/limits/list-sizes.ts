import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type DefinitionNode, type GraphQLSchema } from 'graphql';

/**
 * How long each list of the graph can be, as the subgraph schemas state it with the
 * demand-control directive `@listSize` (https://specs.apollo.dev/cost/v0.1, imported through
 * federation v2.9). Composition keeps it in the supergraph, but not in the API schema the
 * gateway executes against, so the gateway reads it from the supergraph and files it by
 * API schema (one per supergraph version).
 */
export interface ListSize {
  /** The list's length when no slicing argument sets it: a fixed maximum, or a connection's default page size. */
  assumedSize?: number;
  /** Arguments whose value is the length (`first`, `last`). */
  slicingArguments?: string[];
  /** Child fields the length applies to (a connection's `edges` and `nodes`), instead of the field itself. */
  sizedFields?: string[];
}

/** `Type.field` to its stated size. */
export type ListSizes = ReadonlyMap<string, ListSize>;

const LIST_SIZE = 'listSize';

function listSizeOf(directive: ConstDirectiveNode): ListSize {
  const size: ListSize = {};
  for (const argument of directive.arguments ?? []) {
    const value: unknown = valueFromASTUntyped(argument.value);
    if (argument.name.value === 'assumedSize' && typeof value === 'number') size.assumedSize = value;
    if (argument.name.value === 'slicingArguments' && Array.isArray(value)) size.slicingArguments = value.map(String);
    if (argument.name.value === 'sizedFields' && Array.isArray(value)) size.sizedFields = value.map(String);
  }
  return size;
}

function collect(definitions: readonly DefinitionNode[]): Map<string, ListSize> {
  const sizes = new Map<string, ListSize>();
  for (const definition of definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((candidate) => candidate.name.value === LIST_SIZE);
      if (directive) sizes.set(`${definition.name.value}.${field.name.value}`, listSizeOf(directive));
    }
  }
  return sizes;
}

/** The `@listSize` of every field of a supergraph (or any SDL). */
export function listSizesFromSdl(sdl: string): ListSizes {
  return collect(parse(sdl).definitions);
}

const registered = new WeakMap<GraphQLSchema, ListSizes>();

/** Files the sizes the supergraph states under the API schema composed from it. */
export function registerListSizes(apiSchema: GraphQLSchema, sizes: ListSizes): void {
  registered.set(apiSchema, sizes);
}

/**
 * The sizes for a schema: those registered for it, else those its own type definitions carry
 * (a schema built from SDL with `@listSize`, e.g. a subgraph's or a supergraph's).
 */
export function listSizesOf(schema: GraphQLSchema): ListSizes {
  const known = registered.get(schema);
  if (known) return known;
  const definitions = Object.values(schema.getTypeMap()).flatMap((type) => [...(type.astNode ? [type.astNode] : []), ...type.extensionASTNodes]);
  const sizes = collect(definitions);
  registered.set(schema, sizes);
  return sizes;
}
