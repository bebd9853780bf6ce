import { gatewayConfigFromEnv } from '../gateway/config';
import { startGateway } from '../gateway/server';
import { SUBGRAPHS } from '../subgraphs';
import { onShutdown, runMain } from './cli';

/** `npm run start:gateway`: the gateway alone, for deployments that run subgraphs separately. */
runMain(async () => {
  const gateway = await startGateway(gatewayConfigFromEnv(SUBGRAPHS.map((subgraph) => subgraph.name)));
  onShutdown(() => gateway.stop());
  console.log(`Gateway at ${gateway.url}`);
});
