import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import type { SubgraphRequest } from '../subgraphs/kernel/identity/assertion';
import type { Caller } from '../subgraphs/kernel/identity/caller';
import { ErrorCode } from '../subgraphs/kernel/platform/errors';
import { codeLabel, subgraphFetchDuration, subgraphFetchErrors } from '../subgraphs/kernel/platform/metrics';
import { accessScopeKey, collectEntityTags, isAnonymousRequest, type SubgraphResponse, type WorkSharing } from './cache';
import { currentRequestId, loggerFor } from '../subgraphs/kernel/platform/logger';
import { REQUEST_ID_HEADER } from '../subgraphs/kernel/platform/request-telemetry';
import { traceHeaders } from '../subgraphs/kernel/platform/tracing';

/**
 * Calls one subgraph with a deadline. When the subgraph is down, slow or answers garbage,
 * the gateway reports `SERVICE_UNAVAILABLE` naming the service (never its URL) and still
 * returns what the other subgraphs answered. Nothing is remembered between requests, so
 * the graph recovers by itself as soon as the subgraph answers again.
 *
 * With `sharing`, identical fetches of queries share one while it runs (deduplication):
 * identical means the same subgraph, query, variables and caller's access scope
 * (accessScopeKey), begun in the same data epoch. The shared fetch carries the assertion of
 * the request that started it; each request gets its own copy of the answer. Fetches of
 * mutations are never shared, and once one is sent (or the change log moves) nothing begun
 * earlier is shared again.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    readonly serviceName: string,
    url: string,
    private readonly timeoutMs: number,
    /** Signs the caller assertion each fetch carries, for that fetch's request only (see subgraphs/kernel/identity/assertion.ts). */
    private readonly assertionFor: (subgraph: string, caller: Caller | undefined, request: SubgraphRequest) => Promise<Record<string, string>>,
    private readonly sharing?: WorkSharing,
  ) {
    super({ url });
    const fetchWithDeadline: Fetcher = async (input, init) => {
      const response = await fetch(input, { ...(init as RequestInit), signal: AbortSignal.timeout(this.timeoutMs) });
      return (await asGraphQLResponse(response)) as Awaited<ReturnType<Fetcher>>;
    };
    this.fetcher = fetchWithDeadline;
  }

  /**
   * Every fetch vouches for the caller afresh: an assertion is single-use, short-lived and
   * bound to the query and variables this fetch sends (the body is `request` as JSON).
   */
  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    const caller = callerOf(options);
    const { query, operationName, variables } = options.request;
    const headers = await this.assertionFor(this.serviceName, caller, { query, operationName, variables });
    // The subgraph's log lines and spans join this request's (W3C trace context, request id).
    const requestId = currentRequestId();
    Object.assign(headers, traceHeaders(), requestId ? { [REQUEST_ID_HEADER]: requestId } : {});
    for (const [name, value] of Object.entries(headers)) options.request.http?.headers.set(name, value);
  }

  /** As Apollo's, keeping the answer's text: a request that shares the answer parses its own copy from it (ownCopy). */
  override async parseBody(fetchResponse: FetcherResponse): Promise<object | string> {
    const type = fetchResponse.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json') && !type.startsWith('application/graphql-response+json')) return fetchResponse.text();
    const text = await fetchResponse.text();
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return text; // Apollo refuses a body that is not an object
    if ('data' in body && typeof body.data === 'object' && body.data !== null) answerTexts.set(body.data, text);
    return body;
  }

  /** Each fetch is timed, and its errors counted by code (sti_subgraph_fetch_*). */
  override async process(options: GraphQLDataSourceProcessOptions): Promise<SubgraphResponse> {
    const started = performance.now();
    const subgraph = this.serviceName;
    try {
      const response = await this.share(options);
      for (const error of response.errors ?? []) subgraphFetchErrors.inc({ subgraph, code: codeLabel(error.extensions?.code) });
      return response;
    } catch (error) {
      const refusal = this.unavailable(error);
      subgraphFetchErrors.inc({ subgraph, code: codeLabel(refusal.extensions.code) });
      throw refusal;
    } finally {
      subgraphFetchDuration.observe({ subgraph }, (performance.now() - started) / 1000);
    }
  }

  /** The fetch itself, shared with identical ones when the class comment allows. */
  private async share(options: GraphQLDataSourceProcessOptions): Promise<SubgraphResponse> {
    // Health checks and schema loads have no incoming request: nothing to share.
    if (!this.sharing || !('incomingRequestContext' in options)) return await super.process(options);
    const sharing = this.sharing;
    const trace = sharing.traceOf(options.context);
    trace.subgraphs.add(this.serviceName);
    if (options.incomingRequestContext.operation?.operation !== 'query') return await this.processWrite(options, sharing);
    // Entity tags matter only for answers the response cache may store: anonymous ones.
    const tagging = sharing.settings.responseCache && isAnonymousRequest(callerOf(options));
    if (tagging) collectEntityTags(options.request.variables, trace.entities);
    const fetch = () => super.process(options);
    const response = sharing.settings.dedup ? ownCopy(await sharing.fetches.run(this.sharingKey(options), sharing.epoch.current, fetch)) : await fetch();
    if (tagging) collectEntityTags(response.data, trace.entities);
    return response;
  }

  /** A fetch of a mutation operation; a mutation fetch moves the epoch and evicts what it may have changed before the client hears back. */
  private async processWrite(options: GraphQLDataSourceProcessOptions, sharing: WorkSharing): Promise<SubgraphResponse> {
    const writes = /^\s*mutation\b/.test(options.request.query ?? '');
    const touched = new Set<string>();
    try {
      const response = await super.process(options);
      if (writes && sharing.settings.responseCache) collectEntityTags(response.data, touched);
      return response;
    } finally {
      if (writes) await sharing.wrote(this.serviceName, touched);
    }
  }

  /** Who may share a fetch: the same subgraph, operation, variables and access scope. */
  private sharingKey(options: GraphQLDataSourceProcessOptions): string {
    const { query, operationName, variables } = options.request;
    return JSON.stringify([this.serviceName, query, operationName ?? null, variables ?? null, accessScopeKey(callerOf(options))]);
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
    loggerFor('gateway').warn({ subgraph: this.serviceName, err: error }, 'subgraph unavailable');
    return new GraphQLError(
      timedOut
        ? `The ${this.serviceName} service did not answer within ${this.timeoutMs} ms; its fields are missing from this response`
        : `The ${this.serviceName} service is unavailable; its fields are missing from this response`,
      { extensions: { code: ErrorCode.ServiceUnavailable, service: this.serviceName } },
    );
  }
}

/**
 * A subgraph answers HTTP 400 with a normal GraphQL body when it refuses input only it can
 * check (a custom scalar literal such as `"2025-02-30"` for a Date). That is the client's
 * error, not an outage: hand the body on as a GraphQL response so its BAD_USER_INPUT reaches
 * the client unchanged instead of becoming SERVICE_UNAVAILABLE.
 */
async function asGraphQLResponse(response: Response): Promise<Response> {
  if (response.status !== 400 || !response.headers.get('content-type')?.includes('json')) return response;
  const body = await response.text();
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) throw new Error('not a GraphQL response');
  } catch {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  return new Response(body, { status: 200, headers: response.headers });
}

/** Each subgraph answer's text, by its parsed `data` (parseBody). */
const answerTexts = new WeakMap<object, string>();
/** Shared answers already handed to one request. */
const claimed = new WeakSet<object>();

/**
 * A request's own copy of a shared answer (the gateway merges answers into its result in
 * place): the first request to claim it takes the answer itself, each other one parses the
 * answer's text again (cheaper than cloning the parsed answer, and never sees another
 * request's merges).
 */
function ownCopy(response: SubgraphResponse): SubgraphResponse {
  if (!claimed.has(response)) {
    claimed.add(response);
    return response;
  }
  const { http, ...body } = response;
  const text = body.data ? answerTexts.get(body.data) : undefined;
  const copy: Omit<SubgraphResponse, 'http'> = text === undefined ? structuredClone(body) : JSON.parse(text);
  return { ...copy, ...(http ? { http } : {}) };
}

/** The caller the gateway's context names for this fetch (absent for health checks). */
function callerOf(options: GraphQLDataSourceProcessOptions): Caller | undefined {
  return (options.context as { caller?: Caller } | undefined)?.caller;
}
