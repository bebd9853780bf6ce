import { spawn } from 'node:child_process';
import path from 'node:path';
import { watchChild, type ChildScript } from '../../subgraphs/kernel/testing/process';

const ROOT = path.resolve(__dirname, '..', '..');

/** Hive Gateway running as its own process. */
export interface HiveGateway {
  script: ChildScript;
  url: string;
  /** Resolves when it answers its health check. */
  ready(timeoutMs: number): Promise<void>;
}

export interface HiveGatewayProcessOptions {
  port: number;
  /** The folder of the `gateway.config.ts` to run with (this one, or the bench's). */
  configDir: string;
  /** A supergraph file; without it the configuration names one. */
  supergraphPath?: string;
  /** On top of this process's environment. */
  env: Record<string, string>;
}

/** Starts Hive Gateway from npm (`hive-gateway supergraph`), its TypeScript configuration loaded by tsx. */
export function startHiveGatewayProcess(options: HiveGatewayProcessOptions): HiveGateway {
  const bin = path.join(ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  const args = [bin, 'supergraph', ...(options.supergraphPath ? [options.supergraphPath] : []), '--port', String(options.port), '--host', '127.0.0.1'];
  const child = spawn(process.execPath, args, {
    cwd: options.configDir,
    env: { ...process.env, ...options.env, NODE_OPTIONS: '--import tsx' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const script = watchChild(child);
  return {
    script,
    url: `http://127.0.0.1:${options.port}/graphql`,
    async ready(timeoutMs) {
      try {
        await waitForHttp(`http://127.0.0.1:${options.port}/healthcheck`, timeoutMs, () => script.child.exitCode === null);
      } catch (error) {
        throw new Error(`Hive Gateway did not start: ${(error as Error).message}\n${script.output().slice(-3000)}`);
      }
    },
  };
}

export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive()) throw new Error('the process exited');
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
