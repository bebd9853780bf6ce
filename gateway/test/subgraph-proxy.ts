import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One GraphQL request the proxy received for its subgraph. */
export interface ProxiedRequest {
  query: string;
  variables: unknown;
  /** The request as it came, for tests that replay it (the caller assertion is single-use). */
  headers: Record<string, string>;
  body: string;
}

/**
 * A pass-through HTTP proxy in front of one subgraph, for tests that count what reaches it:
 * every GraphQL request is recorded, and requests matching `hold` wait until `release()`.
 */
export interface SubgraphProxy {
  url: string;
  /** GraphQL requests that reached the subgraph (or wait to), in arrival order. */
  requests: ProxiedRequest[];
  /** Holds back GraphQL requests whose query matches, until release(). */
  hold(matches: (request: ProxiedRequest) => boolean): void;
  release(): void;
  close(): Promise<void>;
}

export async function startSubgraphProxy(targetUrl: string): Promise<SubgraphProxy> {
  const target = new URL(targetUrl);
  const requests: ProxiedRequest[] = [];
  let held: ((request: ProxiedRequest) => boolean) | null = null;
  let waiting: Array<() => void> = [];

  const forward = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const headers = forwardedHeaders(req);
    const response = await fetch(new URL(req.url ?? '/', target), { method: req.method ?? 'GET', headers, ...(body.length ? { body } : {}) });
    const text = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type');
    res.writeHead(response.status, contentType ? { 'content-type': contentType } : {});
    res.end(text);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const go = () => forward(req, res, body).catch(() => res.destroy());
      if (req.method !== 'POST' || req.url !== target.pathname) return void go();
      const parsed = JSON.parse(body.toString('utf8')) as { query?: string; variables?: unknown };
      const request = { query: parsed.query ?? '', variables: parsed.variables, headers: forwardedHeaders(req), body: body.toString('utf8') };
      requests.push(request);
      if (held?.(request)) waiting.push(go);
      else void go();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    requests,
    hold(matches) {
      held = matches;
    },
    release() {
      held = null;
      const go = waiting;
      waiting = [];
      for (const run of go) run();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The request's headers a forwarded copy keeps (not those of this hop's connection). */
function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && !['host', 'content-length', 'connection'].includes(entry[0]),
    ),
  );
}
