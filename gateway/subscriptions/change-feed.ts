import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  print,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { ErrorCode } from '../../subgraphs/kernel/errors';
import type { ChangeHead } from './change-head';

/** How many changes one read of the log returns. */
const PAGE_SIZE = 100;
const AFTER_VARIABLE = '__changesAfter';
/** Errors that retrying cannot fix: the subscription ends with them. */
const FATAL_CODES = new Set<unknown>([ErrorCode.BadUserInput, 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', ErrorCode.Unauthenticated, ErrorCode.Forbidden]);

export interface ChangeFeedRequest {
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName?: string | null;
  /** Headers to send with every read: the subscriber's own credentials. */
  headers: Record<string, string>;
}

export interface ChangeFeedDependencies {
  /** The gateway's own GraphQL URL: each read goes through it, with the subscriber's credentials. */
  gatewayUrl: string;
  head: ChangeHead;
}

interface PageQuery {
  query: string;
  responseKey: string;
  initialAfter: string | null;
}

/**
 * Turns `subscription { changes(after, filter) { ...selection } }` into the equivalent
 * page query `query { changes(after: $cursor, first: 100, filter) { edges { cursor node {
 * ...selection } } pageInfo { ... } } }`. Every event is then resolved by the gateway like
 * any query: through the owning subgraphs, with the subscriber's credentials, per event.
 */
export function toPageQuery(request: ChangeFeedRequest): PageQuery {
  const operations = request.document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = request.operationName ? operations.find((o) => o.name?.value === request.operationName) : operations[0];
  if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    throw new GraphQLError('Expected a subscription operation', { extensions: { code: ErrorCode.BadUserInput } });
  }
  const [field, ...rest] = operation.selectionSet.selections;
  if (!field || rest.length > 0 || field.kind !== Kind.FIELD || field.name.value !== 'changes') {
    throw new GraphQLError('A subscription selects exactly one field: changes', { extensions: { code: ErrorCode.BadUserInput } });
  }
  const afterArgument = field.arguments?.find((argument) => argument.name.value === 'after');
  const otherArguments = (field.arguments ?? []).filter((argument) => argument.name.value !== 'after');
  const pageField: FieldNode = {
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: 'changes' },
    arguments: [...otherArguments, argument('after', variable(AFTER_VARIABLE)), argument('first', { kind: Kind.INT, value: String(PAGE_SIZE) })],
    selectionSet: selections([
      fieldNode('pageInfo', selections([fieldNode('hasNextPage'), fieldNode('endCursor')])),
      fieldNode('edges', selections([fieldNode('cursor'), { ...fieldNode('node'), selectionSet: field.selectionSet }])),
    ]),
  };
  const fragments = request.document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const draft: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: { kind: Kind.NAME, value: 'ChangeFeedPage' },
    variableDefinitions: [],
    selectionSet: selections([pageField]),
  };
  // Keep only the subscriber's variables still used (one used only in `after` would be an error).
  const used = usedVariables([draft, ...fragments]);
  const variableDefinitions: VariableDefinitionNode[] = [
    ...(operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value)),
    { kind: Kind.VARIABLE_DEFINITION, variable: variable(AFTER_VARIABLE), type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } },
  ];
  const query = print({ kind: Kind.DOCUMENT, definitions: [{ ...draft, variableDefinitions }, ...fragments] });

  let initialAfter: string | null = null;
  if (afterArgument?.value.kind === Kind.STRING) initialAfter = afterArgument.value.value;
  if (afterArgument?.value.kind === Kind.VARIABLE) {
    const value = request.variables[afterArgument.value.name.value];
    initialAfter = typeof value === 'string' ? value : null;
  }
  return { query, responseKey: field.alias?.value ?? 'changes', initialAfter };
}

interface PageResponse {
  data?: { changes?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: unknown }> } | null } | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/**
 * The subscription's event stream: replays from `after` (or starts at the newest change),
 * then waits for the log to grow and reads again. One loop for replay and live, one cursor.
 */
export async function* changeFeed(request: ChangeFeedRequest, deps: ChangeFeedDependencies, signal: AbortSignal): AsyncGenerator<ExecutionResult> {
  const page = toPageQuery(request);
  const variables = { ...request.variables };
  const read = async (after: string | null): Promise<PageResponse> => {
    const response = await fetch(deps.gatewayUrl, {
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: page.query, variables: { ...variables, [AFTER_VARIABLE]: after } }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]),
    });
    return (await response.json()) as PageResponse;
  };

  let cursor = page.initialAfter ?? (await newestCursor(deps.gatewayUrl, request.headers, signal));
  let failures = 0;
  while (!signal.aborted) {
    const generation = deps.head.current;
    let result: PageResponse;
    try {
      result = await read(cursor);
    } catch {
      if (signal.aborted) return;
      await pause(Math.min(5_000, 200 * 2 ** ++failures), signal);
      continue;
    }
    const changes = result.data?.changes;
    if (!changes) {
      const fatal = result.errors?.find((error) => FATAL_CODES.has(error.extensions?.code));
      if (fatal) {
        yield { errors: [new GraphQLError(fatal.message, { extensions: fatal.extensions ?? {} })] };
        return;
      }
      // The change log is unavailable for now: nothing is lost, the cursor stays; retry.
      await pause(Math.min(5_000, 200 * 2 ** ++failures), signal);
      continue;
    }
    failures = 0;
    for (const [index, edge] of changes.edges.entries()) {
      const prefix = ['changes', 'edges', index, 'node'];
      const errors = (result.errors ?? [])
        .filter((error) => prefix.every((part, i) => error.path?.[i] === part))
        .map((error) => new GraphQLError(error.message, { path: [page.responseKey, ...(error.path ?? []).slice(prefix.length)], extensions: error.extensions ?? {} }));
      yield { data: { [page.responseKey]: edge.node }, ...(errors.length ? { errors } : {}) };
      cursor = edge.cursor;
    }
    if (!changes.pageInfo.hasNextPage) await deps.head.waitBeyond(generation, signal);
  }
}

/** The cursor of the newest change the subscriber can see, or null for an empty log. */
async function newestCursor(gatewayUrl: string, headers: Record<string, string>, signal: AbortSignal): Promise<string | null> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ changes(last: 1) { pageInfo { endCursor } } }' }),
    signal,
  });
  const body = (await response.json()) as { data?: { changes?: { pageInfo: { endCursor: string | null } } | null } };
  if (!body.data?.changes) throw new GraphQLError('The change log is unavailable; retry later', { extensions: { code: ErrorCode.ServiceUnavailable } });
  return body.data.changes.pageInfo.endCursor;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function usedVariables(nodes: Array<OperationDefinitionNode | FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (v) => void names.add(v.name.value) });
  return names;
}

const variable = (name: string) => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
const argument = (name: string, value: ArgumentNode['value']): ArgumentNode => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value });
const fieldNode = (name: string, selectionSet?: SelectionSetNode): FieldNode => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name }, ...(selectionSet ? { selectionSet } : {}) });
const selections = (nodes: FieldNode[]): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections: nodes });
