import { authConfigFromEnv, developmentTokenHint } from '../gateway/auth/config';
import { gatewayConfigFromEnv } from '../gateway/config';
import { startGateway } from '../gateway/server';
import { readEnv, readBoolEnv } from '../subgraphs/kernel/platform/env';
import { bootSubgraph, databaseUrlOf, describeDatabase, openSharedEmbedded, subgraphPort } from '../subgraphs/kernel/subgraph/runtime';
import type { RunningSubgraph } from '../subgraphs/kernel/subgraph/server';
import { SUBGRAPHS } from '../subgraphs';
import { startMetricsServer } from '../subgraphs/kernel/platform/metrics';
import { startTracing } from '../subgraphs/kernel/platform/tracing';
import { onShutdown, runMain } from './cli';

/** `npm start`: every subgraph and the gateway in one process, on embedded PGlite unless configured. */
runMain(async () => {
  startTracing({ serviceName: 'sti-graph' });
  const running: RunningSubgraph[] = [];
  // Subgraphs without a database URL share one embedded PostgreSQL, a schema each.
  const embedded = SUBGRAPHS.some((definition) => !databaseUrlOf(definition.name)) ? await openSharedEmbedded() : undefined;
  const stopAll = async () => {
    await Promise.all(running.map((subgraph) => subgraph.stop()));
    if (embedded && !embedded.closed) await embedded.close();
  };
  try {
    for (const definition of SUBGRAPHS) {
      const subgraph = await bootSubgraph(definition, {
        port: subgraphPort(definition.name),
        host: readEnv('SUBGRAPH_HOST') ?? '127.0.0.1',
        seed: readBoolEnv('SEED_ON_START', true),
        ...(embedded ? { embedded } : {}),
      });
      running.push(subgraph);
      console.log(`  ${definition.name.padEnd(12)} ${subgraph.url}  (${describeDatabase(definition, embedded !== undefined)})`);
    }
    const config = gatewayConfigFromEnv(SUBGRAPHS.map((subgraph) => subgraph.name));
    for (const subgraph of running) config.subgraphUrls[subgraph.name] ??= subgraph.url;
    const gateway = await startGateway(config);
    const metrics = await startMetricsServer(); // METRICS_PORT: metrics off the public ports
    onShutdown(async () => {
      await gateway.stop();
      await stopAll();
      metrics?.close();
    });
    console.log(
      `\nThe STI graph is up. Point your GraphQL client at:\n\n  ${gateway.url}\n\nor open it in a browser for the explorer (GraphiQL, no internet needed).\n`,
    );
    const tokenHint = developmentTokenHint(config.auth ?? authConfigFromEnv(), gateway.url);
    if (tokenHint) console.log(tokenHint + '\n');
    console.log(
      'Try: curl -s ' +
        gateway.url +
        ' -H \'content-type: application/json\' \\\n  -d \'{"query":"{ organizations(first: 3) { totalCount nodes { name { vi en } } } }"}\'\n',
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
});
