import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SUBGRAPHS } from '../../subgraphs';

/** `npm start` as a user runs it: embedded databases in a data folder, one gateway URL printed. */
const ROOT = path.resolve(__dirname, '..', '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(started: Started, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (Date.now() > deadline || started.child.exitCode !== null) {
      throw new Error(`"${text}" not printed; output:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

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

  it('starts the graph, prints the URL, stops cleanly on SIGTERM and keeps data across a restart', async () => {
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
    await waitFor(first, url);
    const before = await ask();
    expect(before.data.organizations.totalCount).toBeGreaterThan(0);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('draining requests and closing databases');

    const second = start(env);
    await waitFor(second, url);
    expect((await ask()).data.organizations.totalCount).toBe(before.data.organizations.totalCount);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

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
