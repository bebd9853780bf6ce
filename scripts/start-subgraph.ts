import { readEnv, readBoolEnv, ConfigError } from '../subgraphs/kernel/platform/env';
import { bootSubgraph, describeDatabase, subgraphPort } from '../subgraphs/kernel/subgraph/runtime';
import { SUBGRAPHS, subgraphByName } from '../subgraphs';
import { loggerFor } from '../subgraphs/kernel/platform/logger';
import { startMetricsServer } from '../subgraphs/kernel/platform/metrics';
import { startTracing } from '../subgraphs/kernel/platform/tracing';
import { onShutdown, runMain } from './cli';

/** `npm run start:subgraph -- <name>`: one subgraph alone, as deployed in production. */
runMain(async () => {
  const name = process.argv[2];
  const definition = name ? subgraphByName(name) : undefined;
  if (!definition) {
    throw new ConfigError(`Name a subgraph: npm run start:subgraph -- <${SUBGRAPHS.map((s) => s.name).join('|')}>`);
  }
  startTracing({ serviceName: `sti-graph-${definition.name}` });
  const subgraph = await bootSubgraph(definition, {
    port: subgraphPort(definition.name),
    host: readEnv('SUBGRAPH_HOST') ?? '127.0.0.1',
    seed: readBoolEnv('SEED_ON_START', true),
  });
  const metrics = await startMetricsServer(); // METRICS_PORT: metrics off the public port
  onShutdown(async () => {
    await subgraph.stop();
    metrics?.close();
  });
  loggerFor(definition.name).info({ url: subgraph.url, database: describeDatabase(definition) }, `${definition.name} subgraph at ${subgraph.url}`);
});
