import { startTestGraph, type TestGraph } from '../testing';
import { BY_ID, SEARCHABLE_LISTS } from './input-fields';
import { captureLogs } from '../../subgraphs/kernel/platform/logger';

/**
 * Control characters in client input (a NUL byte, which PostgreSQL refuses, and the other C0
 * and C1 controls) are BAD_USER_INPUT naming the argument, on every searchable list, on ids
 * and in mutation inputs: never a masked internal error with failed SQL in a subgraph's log.
 */

const CONTROL_CHARACTERS: Array<[name: string, text: string, codePoint: string]> = [
  ['a NUL byte', 'khoa\u0000hoc', 'U+0000'],
  ['an escape', '\u001b[31mkhoa', 'U+001B'],
  ['DEL', 'khoa\u007f', 'U+007F'],
  ['a C1 control', 'khoa\u0085', 'U+0085'],
];

describe('control characters in input', () => {
  let graph: TestGraph;
  let logged: string[];
  let restoreConsole = () => undefined as void;

  beforeAll(async () => {
    graph = await startTestGraph();
  }, 180_000); // every subgraph seeded from cold: slow when the machine is busy
  afterAll(async () => {
    await graph?.stop();
  });
  beforeEach(() => {
    logged = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const restoreLogs = captureLogs(logged, 'error'); // the graph's own error lines (JSON)
    restoreConsole = () => {
      spy.mockRestore();
      restoreLogs();
    };
  });
  afterEach(() => restoreConsole());

  function expectRefused(result: Awaited<ReturnType<TestGraph['query']>>, field: string, codePoint: string): void {
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: `"${field}" must not contain control characters (found ${codePoint})`,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      }),
    ]);
    expect(logged.filter((line) => /unexpected error|Failed query/.test(line))).toEqual([]);
  }

  it.each(SEARCHABLE_LISTS)('attack: a NUL byte in the search filter of %s is BAD_USER_INPUT naming filter.search', async (field, filterType) => {
    const result = await graph.query(`query ($filter: ${filterType}) { ${field}(filter: $filter) { __typename } }`, { filter: { search: 'so khoa\u0000hoc' } });
    expectRefused(result, 'filter.search', 'U+0000');
  });

  it.each(CONTROL_CHARACTERS)('refuses %s in a search given as a literal, and accepts tab and newline', async (_name, text, codePoint) => {
    const literal = await graph.query(`{ organizations(filter: { search: ${JSON.stringify(text)} }) { totalCount } }`);
    expectRefused(literal, 'filter.search', codePoint);
    const whitespace = await graph.query('query ($s: String) { organizations(filter: { search: $s }) { totalCount } }', { s: 'so\tkhoa\nhoc\r' });
    expect(whitespace.errors).toBeUndefined();
  });

  it.each(BY_ID)('attack: a NUL byte in the id of %s is BAD_USER_INPUT naming id', async (field) => {
    const result = await graph.query(`query ($id: ID!) { ${field}(id: $id) { __typename } }`, { id: '215b30bd-76bd-5047-8b2e-0993a9883be5\u0000' });
    expectRefused(result, 'id', 'U+0000');
  });

  it('attack: a NUL byte in a list filter value and in a cursor names the item', async () => {
    expectRefused(
      await graph.query('query ($k: [String!]) { experts(filter: { keywords: $k }) { totalCount } }', { k: ['ai', 'x\u0000'] }),
      'filter.keywords[1]',
      'U+0000',
    );
    expectRefused(await graph.query('query ($after: String) { hubs(after: $after) { totalCount } }', { after: 'abc\u0000' }), 'after', 'U+0000');
  });

  it('attack: a control character in a mutation input is BAD_USER_INPUT naming the input field, and nothing is written', async () => {
    const admin = graph.as('admin');
    const count = async () => (await admin.queryOk<{ experts: { totalCount: number } }>('{ experts { totalCount } }')).experts.totalCount;
    const before = await count();
    const create = 'mutation ($input: CreateExpertInput!) { createExpert(input: $input) { expert { id } } }';
    const valid = { fullName: 'Nguyễn Văn Thử', countryOfResidence: 'VN' };
    expectRefused(await admin.query(create, { input: { ...valid, fullName: 'Nguyễn\u0000Văn' } }), 'input.fullName', 'U+0000');
    expectRefused(await admin.query(create, { input: { ...valid, keywords: ['ai', 'robot\u0007'] } }), 'input.keywords[1]', 'U+0007');
    expect(await count()).toBe(before);
  });
});
