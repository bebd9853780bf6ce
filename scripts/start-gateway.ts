import { gatewayConfigFromEnv } from '../gateway/config';
import { startGateway } from '../gateway/server';
import { SUBGRAPHS } from '../subgraphs';
import { loggerFor } from '../subgraphs/kernel/logger';
import { startTracing } from '../subgraphs/kernel/tracing';
import { onShutdown, runMain } from './cli';

/** `npm run start:gateway`: the gateway alone, for deployments that run subgraphs separately. */
runMain(async () => {
  startTracing({ serviceName: 'sti-graph-gateway' });
  const gateway = await startGateway(gatewayConfigFromEnv(SUBGRAPHS.map((subgraph) => subgraph.name)));
  onShutdown(() => gateway.stop());
  loggerFor('gateway').info({ url: gateway.url }, `Gateway at ${gateway.url}`);
});
