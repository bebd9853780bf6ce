/**
 * A deterministic generator of malformed GraphQL requests for the fuzz test: the same seed
 * gives the same cases, so a failure can be replayed. Each case is a request body as text
 * (so it can be bad JSON), with the kind of malformation it carries.
 */

import { BY_ID, SEARCHABLE_LISTS } from './input-fields';

export type FuzzKind =
  | 'bad JSON'
  | 'wrong types'
  | 'control characters'
  | 'unknown operation'
  | 'huge string'
  | 'deep document'
  | 'deep variables'
  | 'bad cursor'
  | 'bad scalar'
  | 'garbled document';

export interface FuzzCase {
  kind: FuzzKind;
  /** The request body as sent over HTTP and SSE, and as a WebSocket `subscribe` message's payload (JSON text, or not quite). */
  body: string;
}

/** mulberry32: a small, fast, seedable PRNG (the same sequence on every platform). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The search filters (not `findExperts`, whose filter is required): where text input meets SQL. */
const SEARCHABLE = SEARCHABLE_LISTS.filter(([, filterType]) => !filterType.endsWith('!'));
const PAGINATED = ['organizations', 'programmes', 'indicators', 'hubs', 'startups', 'experts', 'datasets', 'networks'];
const VOCABULARY = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '...',
  '@',
  '!',
  '=',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'hubs',
  'nodes',
  'id',
  'first',
  '"x"',
  '1',
  '-1',
  '1e999',
  'null',
  'true',
  '__typename',
  '__schema',
  '#',
  '"""',
  '\\u',
  '&',
  '|',
  ',',
];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\u009f'];

export function fuzzCases(seed: number, count: number): FuzzCase[] {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const text = (length: number) => Array.from({ length }, () => String.fromCharCode(int(32, 126))).join('');
  const withControl = (base: string) => {
    const position = int(0, base.length);
    return base.slice(0, position) + pick(CONTROL) + base.slice(position);
  };
  const json = (kind: FuzzKind, payload: Record<string, unknown>): FuzzCase => ({ kind, body: JSON.stringify(payload) });
  const searchable = () => pick(SEARCHABLE);

  const generators: Record<FuzzKind, () => FuzzCase> = {
    'bad JSON': () => {
      const valid = JSON.stringify({ query: `{ ${pick(PAGINATED)} { totalCount } }` });
      const body = pick([
        () => valid.slice(0, int(1, valid.length - 1)),
        () => valid.replace(':', ''),
        () => `${valid},`,
        () => text(int(1, 200)),
        () => '',
        () => '{"query": }',
        () => "{'query': '{ __typename }'}",
        () => '{"query": "{ __typename }", "variables": {"a": NaN}}',
        () => '\uFEFF' + valid,
      ])();
      return { kind: 'bad JSON', body };
    },
    'wrong types': () => {
      const wrong = () => pick<unknown>([42, true, null, [], ['{ __typename }'], { query: '{ __typename }' }, 'x', -1.5]);
      return json(
        'wrong types',
        pick([
          () => ({ query: wrong() }),
          () => ({ query: '{ __typename }', variables: pick<unknown>(['{"a":1}', [1, 2], 7, true]) }),
          () => ({ query: '{ __typename }', operationName: pick<unknown>([42, {}, [], true]) }),
          () => ({ query: '{ __typename }', extensions: pick<unknown>(['x', 5, [1]]) }),
          () => ({ query: 'query ($n: Int) { hubs(first: $n) { totalCount } }', variables: { n: pick<unknown>(['ten', [1], { a: 1 }, true]) } }),
          () => ({ query: 'query ($id: ID!) { organization(id: $id) { id } }', variables: { id: pick<unknown>([null, [], {}, true, 1.5]) } }),
        ])(),
      );
    },
    'control characters': () => {
      const value = withControl(text(int(0, 40)));
      return json(
        'control characters',
        pick([
          () => {
            const [field, type] = searchable();
            return { query: `query ($f: ${type}) { ${field}(filter: $f) { totalCount } }`, variables: { f: { search: value } } };
          },
          () => ({ query: `query ($id: ID!) { ${pick(BY_ID)}(id: $id) { __typename } }`, variables: { id: value } }),
          () => ({ query: `{ ${searchable()[0]}(filter: { search: ${JSON.stringify(value)} }) { totalCount } }` }),
          () => ({ query: 'query ($k: [String!]) { experts(filter: { keywords: $k }) { totalCount } }', variables: { k: ['ai', value] } }),
          () => ({ query: `{ __typename }`, operationName: value }),
        ])(),
      );
    },
    'unknown operation': () =>
      json(
        'unknown operation',
        pick([
          () => ({ query: 'query A { __typename } query B { __typename }' }),
          () => ({ query: 'query A { __typename }', operationName: text(int(1, 12)) }),
          () => ({ query: 'fragment F on Query { __typename }' }),
          () => ({ query: 'subscription { changes { cursor } }' }),
          () => ({ query: 'subscription S { changes { cursor } } query Q { __typename }', operationName: 'S' }),
          () => ({ query: 'mutation { __typename }' }),
          () => ({ query: `{ ${text(int(1, 10)).replace(/[^a-z]/gi, 'x')} }` }),
        ])(),
      ),
    'huge string': () => {
      const [field, type] = searchable();
      const size = pick([50_000, 200_000, 900_000, 1_200_000]); // the last is over GATEWAY_MAX_BODY: 413
      return pick([
        () => json('huge string', { query: `query ($f: ${type}) { ${field}(filter: $f) { totalCount } }`, variables: { f: { search: 'a'.repeat(size) } } }),
        () => json('huge string', { query: `query ($id: ID!) { ${pick(BY_ID)}(id: $id) { __typename } }`, variables: { id: 'f'.repeat(size) } }),
        () => json('huge string', { query: `{ __typename } # ${'x'.repeat(size)}` }),
        () => json('huge string', { query: `{ ${'__typename '.repeat(Math.floor(size / 11))} }` }),
      ])();
    },
    'deep document': () => {
      const levels = pick([65, 200, 3_000, 20_000, 50_000]);
      return json(
        'deep document',
        pick([
          () => ({ query: `{ hubs ${'{ nodes '.repeat(levels)}${'}'.repeat(levels)} }` }),
          () => ({ query: `{ hubs(filter: ${'{ search: '.repeat(levels)}"x"${' }'.repeat(levels)}) { totalCount } }` }),
          () => ({ query: `{ hubs(first: ${'['.repeat(levels)}1${']'.repeat(levels)}) { totalCount } }` }),
          () => ({ query: `subscription { changes ${'{ a '.repeat(levels)}${'}'.repeat(levels)} }` }),
          () => ({ query: `{ ${'... on Query { '.repeat(Math.min(levels, 5_000))}__typename${' }'.repeat(Math.min(levels, 5_000))} }` }),
        ])(),
      );
    },
    'deep variables': () => {
      const levels = pick([65, 1_000, 50_000, 100_000]);
      const nested = pick([`${'['.repeat(levels)}${']'.repeat(levels)}`, `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`]);
      const query = pick([
        'query ($v: String) { __typename }',
        'query ($f: OrganizationFilter) { organizations(filter: $f) { totalCount } }',
        'subscription ($v: String) { changes(after: $v) { cursor } }',
      ]);
      const variable = query.includes('$f') ? 'f' : 'v';
      // Built as text: JSON.stringify itself would overflow the stack on such values.
      return { kind: 'deep variables', body: `{"query":${JSON.stringify(query)},"variables":{"${variable}":${nested}}}` };
    },
    'bad cursor': () => {
      const cursor = pick([
        () => text(int(0, 30)),
        () => Buffer.from(text(int(1, 30))).toString('base64'),
        () => Buffer.from(JSON.stringify({ id: text(5), v: int(-5, 5) })).toString('base64url'),
        () => Buffer.from('{"__proto__":{"x":1}}').toString('base64'),
        () => '='.repeat(int(1, 8)),
        () => 'f'.repeat(int(500, 5_000)),
      ])();
      return json(
        'bad cursor',
        pick([
          () => ({ query: `query ($c: String) { ${pick(PAGINATED)}(after: $c) { totalCount nodes { id } } }`, variables: { c: cursor } }),
          () => ({ query: `query ($c: String) { ${pick(PAGINATED)}(before: $c, last: 2) { totalCount } }`, variables: { c: cursor } }),
          () => ({ query: 'query ($c: String) { changes(after: $c) { totalCount } }', variables: { c: cursor } }),
          () => ({ query: 'subscription ($c: String) { changes(after: $c) { cursor } }', variables: { c: cursor } }),
          () => ({ query: `{ ${pick(PAGINATED)}(first: ${pick([-1, 101, 2 ** 31 - 1, 0])}) { totalCount } }` }),
        ])(),
      );
    },
    'bad scalar': () =>
      json(
        'bad scalar',
        pick([
          () => ({
            query: 'query ($n: Int) { hubs(first: $n) { totalCount } }',
            variables: { n: pick<unknown>([2 ** 31, -(2 ** 31) - 1, 1e20, 1.5, '1', Number.MAX_SAFE_INTEGER]) },
          }),
          () => ({ query: `{ hubs(first: ${pick(['2147483648', '1.5', '"1"', '1e3', 'true', 'null', 'FIRST', '-0'])}) { totalCount } }` }),
          () => ({
            query: 'query ($d: Date) { __typename }',
            variables: { d: pick<unknown>(['2025-02-30', '2025-13-01', 'yesterday', 20250101, '', '2025-1-1']) },
          }),
          () => ({ query: 'query ($t: DateTime) { __typename }', variables: { t: pick<unknown>(['now', '2025-01-01', 0, '2025-01-01T25:00:00Z']) } }),
          () => ({ query: 'query ($b: Boolean) { __typename }', variables: { b: pick<unknown>(['yes', 1, 'true', []]) } }),
          () => ({ query: `{ startups(filter: { stages: [${pick(['FOO', '"SEED"', '1', 'null'])}] }) { totalCount } }` }),
        ])(),
      ),
    'garbled document': () => json('garbled document', { query: Array.from({ length: int(1, 60) }, () => pick(VOCABULARY)).join(' ') }),
  };
  const kinds = Object.keys(generators) as FuzzKind[];
  return Array.from({ length: count }, (_, index) => generators[kinds[index % kinds.length]!]());
}
