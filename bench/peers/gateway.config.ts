import { defineConfig, type GatewayPlugin } from '@graphql-hive/gateway';
import { assertionHeaders } from '../../subgraphs/kernel/assertion';

/**
 * Hive Gateway for the benchmark: its default configuration, plus the one thing our subgraphs
 * require of any gateway, a signed caller assertion on every subgraph fetch. Signed with the
 * kernel's own function (anonymous caller, addressed to the subgraph the URL belongs to), so
 * the plugin follows whatever the assertion carries.
 */
const secret = process.env.BENCH_ASSERTION_SECRET ?? '';
const subgraphByUrl = new Map(Object.entries(JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>).map(([name, url]) => [url, name]));

const signCallerAssertion: GatewayPlugin = {
  async onFetch({ url, options, setOptions }) {
    const subgraph = subgraphByUrl.get(url);
    if (!subgraph) return;
    setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...(await assertionHeaders(secret, subgraph)) } });
  },
};

export const gatewayConfig = defineConfig({ plugins: () => [signCallerAssertion] });
