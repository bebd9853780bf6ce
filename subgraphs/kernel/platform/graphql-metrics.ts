import type { ApolloServerPlugin } from '@apollo/server';
import { codeLabel, graphqlDuration, graphqlErrors, operationLabel } from './metrics';

/**
 * RED metrics of a GraphQL server (the gateway's and each subgraph's): every operation it
 * answers is counted and timed by operation name, and each error in the answer is counted by
 * its `extensions.code`.
 */
export function graphqlMetricsPlugin(service: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, document, response }) {
          const operation = operationLabel(operationName, document !== undefined);
          graphqlDuration.observe({ service, operation }, (performance.now() - started) / 1000);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) graphqlErrors.inc({ service, operation, code: codeLabel(error.extensions?.code) });
        },
      };
    },
  };
}
