import { createServer, type IncomingMessage, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { assertionHeaders, type SubgraphRequest } from '../subgraphs/kernel/identity/assertion';
import { ANONYMOUS } from '../subgraphs/kernel/identity/caller';
import { REQUEST_TIMEOUT_MS } from './load';
import { percentiles, type Latencies } from './stats';

/**
 * The floor: the subgraph fetches our gateway makes for an operation, sent straight to the
 * subgraphs. A recording proxy stands between a capture gateway and the subgraphs; each
 * operation is sent once, alone, and the fetches seen meanwhile are its plan. Fetches that
 * overlapped in time ran in parallel (one stage); a fetch that started after the others of
 * its stage ended waited for them (the next stage). Replaying a plan runs its stages in order
 * and the fetches of a stage together, each with a freshly signed assertion.
 */
export interface CapturedFetch {
  subgraph: string;
  body: string;
  startedAt: number;
  endedAt: number;
}

export type Plan = CapturedFetch[][];

export class RecordingProxy {
  private readonly servers: Server[] = [];
  private recorded: CapturedFetch[] = [];
  readonly urls: Record<string, string> = {};

  static async start(subgraphUrls: Record<string, string>): Promise<RecordingProxy> {
    const proxy = new RecordingProxy();
    for (const [name, target] of Object.entries(subgraphUrls)) {
      const server = createServer((request, response) => void proxy.forward(name, target, request, response));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      proxy.servers.push(server);
      proxy.urls[name] = `http://127.0.0.1:${port}${new URL(target).pathname}`;
    }
    return proxy;
  }

  private async forward(subgraph: string, target: string, request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const startedAt = performance.now();
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers))
      if (typeof value === 'string' && key !== 'host' && key !== 'content-length') headers[key] = value;
    let answer: Response;
    let text: string;
    try {
      answer = await fetch(target, {
        method: request.method ?? 'POST',
        headers,
        ...(request.method === 'POST' ? { body } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await answer.text();
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(String(error));
      return;
    }
    if (request.method === 'POST') this.recorded.push({ subgraph, body, startedAt, endedAt: performance.now() });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(text);
  }

  /** The fetches recorded while `work` ran, grouped into stages. */
  async capture(work: () => Promise<void>): Promise<Plan> {
    this.recorded = [];
    await work();
    return stages(this.recorded);
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function stages(fetches: CapturedFetch[]): Plan {
  const plan: Plan = [];
  let stageEnd = -Infinity;
  for (const fetch of [...fetches].sort((a, b) => a.startedAt - b.startedAt)) {
    if (fetch.startedAt >= stageEnd) {
      plan.push([fetch]);
      stageEnd = fetch.endedAt;
    } else {
      plan.at(-1)!.push(fetch);
      stageEnd = Math.max(stageEnd, fetch.endedAt);
    }
  }
  return plan;
}

export interface FloorResult extends Latencies {
  requests: number;
  errors: number;
  seconds: number;
}

/** The query, operation name and variables a captured fetch sent: its assertion is signed for them. */
function requestOf(fetch: CapturedFetch): SubgraphRequest {
  const { query, operationName, variables } = JSON.parse(fetch.body) as SubgraphRequest;
  return { query, operationName, variables };
}

/** Replays `plans` (round-robin) at `concurrency` for `seconds`: one "request" is one whole plan. */
export async function replayPlans(
  plans: Plan[],
  subgraphUrls: Record<string, string>,
  secret: string,
  concurrency: number,
  seconds: number,
): Promise<FloorResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const one = async (fetch: CapturedFetch): Promise<void> => {
    const response = await globalThis.fetch(subgraphUrls[fetch.subgraph]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await assertionHeaders(secret, fetch.subgraph, ANONYMOUS, requestOf(fetch))) },
      body: fetch.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok || text.includes('"errors"')) errors++;
  };
  const worker = async () => {
    while (performance.now() < deadline) {
      const plan = plans[next++ % plans.length]!;
      const began = performance.now();
      try {
        for (const stage of plan) await Promise.all(stage.map(one));
      } catch {
        errors++;
      }
      latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latencies.length, errors, seconds: elapsed, ...percentiles(latencies) };
}

export const fetchesIn = (plan: Plan): number => plan.reduce((sum, stage) => sum + stage.length, 0);
