import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertionHeaders } from '../../subgraphs/kernel/identity/assertion';
import { ANONYMOUS } from '../../subgraphs/kernel/identity/caller';
import { newTestSecret, postAsGateway } from '../../subgraphs/kernel/testing/assertion';
import { childDatabase } from '../../subgraphs/kernel/testing/database';
import { postGraphQL } from '../../subgraphs/kernel/testing/http';
import { freePort, runScript, type ChildScript } from '../../subgraphs/kernel/testing/process';
import { startTestSubgraph } from '../../subgraphs/kernel/testing/subgraph';
import { programmes } from '../../subgraphs/programmes';
import { composeSupergraph } from '../compose';
import { startGateway, type RunningGateway } from '../server';

/**
 * Defence in depth (issue 12, attack 1): the programmes subgraph, in its own process with the
 * heap ceiling README states, receives the nested `Programme.indicators` attack straight from
 * a caller holding a valid assertion (as another gateway would send it) and through a gateway
 * whose cost limit is raised out of the way. It refuses with OPERATION_LIMIT, and keeps
 * answering: without the subgraph's own cap the process runs out of heap and dies.
 */
const HEAP_CEILING_MB = 256;
/** Resident memory the process may reach in this test (V8 heap, PGlite's WebAssembly memory, code). */
const RESIDENT_CEILING_MB = 1024;

/** Programme → indicators → programme → ..., `levels` deep, 100 a page: 100^levels objects and more if answered. */
function nestedIndicators(levels: number): string {
  let body = 'code';
  for (let level = 0; level < levels; level++) body = `indicators(first: 100) { nodes { programme { ${body} } } }`;
  return `{ programmes(first: 100) { nodes { ${body} } } }`;
}

/** Peak resident memory of a process, from Linux's /proc (VmHWM), in MB. */
function peakResidentMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error('no VmHWM in /proc status');
  return Number(match[1]) / 1024;
}

describe('a subgraph refuses what no gateway limit stopped', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sti-limits-'));
  const secret = newTestSecret();
  let child: ChildScript;
  let url: string;
  let drop: () => Promise<void> = async () => undefined;
  let gateway: RunningGateway | undefined;

  beforeAll(async () => {
    const port = await freePort();
    const database = await childDatabase('programmes', dataDir);
    drop = database.drop;
    child = runScript(
      'start-subgraph',
      ['programmes'],
      { ...database.env, PROGRAMMES_PORT: String(port), INTERNAL_ASSERTION_SECRET: secret, SEED_ON_START: 'true' },
      [`--max-old-space-size=${HEAP_CEILING_MB}`],
    );
    await child.waitFor('programmes subgraph at', 300_000);
    url = `http://127.0.0.1:${port}/graphql`;
  }, 320_000);
  afterAll(async () => {
    await gateway?.stop();
    child?.child.kill('SIGTERM');
    await child?.exited;
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const alive = async () => (await fetch(new URL('/health', url))).status === 200 && child.child.exitCode === null;

  const SMALL = '{ programmes(first: 2) { nodes { code } } }';

  it('attack 1 of issue 12 sent straight to the programmes subgraph gets OPERATION_LIMIT, and the process lives within its memory ceiling', async () => {
    const response = await postGraphQL(
      url,
      nestedIndicators(4),
      undefined,
      await assertionHeaders(secret, 'programmes', ANONYMOUS, { query: nestedIndicators(4) }),
    );
    expect(response.errors).toHaveLength(1);
    // Whichever cap it reaches first (on a slow machine, the time): both are the subgraph's own.
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT',
      limit: expect.stringMatching(/^SUBGRAPH_MAX_(RESOLVED_VALUES|EXECUTION_MS)$/),
    });
    expect(response.errors?.[0]?.message).toMatch(
      /^The request (resolves more than 100000 values|ran longer than 15000 ms) in the programmes subgraph, over its limit/,
    );
    expect(response.data ?? null).toBeNull();
    expect(await alive()).toBe(true);
    expect(peakResidentMb(child.child.pid!)).toBeLessThan(RESIDENT_CEILING_MB);
    // It goes on answering what is within its limits.
    const small = await postGraphQL<{ programmes: { nodes: unknown[] } }>(
      url,
      SMALL,
      undefined,
      await assertionHeaders(secret, 'programmes', ANONYMOUS, { query: SMALL }),
    );
    expect(small.errors).toBeUndefined();
    expect(small.data?.programmes.nodes).toHaveLength(2);
  });

  it('attack 1 of issue 12 through a gateway with its cost limit raised gets OPERATION_LIMIT from the subgraph', async () => {
    const supergraphPath = path.join(dataDir, 'supergraph.graphql');
    writeFileSync(supergraphPath, composeSupergraph([programmes]).supergraph);
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphPath,
      subgraphUrls: { programmes: url },
      subgraphTimeoutMs: 60_000,
      auth: { keys: { secret: newTestSecret() }, issuer: 'sti-graph-test', audience: 'sti-graph', clockSkewSeconds: 30 },
      assertionSecret: secret,
      limits: { maxCost: Number.MAX_SAFE_INTEGER, maxDepth: 100 },
      rateLimit: { perMinute: 0 },
    });
    const response = await postGraphQL(gateway.url, nestedIndicators(4));
    expect(response.errors?.map((error) => error.extensions?.code)).toContain('OPERATION_LIMIT');
    expect(JSON.stringify(response.errors)).toMatch(/SUBGRAPH_MAX_(RESOLVED_VALUES|EXECUTION_MS)/);
    expect(await alive()).toBe(true);
    expect(peakResidentMb(child.child.pid!)).toBeLessThan(RESIDENT_CEILING_MB);
  });
});

describe('each cap of a subgraph, set low', () => {
  /** Starts programmes with `env` set while it reads its limits. */
  async function programmesWith(env: Record<string, string>) {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      return await startTestSubgraph(programmes, { seed: true });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }
  const QUERY = '{ programmes(first: 20) { nodes { code indicators(first: 50) { nodes { code name { vi en } } } } } }';

  it('SUBGRAPH_MAX_RESOLVED_VALUES: one error with the limit, no partial data; a request within it is answered', async () => {
    const subgraph = await programmesWith({ SUBGRAPH_MAX_RESOLVED_VALUES: '300' });
    try {
      const over = await postAsGateway(subgraph, QUERY);
      expect(over.errors).toEqual([
        {
          message: 'The request resolves more than 300 values in the programmes subgraph, over its limit. Ask for smaller pages or fewer nested lists.',
          extensions: { code: 'OPERATION_LIMIT', limit: 'SUBGRAPH_MAX_RESOLVED_VALUES', max: 300 },
        },
      ]);
      expect(over.data ?? null).toBeNull();
      const within = await postAsGateway(subgraph, '{ programmes(first: 3) { nodes { code } } }');
      expect(within.errors).toBeUndefined();
    } finally {
      await subgraph.stop();
    }
  });

  it('SUBGRAPH_MAX_EXECUTION_MS: refuses a request still resolving after the time', async () => {
    const subgraph = await programmesWith({ SUBGRAPH_MAX_EXECUTION_MS: '0' });
    try {
      const over = await postAsGateway(subgraph, QUERY);
      expect(over.errors).toEqual([
        {
          message: 'The request ran longer than 0 ms in the programmes subgraph, over its limit. Ask for smaller pages or fewer nested lists.',
          extensions: { code: 'OPERATION_LIMIT', limit: 'SUBGRAPH_MAX_EXECUTION_MS', max: 0 },
        },
      ]);
    } finally {
      await subgraph.stop();
    }
  });
});
