import { defineConfig, type GatewayPlugin } from '@graphql-hive/gateway';
import { assertionHeaders, type SubgraphRequest } from '../../subgraphs/kernel/identity/assertion';
import { ANONYMOUS } from '../../subgraphs/kernel/identity/caller';

/**
 * Hive Gateway for the benchmark: its default configuration, plus the one thing our subgraphs
 * require of any gateway, a signed caller assertion on every subgraph fetch. Signed with the
 * kernel's own function (anonymous caller, addressed to the subgraph the URL belongs to, for the
 * query and variables of that fetch's body), so
 * the plugin follows whatever the assertion carries.
 */
const secret = process.env.BENCH_ASSERTION_SECRET ?? '';
const subgraphByUrl = new Map(Object.entries(JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>).map(([name, url]) => [url, name]));

const signCallerAssertion: GatewayPlugin = {
  async onFetch({ url, options, setOptions }) {
    const subgraph = subgraphByUrl.get(url);
    if (!subgraph) return;
    const { query, operationName, variables } = (typeof options.body === 'string' ? JSON.parse(options.body) : {}) as SubgraphRequest;
    const assertion = await assertionHeaders(secret, subgraph, ANONYMOUS, { query, operationName, variables });
    setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...assertion } });
  },
};

export const gatewayConfig = defineConfig({ plugins: () => [signCallerAssertion] });
