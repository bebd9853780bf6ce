import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** Running the graph's scripts as real child processes, for tests of start-up, shutdown and crashes. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * A port nothing listens on, picked below the kernel's ephemeral range: the ports the system
 * hands out on its own (to outgoing connections and `listen(0)`) never land there, so a port a
 * test frees by killing a process stays free for the restart it is about to make.
 */
export async function freePort(): Promise<number> {
  const ephemeralLow = lowestEphemeralPort();
  for (;;) {
    const port = 10_000 + Math.floor(Math.random() * (ephemeralLow - 10_000));
    if (await canListen(port)) return port;
  }
}

const EPHEMERAL_RANGE = '/proc/sys/net/ipv4/ip_local_port_range';

/** Linux says where its range starts; elsewhere (macOS: 49152) it starts no lower than Linux's default. */
function lowestEphemeralPort(): number {
  const linuxDefault = 32_768;
  if (!existsSync(EPHEMERAL_RANGE)) return linuxDefault;
  const low = Number(readFileSync(EPHEMERAL_RANGE, 'utf8').trim().split(/\s+/)[0]);
  return Number.isInteger(low) && low > 12_000 ? low : linuxDefault;
}

function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface ChildScript {
  child: ChildProcess;
  /** What it printed: all of it, or, once that passes MAX_KEPT_OUTPUT characters (a long benchmark), its latest part, at least half of that. */
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

/** Output kept per child: a benchmark's graph logs a line per request, which would otherwise pile up in the bench's own memory. */
const MAX_KEPT_OUTPUT = 8 * 1024 * 1024;

/** A spawned process (stdout and stderr piped) as a ChildScript: its output collected, its exit awaited. */
export function watchChild(child: ChildProcess): ChildScript {
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
    if (output.length > MAX_KEPT_OUTPUT) output = output.slice(-MAX_KEPT_OUTPUT / 2);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
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
