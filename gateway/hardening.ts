import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import type { Express, RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { isProduction, readBoolEnv, readEnv, readIntEnv } from '../subgraphs/kernel/platform/env';
import { MAX_BODY } from '../subgraphs/kernel/platform/http';
import { GRAPHQL_PATH } from '../subgraphs/kernel/subgraph/server';
import type { GatewayConfig } from './config';
import { operationLimitsFromEnv, operationLimitsPlugin, type OperationLimits } from './limits/operation-limits';
import { maxNestingFromEnv, refusalBeforeParse, type RequestGuardLimits } from './limits/request-guard';
import type { Authenticate } from './auth/authenticate';
import { clientIp, type TrustProxy } from './auth/origin';
import { rateLimitMiddleware, type RateLimiter, type RateLimitOptions } from './limits/rate-limit';
import { webSocketLimitsFromEnv, type WebSocketLimits } from './limits/websocket-limits';
import { connectionLimitsFromEnv, type ConnectionLimits } from './limits/connection-limits';
import { malformedRequestsPlugin } from './malformed-requests';

/** Everything the gateway does to protect itself and the subgraphs, resolved from config and env. */
export interface HardeningSettings {
  production: boolean;
  limits: OperationLimits;
  /** Browser origins allowed to call the GraphQL path (`*` = any origin). */
  corsOrigins: Array<string | RegExp>;
  corsMaxAgeSeconds: number;
  maxBody: string;
  introspection: boolean;
  rateLimit: RateLimitOptions;
  /** Per WebSocket connection: message rate and concurrent operations. */
  webSocket: WebSocketLimits;
  /** How deep a document's brackets and a request's JSON may nest (`GATEWAY_MAX_NESTING`), checked before parsing. */
  maxNesting: number;
  /** Open WebSocket connections, SSE streams and multipart subscriptions per client IP and per credential. */
  connections: ConnectionLimits;
  /**
   * Express `trust proxy` (`GATEWAY_TRUST_PROXY`): which proxies' `X-Forwarded-For` gives the
   * client IP the rate limit and the audit log's origin use.
   */
  trustProxy: boolean | number | string;
}

/** Local development front ends: any port on localhost / 127.0.0.1 / [::1]. */
const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const DEFAULT_RATE_LIMIT_BURST = 200;

/** `CORS_ORIGINS`: comma separated origins (`https://app.example.org`), or `*`. */
function corsOriginsFromEnv(production: boolean): Array<string | RegExp> {
  const raw = readEnv('CORS_ORIGINS');
  if (raw === undefined) return production ? [] : [LOCALHOST_ORIGIN];
  return raw
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
}

/** `GATEWAY_TRUST_PROXY`: unset = trust no proxy (the socket's address is the client); a hop count, `true`, or addresses/subnets as Express takes them. */
function trustProxyFromEnv(): boolean | number | string {
  const raw = readEnv('GATEWAY_TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function resolveHardening(config: GatewayConfig): HardeningSettings {
  const production = config.production ?? isProduction();
  const perMinute = config.rateLimit?.perMinute ?? readIntEnv('RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT_PER_MINUTE);
  return {
    production,
    limits: { ...operationLimitsFromEnv(), ...config.limits },
    corsOrigins: config.corsOrigins ?? corsOriginsFromEnv(production),
    corsMaxAgeSeconds: config.corsMaxAgeSeconds ?? readIntEnv('CORS_MAX_AGE_SECONDS', 600),
    maxBody: config.maxBody ?? readEnv('GATEWAY_MAX_BODY') ?? MAX_BODY,
    introspection: config.introspection ?? readBoolEnv('GATEWAY_INTROSPECTION', !production),
    rateLimit: {
      perMinute,
      burst: config.rateLimit?.burst ?? readIntEnv('RATE_LIMIT_BURST', DEFAULT_RATE_LIMIT_BURST),
    },
    webSocket: { ...webSocketLimitsFromEnv(), ...config.webSocket },
    maxNesting: config.maxNesting ?? maxNestingFromEnv(),
    connections: { ...connectionLimitsFromEnv(), ...config.connections },
    trustProxy: trustProxyFromEnv(),
  };
}

/**
 * Mounts, on the GraphQL path and before anything else there (the SSE subscriptions and
 * Apollo): CORS with preflight caching, authentication with the rate limit per caller, then
 * the token and nesting limits (before the document is parsed). Call right after the app is created.
 */
export function mountHardening(app: Express, config: GatewayConfig, admission: { authenticate: Authenticate; limiter: RateLimiter }): { cors: CorsHandler } {
  const settings = resolveHardening(config);
  app.set('trust proxy', settings.trustProxy);
  app.locals.operationLimits = settings.limits; // for subscriptions over WebSocket and SSE (operationLimitsOf)
  const anyOrigin = settings.corsOrigins.includes('*');
  const corsHandler = cors({
    origin: anyOrigin ? true : settings.corsOrigins,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    maxAge: settings.corsMaxAgeSeconds,
    exposedHeaders: ['Retry-After'],
  });
  app.use(
    GRAPHQL_PATH,
    corsHandler,
    // The client IP as WebSocket upgrades see it too (clientIp), so both count against one bucket.
    rateLimitMiddleware(admission.authenticate, admission.limiter, (req) => clientIp(req, app.get('trust proxy fn') as TrustProxy)),
    preParseGuardMiddleware({ maxTokens: settings.limits.maxTokens, maxNesting: settings.maxNesting }),
  );
  return { cors: corsHandler };
}

/** The GraphQL path's CORS handler (the front door sends its headers on early answers too). */
export type CorsHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Refuses, before anything parses the document: too many tokens, brackets nested too deep,
 * variables or extensions nested too deep (HTTP 400, OPERATION_LIMIT). A GET request's
 * query string is checked like a POST body.
 */
function preParseGuardMiddleware(limits: RequestGuardLimits): RequestHandler {
  return (req, res, next) => {
    const refusal = refusalBeforeParse(req.method === 'GET' ? getRequestParameters(req.query) : req.body, limits);
    if (!refusal) return next();
    res.status(400).json({ errors: [{ message: refusal.message, extensions: { ...refusal.extensions, http: undefined } }] });
  };
}

/** A GET request's `query` and JSON-encoded `variables` / `extensions`, as Apollo Server reads them. */
function getRequestParameters(query: Record<string, unknown>): Record<string, unknown> {
  const decoded: Record<string, unknown> = { query: query.query };
  for (const name of ['variables', 'extensions']) {
    const raw = query[name];
    if (typeof raw !== 'string') continue;
    try {
      decoded[name] = JSON.parse(raw);
    } catch {
      // Apollo Server answers 400 for JSON it cannot read.
    }
  }
  return decoded;
}

const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** A validation message without its "Did you mean ...?" (which names schema elements the client did not ask for). */
export function withoutSuggestion(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * Apollo Server options with the gateway's hardening: HTTP 400 for malformed requests,
 * operation limits, introspection per configuration, batching off, CSRF prevention on, and in production no field suggestions
 * ("Did you mean ...") and no stack traces in errors.
 */
export function hardenedApolloOptions(
  config: GatewayConfig,
  options: ApolloServerOptions<BaseContext> & { formatError: NonNullable<ApolloServerOptions<BaseContext>['formatError']> },
): ApolloServerOptions<BaseContext> {
  const settings = resolveHardening(config);
  const format = options.formatError;
  return {
    ...options,
    plugins: [...(options.plugins ?? []), malformedRequestsPlugin(), operationLimitsPlugin(settings.limits)],
    introspection: settings.introspection,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: settings.production,
    formatError(formatted, error): GraphQLFormattedError {
      const result = format(formatted, error);
      if (!settings.production) return result;
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = result.extensions ?? {};
      return { ...result, message: withoutSuggestion(result.message), ...(result.extensions ? { extensions } : {}) };
    },
  } as ApolloServerOptions<BaseContext>;
}
