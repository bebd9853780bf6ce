import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { context } from '@opentelemetry/api';
import accepts from 'accepts';
import { bodyReadAhead } from '../../subgraphs/kernel/platform/http';
import { beginRequest } from '../../subgraphs/kernel/platform/request-telemetry';
import { GRAPHQL_PATH } from '../../subgraphs/kernel/subgraph/server';
import { admit, admitted, INTERNAL_REQUEST_HEADER, type RateLimiter } from '../limits/rate-limit';
import type { Authenticate } from '../auth/authenticate';
import { isAnonymousRequest } from './access-scope';
import { setCacheHeaderDefaults } from './response-cache';
import { ANSWER_TYPES, cachedAnswerFor, jsonAnswerType, knownRequestFor, sendCachedAnswer } from './cached-answers';
import type { WorkSharing } from './index';

export interface FrontDoorOptions {
  sharing: WorkSharing;
  authenticate: Authenticate;
  limiter: RateLimiter;
  /** The client IP, as the rate limit middleware reads it (trusted proxies). */
  ipOf: (req: IncomingMessage) => string | null;
  /** The GraphQL path's CORS handler, so an early answer carries the headers any answer does. */
  cors: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  /** The largest body read here (the gateway's GATEWAY_MAX_BODY, at most FRONT_DOOR_MAX_BODY). */
  maxBodyBytes: number;
}

/** Bodies larger than this always go the whole way: a repeated public query is a few kilobytes. */
export const FRONT_DOOR_MAX_BODY = 64 * 1024;

/**
 * The gateway's HTTP entry: a spike of one public page answered before Express. An anonymous
 * POST repeated byte for byte like one Apollo Server already answered publicly takes its answer
 * from the response cache here, with the same telemetry, CORS headers, authentication and rate
 * limit as any request, and the same bytes and headers as Apollo Server's answer: Express and
 * its middleware cost five times what Node's HTTP server does, and that is most of such a
 * request. Anything else is handed to the Express app: untouched when its headers already say
 * it is not such a request (a browser's CORS request, credentials, a body not plain JSON);
 * otherwise with what was done here kept (its body read, its
 * telemetry begun, its admission made), so nothing is done or counted twice.
 */
export function frontDoor(options: FrontDoorOptions, app: RequestListener): RequestListener {
  const limit = Math.min(options.maxBodyBytes, FRONT_DOOR_MAX_BODY);
  return (req, res) => {
    if (!options.sharing.cacheLive || !mayAnswerEarly(req, limit)) return app(req, res);
    const type = jsonAnswerType(accepts(req).type(ANSWER_TYPES));
    if (type === null) return app(req, res);
    const requestContext = beginRequest('gateway', req, res);
    const started = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => undefined); // the client went away: the request's telemetry logs it when the response closes
    req.once('end', () =>
      context.with(requestContext, () => {
        const body = bodyReadAhead(req, Buffer.concat(chunks).toString('utf8'));
        const handOver = () => context.with(requestContext, () => app(req, res));
        const known = 'body' in body ? knownRequestFor(options.sharing, body.body) : undefined;
        if (!known) return handOver();
        setCacheHeaderDefaults(res);
        options.cors(req, res, () =>
          admit(options.authenticate, options.limiter, req.headers, options.ipOf(req))
            .then(async (admission) => {
              admitted(res, admission); // Express takes it from here when the answer is not cached
              const anonymous = 'caller' in admission && isAnonymousRequest(admission.caller);
              const answer = anonymous ? await cachedAnswerFor(options.sharing, known) : null;
              if (answer) context.with(requestContext, () => sendCachedAnswer(res, options.sharing, type, answer, started));
              else handOver();
            })
            .catch(handOver),
        );
      }),
    );
  };
}

/**
 * Whether the request's headers allow an early answer: a POST of plain JSON to the GraphQL
 * path with a known length, no credential, no Origin (a browser's request takes the CORS way)
 * and not one the gateway sends itself.
 */
function mayAnswerEarly(req: IncomingMessage, limit: number): boolean {
  const { headers } = req;
  if (req.method !== 'POST' || req.url !== GRAPHQL_PATH) return false;
  if (headers.origin !== undefined || headers.authorization !== undefined || headers['x-api-key'] !== undefined || headers.cookie !== undefined) return false;
  if (headers[INTERNAL_REQUEST_HEADER] !== undefined) return false;
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const length = Number(headers['content-length']);
  if (!Number.isInteger(length) || length <= 0 || length > limit) return false;
  const contentType = headers['content-type']?.toLowerCase().replace(/\s+/g, '');
  return contentType === 'application/json' || contentType === 'application/json;charset=utf-8';
}
