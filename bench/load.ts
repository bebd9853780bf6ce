import autocannon from 'autocannon';
import { percentiles, type Latencies } from './stats';
import type { Variables } from './workloads';

/**
 * One load run against a GraphQL endpoint with autocannon: `concurrency` connections, each
 * sending the next request as soon as its last one answered, for `seconds`. Bodies are taken
 * round-robin from `variables` (one set: the hot mix). Any non-2xx answer, socket error,
 * timeout or GraphQL `errors` in a body counts as an error.
 */
export interface LoadResult extends Latencies {
  requests: number;
  requestsPerSecond: number;
  errors: number;
  seconds: number;
  /** The first error body seen, to say what went wrong. */
  firstError?: string;
}

export interface LoadOptions {
  url: string;
  query: string;
  variables: Variables[];
  concurrency: number;
  seconds: number;
  /** Several operations, sent in turn (a mixed run); instead of `query` with `variables`. */
  operations?: Array<{ query: string; variables: Variables }>;
  /** Send exactly this many requests instead of running for `seconds` (the self-check: the same work on a busy machine as on an idle one). */
  requests?: number;
  headers?: Record<string, string>;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const operations = options.operations ?? options.variables.map((variables) => ({ query: options.query, variables }));
  const bodies = operations.map((operation) => JSON.stringify(operation));
  let next = 0;
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.concurrency,
        ...(options.requests ? { amount: options.requests } : { duration: options.seconds }),
        timeout: 30,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...options.headers },
            setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length]! }),
            onResponse: (status, body) => {
              if (status >= 200 && status < 300 && !body.includes('"errors"')) return;
              graphqlErrors += status >= 200 && status < 300 ? 1 : 0;
              firstError ??= `HTTP ${status}: ${body.slice(0, 500)}`;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance!.on('response', (_client, _status, _bytes, responseTime) => void latencies.push(responseTime));
  const result = await finished;
  const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
  return {
    requests: latencies.length,
    requestsPerSecond: Math.round((latencies.length / result.duration) * 10) / 10,
    errors,
    seconds: result.duration,
    ...percentiles(latencies),
    ...(firstError ? { firstError } : {}),
  };
}

/** Sends one GraphQL request and returns the raw answer text (for byte comparison and capture). */
/** No single request of the bench waits longer than this: a stuck answer fails the run instead of hanging it. */
export const REQUEST_TIMEOUT_MS = 60_000;

export async function postRaw(
  url: string,
  query: string,
  variables: Variables,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: response.status, text: await response.text() };
}
