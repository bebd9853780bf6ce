import { gatewayConfigFromEnv } from '../gateway/config';
import { startGateway } from '../gateway/server';
import { SUBGRAPHS } from '../subgraphs';
import { loggerFor } from '../subgraphs/kernel/platform/logger';
import { startMetricsServer } from '../subgraphs/kernel/platform/metrics';
import { startTracing } from '../subgraphs/kernel/platform/tracing';
import { onShutdown, runMain } from './cli';

/** `npm run start:gateway`: the gateway alone, for deployments that run subgraphs separately. */
runMain(async () => {
  startTracing({ serviceName: 'sti-graph-gateway' });
  const gateway = await startGateway(gatewayConfigFromEnv(SUBGRAPHS.map((subgraph) => subgraph.name)));
  const metrics = await startMetricsServer(); // METRICS_PORT: metrics off the public port
  onShutdown(async () => {
    await gateway.stop();
    metrics?.close();
  });
  loggerFor('gateway').info({ url: gateway.url }, `Gateway at ${gateway.url}`);
});
