import type { Express, Request, Response } from 'express';
import { ErrorCode } from '../subgraphs/kernel/errors';

/**
 * Plain-HTTP exports a subgraph serves beside GraphQL (the catalogue's DCAT-AP JSON-LD), made
 * reachable on the gateway's public origin: a path prefix maps to the subgraph that serves it.
 */
export const DEFAULT_EXPORTS: Record<string, string> = { '/dcat': 'catalogue' };

/** Response headers passed back to the client unchanged. */
const PASSED_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified'];

/** Forwards GET/HEAD under each prefix to its subgraph's origin; other methods fall through. */
export function mountExportProxies(app: Express, exports: Record<string, string>, subgraphUrls: Record<string, string>, timeoutMs: number): void {
  for (const [prefix, service] of Object.entries(exports)) {
    const target = subgraphUrls[service];
    if (!target) continue;
    const origin = new URL(target).origin;
    app.use(prefix, (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      void forward(req, res, `${origin}${req.originalUrl}`, service, timeoutMs);
    });
  }
}

async function forward(req: Request, res: Response, url: string, service: string, timeoutMs: number): Promise<void> {
  try {
    const upstream = await fetch(url, {
      method: req.method,
      headers: {
        accept: req.get('accept') ?? '*/*',
        'x-forwarded-host': req.get('host') ?? '',
        'x-forwarded-proto': req.protocol,
        ...(req.get('x-request-id') ? { 'x-request-id': req.get('x-request-id')! } : {}),
      },
      signal: AbortSignal.timeout(timeoutMs),
    });
    res.status(upstream.status);
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) res.setHeader(name, value);
    }
    res.send(Buffer.from(await upstream.arrayBuffer()));
  } catch {
    res.status(503).json({ errors: [{ message: `The ${service} service is unavailable`, extensions: { code: ErrorCode.ServiceUnavailable, service } }] });
  }
}
