import { ConfigError, DEFAULT_PORTS, readEnv } from './env';

/**
 * The graph's public address (`PUBLIC_URL`), the one base of every absolute link the graph
 * emits (the DCAT-AP export's IRIs, a data service's endpoint). Never taken from a request's
 * `Host` or `X-Forwarded-*` headers: whoever sends those would choose the links others get.
 * Unset, it is the local gateway (`http://<GATEWAY_HOST>:<GATEWAY_PORT>`, a wildcard bind
 * address read as 127.0.0.1), which is right for `npm start` and nothing else.
 */
export function publicUrl(): string {
  const configured = readEnv('PUBLIC_URL');
  return configured === undefined ? localGatewayUrl() : checkedPublicUrl(configured);
}

/** `path` (starting with `/`) on the public URL, keeping any path the public URL has. */
export function onPublicUrl(path: string): string {
  return `${publicUrl()}${path}`;
}

/** An absolute URL unchanged; a path (`/graphql`) on the public URL. */
export function absoluteOnPublicUrl(pathOrUrl: string): string {
  return pathOrUrl.startsWith('/') ? onPublicUrl(pathOrUrl) : pathOrUrl;
}

function checkedPublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL such as https://data.example.gov.vn, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL without query, fragment or credentials, got "${raw}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function localGatewayUrl(): string {
  const bound = readEnv('GATEWAY_HOST') ?? '127.0.0.1';
  const host = ['0.0.0.0', '::', '[::]'].includes(bound) ? '127.0.0.1' : bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound;
  return `http://${host}:${readEnv('GATEWAY_PORT') ?? DEFAULT_PORTS.gateway}`;
}
