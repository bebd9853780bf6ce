import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { SUBGRAPHS } from '../../subgraphs';
import { composeSupergraph } from '../compose';
import { listSizesFromSdl, registerListSizes } from '../limits/list-sizes';
import { DEFAULT_OPERATION_LIMITS, measureOperation } from '../limits/operation-limits';
import { startTestGraph, type TestGraph } from '../testing';

/**
 * Adversarial nesting: queries built from the cycles of the client schema (Programme →
 * indicators → programme → ..., Organization → responsibleIndicators → responsibleOrganization
 * → ..., Network → members → network → ...), nested again and again, run through the gateway.
 * Each answered one holds no more field values than the gateway estimated; each estimated over
 * the limit is refused with OPERATION_LIMIT before any subgraph works on it.
 */
const ONLY = ['programmes', 'experts'];
let graph: TestGraph;
let api: GraphQLSchema;

beforeAll(async () => {
  graph = await startTestGraph({ only: ONLY });
  api = buildSchema(composeSupergraph(SUBGRAPHS.filter((definition) => ONLY.includes(definition.name))).api);
  registerListSizes(api, listSizesFromSdl(readFileSync(graph.supergraphPath, 'utf8')));
});
afterAll(() => graph?.stop());

/** One step of a path through the schema: a field, and whether it is a connection (`nodes` below it). */
interface Step {
  field: string;
  connection: boolean;
  list: boolean;
}

/** The object type a field leads to, looking through a connection to its nodes. */
function target(field: GraphQLField<unknown, unknown>): { type: GraphQLObjectType; connection: boolean; list: boolean } | undefined {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return undefined;
  const nodes = named.name.endsWith('Connection') ? named.getFields().nodes : undefined;
  if (nodes) {
    const node = getNamedType(nodes.type);
    return isObjectType(node) ? { type: node, connection: true, list: true } : undefined;
  }
  return { type: named, connection: false, list: isListType(getNullableType(field.type)) };
}

/** Paths of at most `maxSteps` fields from `start` back to `start` that pass through a list. */
function cycles(start: GraphQLObjectType, maxSteps: number): Step[][] {
  const found: Step[][] = [];
  const walk = (type: GraphQLObjectType, path: Step[], seen: Set<string>) => {
    if (path.length >= maxSteps) return;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_') || field.args.some((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined)) continue;
      const next = target(field);
      if (!next) continue;
      const step = { field: field.name, connection: next.connection, list: next.list };
      if (next.type === start) {
        if ([...path, step].some((candidate) => candidate.list)) found.push([...path, step]);
      } else if (!seen.has(next.type.name)) {
        walk(next.type, [...path, step], new Set([...seen, next.type.name]));
      }
    }
  };
  walk(start, [], new Set([start.name]));
  return found;
}

/** `{ root(first: page) { nodes { cycle { cycle { ... id } } } } }`, the cycle `repeats` times. */
function nestedQuery(root: string, cycle: Step[], repeats: number, page: number | undefined): string {
  const sliced = page === undefined ? '' : `(first: ${page})`;
  let body = 'id';
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const step of [...cycle].reverse()) body = step.connection ? `${step.field}${sliced} { nodes { ${body} } }` : `${step.field} { ${body} }`;
  }
  return `{ ${root}${sliced} { nodes { ${body} } } }`;
}

/** Field values in a response: every key of every object, however deep (list items count through their fields). */
function countValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + countValues(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce<number>((sum, child) => sum + 1 + countValues(child), 0);
}

function estimate(query: string): number {
  const document = parse(query);
  expect(validate(api, document)).toEqual([]);
  return measureOperation(api, document, getOperationAST(document)!).cost;
}

/** The root connection listing `type` (`programmes` for Programme), if the graph has one without required arguments. */
function rootListing(type: GraphQLObjectType): string | undefined {
  return Object.values(api.getQueryType()!.getFields()).find(
    (field) => getNamedType(field.type).name === `${type.name}Connection` && !field.args.some((argument) => isNonNullType(argument.type)),
  )?.name;
}

it('finds the cycles the issue names in the client schema', () => {
  const names = (type: string) => cycles(api.getType(type) as GraphQLObjectType, 2).map((cycle) => cycle.map((step) => step.field).join('.'));
  expect(names('Programme')).toContain('indicators.programme');
  expect(names('Organization')).toContain('responsibleIndicators.responsibleOrganization');
  expect(names('Network')).toContain('members.network');
});

it('never answers with more field values than the estimate, and refuses what is estimated over the limit', async () => {
  const plans: Array<{ query: string; cost: number }> = [];
  for (const typeName of ['Programme', 'Organization', 'Network', 'Indicator', 'Expert']) {
    const type = api.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not in the test graph`);
    const root = rootListing(type);
    if (!root) throw new Error(`no root listing for ${typeName}`);
    for (const cycle of cycles(type, 2)) {
      for (const [repeats, page] of [
        [1, undefined],
        [1, 3],
        [2, 5],
        [3, undefined],
      ] as const) {
        const query = nestedQuery(root, cycle, repeats, page);
        plans.push({ query, cost: estimate(query) });
      }
    }
  }
  const answered = plans.filter((plan) => plan.cost <= DEFAULT_OPERATION_LIMITS.maxCost);
  const refused = plans.filter((plan) => plan.cost > DEFAULT_OPERATION_LIMITS.maxCost);
  expect(answered.length).toBeGreaterThan(20);
  expect(refused.length).toBeGreaterThan(5);

  let largest = 0;
  for (const { query, cost } of answered) {
    const response = await graph.query(query);
    expect({ query, errors: response.errors }).toEqual({ query, errors: undefined });
    const values = countValues(response.data);
    largest = Math.max(largest, values);
    expect({ query, values, withinEstimate: values <= cost }).toEqual({ query, values, withinEstimate: true });
  }
  expect(largest).toBeGreaterThan(100); // the graph holds data these queries reach
  for (const { query } of refused.slice(0, 5)) {
    const response = await graph.query(query);
    expect({ query, code: response.errors?.[0]?.extensions?.code }).toEqual({ query, code: 'OPERATION_LIMIT' });
  }
});

it('attack 1 of issue 12: nested Programme.indicators (once estimated ~200, expanding to P×N⁴ objects) gets OPERATION_LIMIT', async () => {
  const attack =
    '{ programmes { nodes { indicators { programme { indicators { programme { indicators { programme { indicators { programme { code } } } } } } } } } } }';
  // As written in the issue it no longer validates: `indicators` is a connection now.
  const asWritten = await graph.query(attack);
  expect(asWritten.status).toBe(400);
  expect(asWritten.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  // The same nesting through `nodes`, with default pages and with the largest page: four levels
  // are over the depth limit too, three are within it and refused for their estimated cost.
  for (const [levels, limit] of [
    [3, 'GATEWAY_MAX_COST'],
    [4, expect.stringMatching(/^GATEWAY_MAX_(COST|DEPTH)$/)],
  ] as const) {
    for (const page of ['', '(first: 100)']) {
      let body = 'code';
      for (let level = 0; level < levels; level++) body = `indicators${page} { nodes { programme { ${body} } } }`;
      const response = await graph.query(`{ programmes${page} { nodes { ${body} } } }`);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit });
      expect(response.data).toBeUndefined();
    }
  }
});

it('loads a page of a nested connection for a whole page of parents in one SQL statement (no N+1)', async () => {
  const cases: Array<[string, (n: number) => string]> = [
    [
      'programmes',
      (n) =>
        `{ programmes(first: ${n}) { nodes { indicators(first: 3) { totalCount nodes { code targets(first: 2) { totalCount nodes { value } } } } tasks(first: 2) { totalCount nodes { code } } } } }`,
    ],
    [
      'programmes',
      (n) =>
        `{ organizations(first: ${n}) { nodes { responsibleIndicators(first: 2) { totalCount nodes { code observations(first: 2) { nodes { value } } } } } } }`,
    ],
    ['experts', (n) => `{ networks(first: ${n}) { nodes { members(first: 2) { totalCount nodes { id } } } } }`],
  ];
  for (const [subgraph, query] of cases) {
    // Few parents, but enough that every nested level has rows (an empty level costs no statement).
    const few = await graph.fewestStatements(subgraph, () => graph.queryOk(query(20)), 2);
    const many = await graph.fewestStatements(subgraph, () => graph.queryOk(query(100)), 2);
    expect({ query: query(100), many }).toEqual({ query: query(100), many: few });
  }
});
