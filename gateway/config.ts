import path from 'node:path';
import { DEFAULT_PORTS, readEnv, readIntEnv } from '../subgraphs/kernel/platform/env';
import { subgraphUrlFromEnv } from '../subgraphs/kernel/subgraph/runtime';
import type { AuthConfig } from './auth/config';
import type { OperationLimits } from './limits/operation-limits';
import type { RateLimitOptions } from './limits/rate-limit';
import type { SharedStore } from '../subgraphs/kernel/platform/shared-store';
import type { WebSocketLimits } from './limits/websocket-limits';
import type { WorkSharingSettings } from './cache/settings';
import type { CacheStore } from './cache/store';
import type { ConnectionLimits } from './limits/connection-limits';

export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, '..', 'schema', 'supergraph.graphql');

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Subgraph name -> GraphQL endpoint URL. */
  subgraphUrls: Record<string, string>;
  /** How long the gateway waits for one subgraph call before answering without it. */
  subgraphTimeoutMs: number;
  /** How Bearer JWTs are verified; default from `AUTH_*` variables (see auth/config.ts). */
  auth?: AuthConfig;
  /** Secret caller assertions to subgraphs are signed with; default `INTERNAL_ASSERTION_SECRET`. */
  assertionSecret?: string;
  /** How long a positive API key check is trusted (`API_KEY_CACHE_SECONDS`, default 5; 0 = ask every time). */
  apiKeyCacheSeconds?: number;
  // Hardening (see hardening.ts): each unset field falls back to its environment variable, then a default.
  /** Production behaviour (default: NODE_ENV=production): no field suggestions, introspection off by default. */
  production?: boolean;
  /** Operation limits (`GATEWAY_MAX_DEPTH`, ...); fields not given come from the environment. */
  limits?: Partial<OperationLimits>;
  /** Browser origins allowed by CORS on the GraphQL path (`CORS_ORIGINS`), `*` for any. */
  corsOrigins?: Array<string | RegExp>;
  /** How long browsers may cache a preflight answer (`CORS_MAX_AGE_SECONDS`, default 600). */
  corsMaxAgeSeconds?: number;
  /** Largest request body (`GATEWAY_MAX_BODY`, default `1mb`), e.g. `100kb`. */
  maxBody?: string;
  /** Whether introspection is allowed (`GATEWAY_INTROSPECTION`, default false in production). */
  introspection?: boolean;
  /** Whether browsers get the bundled GraphiQL explorer at the GraphQL path (`GATEWAY_EXPLORER`, default off in production). */
  explorer?: boolean;
  /** Requests per minute and burst per caller (`RATE_LIMIT_PER_MINUTE`, `RATE_LIMIT_BURST`); 0 per minute = off. */
  rateLimit?: Partial<RateLimitOptions>;
  /** Where the rate-limit buckets live; default from `REDIS_URL` (Redis), else this process's memory. The caller closes a store it passes. */
  sharedStore?: SharedStore;
  /** Per WebSocket connection: message rate and concurrent operations (`WS_MESSAGES_PER_MINUTE`, `WS_MESSAGE_BURST`, `WS_MAX_SUBSCRIPTIONS`). */
  webSocket?: Partial<WebSocketLimits>;
  /** Deduplication and the response cache (`SUBGRAPH_DEDUP`, `RESPONSE_CACHE`, `RESPONSE_CACHE_*`, `PUBLIC_MAX_AGE_SECONDS`); see cache/settings.ts. */
  workSharing?: Partial<WorkSharingSettings>;
  /** Where the response cache keeps answers (tests share one between two gateways); default from `REDIS_URL`, else memory. */
  responseCacheStore?: CacheStore;
  /** How deep a document's brackets and a request's JSON may nest (`GATEWAY_MAX_NESTING`, default 64). */
  maxNesting?: number;
  /** Open WebSocket connections, SSE streams and multipart subscriptions per client IP and per credential (`GATEWAY_MAX_CONNECTIONS_PER_IP`, `GATEWAY_MAX_CONNECTIONS_PER_CREDENTIAL`). */
  connections?: Partial<ConnectionLimits>;
}

/** `<NAME>_URL` for each subgraph, else the local default port of `npm start` (kept in the kernel: the integrations subgraph reads the same). */
export { subgraphUrlFromEnv };

export function gatewayConfigFromEnv(subgraphNames: string[]): GatewayConfig {
  return {
    port: readIntEnv('GATEWAY_PORT', DEFAULT_PORTS.gateway!),
    host: readEnv('GATEWAY_HOST') ?? '127.0.0.1',
    supergraphPath: path.resolve(readEnv('SUPERGRAPH_PATH') ?? DEFAULT_SUPERGRAPH_PATH),
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrlFromEnv(name)])),
    subgraphTimeoutMs: readIntEnv('SUBGRAPH_TIMEOUT_MS', 10_000),
  };
}
