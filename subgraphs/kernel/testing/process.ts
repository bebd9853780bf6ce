import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** Running the graph's scripts as real child processes, for tests of start-up, shutdown and crashes. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ChildScript {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves once `text` has been printed; fails if the process exits first or time runs out. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

/** Runs `scripts/<script>.ts` in one Node process, with `env` on top of the test's environment (and `nodeArgs`, e.g. a heap limit). */
export function runScript(script: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): ChildScript {
  // tsx as a loader, not its CLI: the CLI runs the script in a grandchild that a kill -9 would orphan.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child);
}

/** A spawned process (stdout and stderr piped) as a ChildScript: its output collected, its exit awaited. */
export function watchChild(child: ChildProcess): ChildScript {
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async waitFor(text, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`"${text}" not printed; output:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
