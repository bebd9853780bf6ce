import { readEnv } from '../kernel/env';
import { DEFAULT_PORTS } from '../kernel/runtime';

/**
 * The graph's public origin (`PUBLIC_URL`, default the local gateway), against which a data
 * service's relative endpoint (this graph's own `/graphql`) is resolved in GraphQL answers.
 * The JSON-LD export uses the origin the request came through instead.
 */
export function publicBaseUrl(): string {
  return readEnv('PUBLIC_URL') ?? `http://127.0.0.1:${readEnv('GATEWAY_PORT') ?? DEFAULT_PORTS.gateway}`;
}

/** `path` as an absolute URL on `base`; absolute URLs are returned unchanged. */
export function absoluteUrl(pathOrUrl: string, base: string): string {
  return new URL(pathOrUrl, base).toString();
}
