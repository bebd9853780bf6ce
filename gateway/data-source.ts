import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../subgraphs/kernel/errors';

/**
 * Calls one subgraph with a deadline. When the subgraph is down, slow or answers garbage,
 * the gateway reports `SERVICE_UNAVAILABLE` naming the service (never its URL) and still
 * returns what the other subgraphs answered. Nothing is remembered between requests, so
 * the graph recovers by itself as soon as the subgraph answers again.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    readonly serviceName: string,
    url: string,
    private readonly timeoutMs: number,
  ) {
    super({ url });
    const fetchWithDeadline: Fetcher = (input, init) =>
      fetch(input, { ...(init as RequestInit), signal: AbortSignal.timeout(this.timeoutMs) }) as ReturnType<Fetcher>;
    this.fetcher = fetchWithDeadline;
  }

  override async process(options: GraphQLDataSourceProcessOptions): ReturnType<RemoteGraphQLDataSource['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private unavailable(error: unknown): GraphQLError {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const status = (error as GraphQLError).extensions?.response as { status?: number } | undefined;
    // A subgraph's own 401/403 keeps its meaning; everything else is "not available".
    if (status?.status === 401 || status?.status === 403) {
      const code = status.status === 401 ? ErrorCode.Unauthenticated : ErrorCode.Forbidden;
      return new GraphQLError(`The ${this.serviceName} service refused the request`, {
        extensions: { code, service: this.serviceName },
      });
    }
    console.warn(`[gateway] ${this.serviceName} unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return new GraphQLError(
      timedOut
        ? `The ${this.serviceName} service did not answer within ${this.timeoutMs} ms; its fields are missing from this response`
        : `The ${this.serviceName} service is unavailable; its fields are missing from this response`,
      { extensions: { code: ErrorCode.ServiceUnavailable, service: this.serviceName } },
    );
  }
}
