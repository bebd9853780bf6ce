import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SUPERGRAPH_PATH } from '../gateway/config';
import { withSubgraphUrls } from '../gateway/supergraph';
import { startHiveGatewayProcess, type HiveGateway } from '../deploy/hive-gateway/process';

export type { HiveGateway } from '../deploy/hive-gateway/process';
import { envPrefix } from '../subgraphs/kernel/platform/env';
import { INGEST_PATH } from '../subgraphs/kernel/platform/internal-paths';
import { GRAPHQL_PATH } from '../subgraphs/kernel/subgraph/server';
import { runScript, type ChildScript } from '../subgraphs/kernel/testing/process';
import { SUBGRAPHS } from '../subgraphs';
import type { DatabaseLocation } from './data';
import type { Measured } from './proc';

/**
 * The graph as production runs it: one process per subgraph (`npm run start:subgraph`), our
 * gateway in its own (`npm run start:gateway`), and Hive Gateway from npm in another, both
 * over the checked-in supergraph and the same subgraphs. NODE_ENV=production, with throwaway
 * secrets. The per-client rate limit is off: 16 clients from one address are the load, not abuse.
 */
export interface BenchGraph {
  subgraphUrls: Record<string, string>;
  oursUrl: string;
  /** A second instance of our gateway with its response cache off (in-flight deduplication stays on): the engine alone. */
  uncachedUrl: string;
  hiveUrl: string;
  assertionSecret: string;
  auth: { secret: string; issuer: string; audience: string };
  processes: Measured[];
  stop(): Promise<void>;
}

export const SUBGRAPH_NAMES = SUBGRAPHS.map((subgraph) => subgraph.name);
const ROOT = path.resolve(__dirname, '..');
/** The V8 heap cap the image sets (Dockerfile `NODE_OPTIONS`): the processes run as deployed. */
const PRODUCTION_NODE_ARGS = ['--max-old-space-size=256'];

export async function startBenchGraph(
  where: DatabaseLocation,
  port: () => Promise<number>,
  workDir: string,
  profileDir: string | null = null,
): Promise<BenchGraph> {
  const nodeArgs = [...PRODUCTION_NODE_ARGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])];
  const assertionSecret = randomBytes(32).toString('hex');
  const auth = { secret: randomBytes(32).toString('hex'), issuer: 'sti-bench', audience: 'sti-graph' };
  const ports: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) ports[name] = await port();
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}${GRAPHQL_PATH}`]));
  const common: Record<string, string> = {
    NODE_ENV: 'production',
    INTERNAL_ASSERTION_SECRET: assertionSecret,
    INTEGRATIONS_EVENTS_URL: `http://127.0.0.1:${ports.integrations}${INGEST_PATH}`,
    WEBHOOKS_WORKER: 'false',
    SEED_ON_START: 'true',
    ...('url' in where ? {} : { DATA_DIR: path.dirname(where.pgliteDir('x')) }),
  };
  const children: Array<{ name: string; script: ChildScript }> = [];
  const stopAll = async () => {
    for (const { script } of children) if (script.child.exitCode === null) script.child.kill('SIGTERM');
    await Promise.all(children.map(({ script }) => Promise.race([script.exited, new Promise((resolve) => setTimeout(resolve, 10_000))])));
  };
  try {
    // Subgraphs start together: each opens its own database.
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const script = runScript(
          'start-subgraph',
          [name],
          {
            ...common,
            [`${envPrefix(name)}_PORT`]: String(ports[name]),
            ...('url' in where ? { [`${envPrefix(name)}_DATABASE_URL`]: where.url } : {}),
          },
          nodeArgs,
        );
        children.push({ name, script });
        await script.waitFor(`${name} subgraph at`, 300_000);
      }),
    );
    const startOurs = async (name: string, extra: Record<string, string>) => {
      const gatewayPort = await port();
      const script = runScript(
        'start-gateway',
        [],
        {
          ...common,
          GATEWAY_PORT: String(gatewayPort),
          AUTH_JWT_SECRET: auth.secret,
          AUTH_ISSUER: auth.issuer,
          AUTH_AUDIENCE: auth.audience,
          RATE_LIMIT_PER_MINUTE: '0',
          ...Object.fromEntries(SUBGRAPH_NAMES.map((subgraph) => [`${envPrefix(subgraph)}_URL`, subgraphUrls[subgraph]!])),
          ...extra,
        },
        nodeArgs,
      );
      children.push({ name, script });
      await script.waitFor('Gateway at', 120_000);
      return `http://127.0.0.1:${gatewayPort}${GRAPHQL_PATH}`;
    };
    const oursUrl = await startOurs('gateway (ours)', {});
    const uncachedUrl = await startOurs('gateway (ours, no cache)', { RESPONSE_CACHE: 'false' });

    const hivePort = await port();
    const hive = startHiveGateway(hivePort, subgraphUrls, assertionSecret, workDir);
    children.push({ name: 'gateway (Hive)', script: hive.script });
    await hive.ready(120_000);
    return {
      subgraphUrls,
      oursUrl,
      uncachedUrl,
      hiveUrl: hive.url,
      assertionSecret,
      auth,
      processes: children.map(({ name, script }) => ({ name: name.includes('gateway') ? name : `${name} subgraph`, pid: script.child.pid! })),
      stop: stopAll,
    };
  } catch (error) {
    for (const { name, script } of children) console.error(`--- ${name} output:\n${script.output().slice(-3000)}`);
    await stopAll();
    throw error;
  }
}

/**
 * Hive Gateway (`hive-gateway supergraph`) with its default configuration and our small
 * assertion plugin (bench/peers/gateway.config.ts). The supergraph is the checked-in one with
 * each subgraph's URL pointed at this run's port, as our gateway does through `<NAME>_URL`.
 */
export function startHiveGateway(port: number, subgraphUrls: Record<string, string>, assertionSecret: string, workDir: string): HiveGateway {
  const supergraph = withSubgraphUrls(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8'), subgraphUrls);
  const supergraphPath = path.join(workDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraph);
  return startHiveGatewayProcess({
    port,
    configDir: path.join(ROOT, 'bench', 'peers'),
    supergraphPath,
    env: { NODE_ENV: 'production', BENCH_ASSERTION_SECRET: assertionSecret, BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphUrls) },
  });
}
