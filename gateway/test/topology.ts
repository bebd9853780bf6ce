import { randomBytes } from 'node:crypto';
import { envPrefix } from '../../subgraphs/kernel/platform/env';
import { once } from '../../subgraphs/kernel/platform/once';
import { INGEST_PATH } from '../../subgraphs/kernel/platform/internal-paths';
import { GRAPHQL_PATH } from '../../subgraphs/kernel/subgraph/server';
import { createServerDatabase, dropServerDatabase } from '../../subgraphs/kernel/testing/database';
import { eventually } from '../../subgraphs/kernel/testing/eventually';
import { freePort, runScript, type ChildScript } from '../../subgraphs/kernel/testing/process';
import { testRedisPrefix } from '../../subgraphs/kernel/testing/redis';
import { SUBGRAPHS } from '../../subgraphs';
import { startSubgraphProxy, type SubgraphProxy } from './subgraph-proxy';

/**
 * The production topology as plain processes (what compose.yaml and deploy/k8s run in
 * containers): one `npm run start:subgraph` process per subgraph on one PostgreSQL database
 * (a schema each), a second replica of the startups subgraph, two `npm run start:gateway`
 * processes, every process on one redis-server (`REDIS_URL`) and with its metrics on a port of
 * its own (`METRICS_PORT`). NODE_ENV=production with throwaway secrets.
 *
 * Gateway A reaches the first startups replica through a recording proxy (so a test can replay
 * what A sent); gateway B reaches the second replica. Every other subgraph is shared.
 */
export interface TopologyProcess {
  name: string;
  /** The public origin: `/health`, `/ready` (and `/graphql`). */
  origin: string;
  metricsUrl: string;
  script: ChildScript;
}

export interface Topology {
  gatewayA: TopologyProcess;
  gatewayB: TopologyProcess;
  /** Each subgraph's process, and `startups-2`, the replica gateway B uses. */
  subgraphs: Record<string, TopologyProcess>;
  /** What gateway A sent to the first startups replica. */
  startupsViaA: SubgraphProxy;
  assertionSecret: string;
  auth: { secret: string; issuer: string; audience: string };
  all(): TopologyProcess[];
  stop(): Promise<void>;
}

export interface TopologyOptions {
  /** A PostgreSQL server: the topology creates a database on it and drops it at the end. */
  serverUrl: string;
  redisUrl: string;
  /** Extra environment for every process (limits, webhook settings). */
  env?: Record<string, string>;
}

const START_TIMEOUT_MS = 240_000;

/**
 * Starts the topology; `stop()` ends every process it started, also while it is still starting
 * (a hook that timed out must not leave processes behind), and drops its database.
 */
export function launchTopology(options: TopologyOptions): { ready: Promise<Topology>; stop(): Promise<void> } {
  const assertionSecret = randomBytes(32).toString('hex');
  const auth = { secret: randomBytes(32).toString('hex'), issuer: 'sti-topology', audience: 'sti-graph' };
  const database = createServerDatabase(options.serverUrl, 'topology');
  const processes: TopologyProcess[] = [];
  let proxy: SubgraphProxy | undefined;
  let stopped = false;

  const stop = once(async () => {
    stopped = true;
    for (const { script } of processes) if (script.child.exitCode === null && script.child.signalCode === null) script.child.kill('SIGTERM');
    await Promise.all(processes.map(({ script }) => exitWithin(script, 15_000)));
    await proxy?.close();
    const url = await database.catch(() => undefined);
    if (url) await dropServerDatabase(options.serverUrl, url);
  });

  const start = async (): Promise<Topology> => {
    const databaseUrl = await database;
    const common: Record<string, string> = {
      NODE_ENV: 'production',
      INTERNAL_ASSERTION_SECRET: assertionSecret,
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: testRedisPrefix(), // test files sharing the redis-server never meet
      SEED_ON_START: 'true',
      ...options.env,
    };
    /** One process on free ports; resolves once it printed `started`. */
    const startProcess = async (name: string, script: string, args: string[], portVariable: string, env: Record<string, string>, started: string) => {
      const port = await freePort();
      const metricsPort = await freePort();
      if (stopped) throw new Error('The topology was stopped while it started');
      const child = runScript(script, args, { ...common, ...env, [portVariable]: String(port), METRICS_PORT: String(metricsPort) });
      const running: TopologyProcess = { name, origin: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, script: child };
      processes.push(running);
      await child.waitFor(started, START_TIMEOUT_MS);
      return running;
    };

    const subgraphs: Record<string, TopologyProcess> = {};
    const startSubgraph = (name: string, label: string, env: Record<string, string> = {}) =>
      startProcess(
        label,
        'start-subgraph',
        [name],
        `${envPrefix(name)}_PORT`,
        { [`${envPrefix(name)}_DATABASE_URL`]: databaseUrl, ...env },
        `${name} subgraph at`,
      );
    // The integrations subgraph first: the others relay their events to it.
    subgraphs.integrations = await startSubgraph('integrations', 'integrations');
    const eventsUrl = { INTEGRATIONS_EVENTS_URL: `${subgraphs.integrations.origin}${INGEST_PATH}` };
    const domain = SUBGRAPHS.map((subgraph) => subgraph.name).filter((name) => name !== 'integrations');
    await Promise.all(domain.map(async (name) => (subgraphs[name] = await startSubgraph(name, name, eventsUrl))));
    // The replica starts on a database its twin already migrated and seeded.
    subgraphs['startups-2'] = await startSubgraph('startups', 'startups-2', eventsUrl);
    proxy = await startSubgraphProxy(`${subgraphs.startups!.origin}${GRAPHQL_PATH}`);

    const gatewayEnv = (startupsUrl: string): Record<string, string> => ({
      AUTH_JWT_SECRET: auth.secret,
      AUTH_ISSUER: auth.issuer,
      AUTH_AUDIENCE: auth.audience,
      GATEWAY_TRUST_PROXY: '1', // behind a reverse proxy, as deployed: the client address is X-Forwarded-For's
      ...Object.fromEntries(SUBGRAPHS.map((subgraph) => [`${envPrefix(subgraph.name)}_URL`, `${subgraphs[subgraph.name]!.origin}${GRAPHQL_PATH}`])),
      STARTUPS_URL: startupsUrl,
    });
    const [gatewayA, gatewayB] = await Promise.all([
      startProcess('gateway A', 'start-gateway', [], 'GATEWAY_PORT', gatewayEnv(proxy.url), 'Gateway at'),
      startProcess('gateway B', 'start-gateway', [], 'GATEWAY_PORT', gatewayEnv(`${subgraphs['startups-2']!.origin}${GRAPHQL_PATH}`), 'Gateway at'),
    ]);
    const all = () => [gatewayA, gatewayB, ...Object.values(subgraphs)];
    // Ready: every process answers /ready (a gateway's needs every subgraph it uses).
    await eventually(
      async () => {
        for (const process of all()) {
          const response = await fetch(`${process.origin}/ready`);
          if (!response.ok) throw new Error(`${process.name} is not ready: ${response.status}`);
        }
      },
      START_TIMEOUT_MS,
      200,
    );
    return { gatewayA, gatewayB, subgraphs, startupsViaA: proxy, assertionSecret, auth, all, stop };
  };

  const ready = start().catch(async (error: unknown) => {
    if (!stopped) for (const { name, script } of processes) console.error(`--- ${name} output:\n${script.output().slice(-3000)}`);
    await stop();
    throw error;
  });
  return { ready, stop };
}

/** Waits for the process to exit after SIGTERM; one that drains too slowly is killed, never left behind. */
async function exitWithin(script: ChildScript, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      script.child.kill('SIGKILL');
      resolve();
    }, ms);
  });
  await Promise.race([script.exited, killed]);
  clearTimeout(timer);
  await script.exited;
}
