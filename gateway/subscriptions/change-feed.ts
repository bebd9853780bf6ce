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
import { followLog, FEED_PAGE_SIZE, type LogRead, type LogSource } from '../../subgraphs/kernel/platform/change-feed';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { withoutOrigin } from '../auth/origin';
import type { ChangeHead } from './change-head';
import type { SharedReads } from './shared-reads';

const AFTER_VARIABLE = '__changesAfter';
/** Errors that retrying cannot fix: the subscription ends with them. */
const FATAL_CODES = new Set<unknown>([
  ErrorCode.BadUserInput,
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
]);

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
  /** Page reads in flight, which subscribers of one scope at one cursor share (one per gateway). */
  reads: SharedReads<PageResponse>;
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
    arguments: [...otherArguments, argument('after', variable(AFTER_VARIABLE)), argument('first', { kind: Kind.INT, value: String(FEED_PAGE_SIZE) })],
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

export interface PageResponse {
  data?: { changes?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: unknown }> } | null } | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/**
 * The subscription's event stream (kernel `followLog`): each page of the log is read through
 * the gateway's own HTTP endpoint with the subscriber's credentials, so every event's fields
 * are resolved, and authorised, as a query of the subscriber's would be.
 */
export function changeFeed(request: ChangeFeedRequest, deps: ChangeFeedDependencies, signal: AbortSignal): AsyncGenerator<ExecutionResult> {
  const page = toPageQuery(request);
  const post = async <T>(body: unknown, readSignal: AbortSignal): Promise<T> => {
    const response = await fetch(deps.gatewayUrl, {
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.any([readSignal, AbortSignal.timeout(30_000)]),
    });
    return (await response.json()) as T;
  };
  const scope = JSON.stringify([Object.entries(withoutOrigin(request.headers)).sort(), page.query, request.variables]);
  const source: LogSource<ExecutionResult> = {
    signal: deps.head.signal,
    read: async (after, readSignal) => {
      const body = { query: page.query, variables: { ...request.variables, [AFTER_VARIABLE]: after } };
      // Shared with the scope's other subscribers at this cursor and head generation: no one caller's signal ends it.
      const key = JSON.stringify([scope, after, deps.head.signal.current]);
      return pageOfResults(await deps.reads.run(key, () => post<PageResponse>(body, AbortSignal.timeout(30_000)), readSignal), page.responseKey);
    },
    newest: async (readSignal) => {
      const body = await post<{ data?: { changes?: { pageInfo: { endCursor: string | null } } | null } }>(
        { query: '{ changes(last: 1) { pageInfo { endCursor } } }' },
        readSignal,
      );
      if (!body.data?.changes) throw new GraphQLError('The change log is unavailable; retry later', { extensions: { code: ErrorCode.ServiceUnavailable } });
      return body.data.changes.pageInfo.endCursor;
    },
  };
  return followLog(source, page.initialAfter, signal);
}

/** One page answer as the subscription's results: one per edge, with the errors under its node. */
function pageOfResults(result: PageResponse, responseKey: string): LogRead<ExecutionResult> {
  const changes = result.data?.changes;
  if (!changes) {
    const fatal = result.errors?.find((error) => FATAL_CODES.has(error.extensions?.code));
    return fatal ? { kind: 'end', last: { errors: [new GraphQLError(fatal.message, { extensions: fatal.extensions ?? {} })] } } : { kind: 'unavailable' };
  }
  const items = changes.edges.map((edge, index) => {
    const prefix = ['changes', 'edges', index, 'node'];
    const errors = (result.errors ?? [])
      .filter((error) => prefix.every((part, i) => error.path?.[i] === part))
      .map((error) => new GraphQLError(error.message, { path: [responseKey, ...(error.path ?? []).slice(prefix.length)], extensions: error.extensions ?? {} }));
    return { cursor: edge.cursor, value: { data: { [responseKey]: edge.node }, ...(errors.length ? { errors } : {}) } };
  });
  return { kind: 'page', items, hasNextPage: changes.pageInfo.hasNextPage };
}

function usedVariables(nodes: Array<OperationDefinitionNode | FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (v) => void names.add(v.name.value) });
  return names;
}

const variable = (name: string) => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
const argument = (name: string, value: ArgumentNode['value']): ArgumentNode => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value });
const fieldNode = (name: string, selectionSet?: SelectionSetNode): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  ...(selectionSet ? { selectionSet } : {}),
});
const selections = (nodes: FieldNode[]): SelectionSetNode => ({ kind: Kind.SELECTION_SET, selections: nodes });
