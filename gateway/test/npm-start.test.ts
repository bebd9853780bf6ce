import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, runScript } from '../../subgraphs/kernel/testing/process';
import { SUBGRAPHS } from '../../subgraphs';
import { rssMiB } from '../../bench/proc';

/** `npm start` as a user runs it: embedded databases in a data folder, one gateway URL printed. */
const start = (env: Record<string, string>) => runScript('start', [], env);
/** A first start migrates and seeds five schemas: a minute on a busy 2-core machine. */
const COLD_START_MS = 180_000;

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sti-start-'));
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { DATA_DIR: dataDir, GATEWAY_PORT: String(await freePort()) };
    for (const { name } of SUBGRAPHS) {
      env[`${name.toUpperCase()}_PORT`] = String(await freePort());
      env[`${name.toUpperCase()}_DATABASE_URL`] = ''; // always the embedded path here
      env[`${name.toUpperCase()}_URL`] = '';
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'starts the graph, prints the URL, stops cleanly on SIGTERM and keeps data across a restart',
    async () => {
      const url = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
      const ask = async () => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ organizations { totalCount } hubs { nodes { operator { shortName } } } }' }),
        });
        return (await response.json()) as { data: { organizations: { totalCount: number } } };
      };

      const first = start(env);
      await first.waitFor(url, COLD_START_MS);
      const before = await ask();
      expect(before.data.organizations.totalCount).toBeGreaterThan(0);
      // One embedded PostgreSQL holds every subgraph, a schema each (not one database engine per subgraph).
      expect(readdirSync(dataDir).filter((entry) => entry === 'embedded' || SUBGRAPHS.some(({ name }) => name === entry))).toEqual(['embedded']);
      for (const { name } of SUBGRAPHS) expect(first.output()).toContain(`schema ${name}`);
      // The whole graph (five subgraphs, the gateway, the embedded database) in one process under 700 MB resident.
      const residentMiB = rssMiB({ name: 'npm start', pid: first.child.pid! });
      expect(residentMiB).toBeGreaterThan(0);
      expect(residentMiB).toBeLessThan(700);

      // It says how to get a development token per role, and a minted one is accepted.
      expect(first.output()).toContain('npm run -s token -- --role editor --org so-khcn-ha-noi');
      const mint = runScript('mint-token', ['--role', 'partner', '--org', 'so-khcn-ha-noi'], env);
      expect(await mint.exited).toBe(0);
      const token = mint.output().trim();
      const asPartner = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ experts(first: 1) { nodes { contact { email } } } }' }),
      });
      expect(asPartner.status).toBe(200);
      expect(((await asPartner.json()) as { errors?: unknown }).errors).toBeUndefined();
      const forged = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}x` },
        body: '{"query":"{ __typename }"}',
      });
      expect(forged.status).toBe(401);

      // It says how an admin issues an API key: that request, as printed, gives a key that works.
      expect(first.output()).toContain('npm run -s token -- --role editor --org so-tttt-ha-noi --domains experts');
      const printedBody = /-d '(\{"query":"mutation[^']*createApiKey[^']*)'/.exec(first.output())?.[1];
      expect(printedBody).toBeDefined();
      const admin = runScript('mint-token', ['--role', 'admin'], env);
      expect(await admin.exited).toBe(0);
      const created = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.output().trim()}` },
        body: printedBody,
      });
      const { data } = (await created.json()) as { data: { createApiKey: { secret: string } } };
      const withKey = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': data.createApiKey.secret },
        body: JSON.stringify({ query: '{ experts(first: 1) { nodes { contact { email } } } }' }),
      });
      expect(((await withKey.json()) as { errors?: unknown }).errors).toBeUndefined();
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain('draining requests and closing databases');

      const second = start(env);
      await second.waitFor(url, COLD_START_MS);
      expect((await ask()).data.organizations.totalCount).toBe(before.data.organizations.totalCount);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    },
    3 * COLD_START_MS,
  ); // two starts and tokens minted in child processes: slow when CI runs files in parallel

  it('explains a taken port in one line instead of a stack trace', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const started = start({ ...env, PROGRAMMES_PORT: String(port) });
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain(`Port ${port} is already in use`);
      expect(started.output()).toContain('PROGRAMMES_PORT');
      expect(started.output()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
