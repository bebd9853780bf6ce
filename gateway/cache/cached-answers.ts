import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { admissionOf } from '../limits/rate-limit';
import { isAnonymousRequest } from './access-scope';
import type { WorkSharing } from './index';
import { graphqlDuration, responseCacheEarlyAnswers, responseCacheLookups } from '../../subgraphs/kernel/platform/metrics';

/** What a cached answer was stored under, learnt from a request Apollo Server answered. */
export interface KnownRequest {
  /** The response cache's key (the printed document, operation name and canonical variables). */
  cacheKey: string;
  /** Its operation's metrics label. */
  operation: string;
}

/** The requests learnt, at most `limit` of them (the one learnt longest ago goes first). */
export class KnownRequests {
  private readonly entries = new Map<string, KnownRequest>();

  constructor(private readonly limit: number) {}

  get(requestKey: string): KnownRequest | undefined {
    return this.entries.get(requestKey);
  }

  set(requestKey: string, known: KnownRequest): void {
    this.entries.delete(requestKey);
    this.entries.set(requestKey, known);
    const oldest = this.entries.keys().next();
    if (this.entries.size > this.limit && !oldest.done) this.entries.delete(oldest.value);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The fields of a GraphQL request body that decide its answer, as Apollo Server reads them. */
export interface RequestBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/**
 * The key of a request as sent: its exact document text, operation name, variables and
 * extensions. Two requests with one key get one answer from Apollo Server, so the second may
 * be answered with what the first was (none: a body Apollo Server alone should judge).
 */
export function requestKeyOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { query, operationName, variables, extensions } = body as RequestBody;
  if (typeof query !== 'string') return null;
  const sent = JSON.stringify([operationName ?? null, query, canonical(variables ?? null), canonical(extensions ?? null)]);
  return createHash('sha256').update(sent).digest('base64url');
}

/** The media types Apollo Server answers a query with, in its order of preference (ApolloServer.ts MEDIA_TYPES). */
const JSON_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'];
const CALLBACK_TYPE = 'application/json; callbackSpec=1.0; charset=utf-8';
/** What a client's Accept header is negotiated against, as Apollo Server does (the `accepts` negotiator, as Express's `req.accepts`). */
export const ANSWER_TYPES = [...JSON_TYPES, CALLBACK_TYPE];

/** The JSON media type Apollo Server would answer with for this negotiation, or null: a type only Apollo Server answers (or refuses). */
export function jsonAnswerType(negotiated: string | string[] | false): string | null {
  return typeof negotiated === 'string' && JSON_TYPES.includes(negotiated) ? negotiated : null;
}

/** What Apollo Server answered publicly for a request sent byte for byte like this body (`known`, filled by the response cache plugin), if anything. */
export function knownRequestFor(sharing: WorkSharing, body: unknown): KnownRequest | undefined {
  const requestKey = requestKeyOf(body);
  return requestKey === null ? undefined : sharing.knownRequests.get(requestKey);
}

/**
 * The answer the response cache holds for a known request, or null: Apollo Server answers it
 * (evicted, expired, the feed stopped, or a shared store that does not answer, which Apollo
 * Server's path bypasses too).
 */
export async function cachedAnswerFor(sharing: WorkSharing, known: KnownRequest): Promise<{ known: KnownRequest; body: string } | null> {
  const hit = await sharing.store.get(known.cacheKey).catch(() => null);
  if (!hit || !sharing.cacheLive) return null;
  return { known, body: hit.body };
}

/** Each answer last sent, encoded with its entity tag, by cache key: a spike of one answer encodes and hashes it once. */
const encoded = new Map<string, EncodedAnswer>();
interface EncodedAnswer {
  body: string;
  bytes: Buffer;
  tag: string;
}
/** Answers kept before the memo starts again, and the largest kept: the answers of hot pages, in little memory. */
const ANSWERS_KEPT = 64;
const ANSWER_KEPT_MAX_CHARS = 256 * 1024;

/** An answer's bytes (Apollo Server ends its JSON with a newline) and entity tag, from the memo when it is the same text. */
function encodedAnswer(cacheKey: string, body: string): EncodedAnswer {
  const kept = encoded.get(cacheKey);
  if (kept?.body === body) return kept;
  const bytes = Buffer.from(`${body}\n`);
  const answer = { body, bytes, tag: entityTagOf(bytes) };
  if (body.length <= ANSWER_KEPT_MAX_CHARS) {
    if (encoded.size >= ANSWERS_KEPT) encoded.clear();
    encoded.set(cacheKey, answer);
  }
  return answer;
}

/** Express's weak entity tag of `body` (its `etag` setting's default), so an early answer carries the tag Apollo Server's would. */
function entityTagOf(body: Buffer): string {
  return `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').substring(0, 27)}"`;
}

/** Sends a cached answer as Apollo Server sends it through Express: same body, status and headers. */
export function sendCachedAnswer(
  res: ServerResponse,
  sharing: WorkSharing,
  type: string,
  answer: { known: KnownRequest; body: string },
  started: number,
): void {
  responseCacheLookups.inc({ result: 'hit' });
  responseCacheEarlyAnswers.inc();
  const { bytes, tag } = encodedAnswer(answer.known.cacheKey, answer.body);
  const maxAge = sharing.settings.publicMaxAgeSeconds;
  res.statusCode = 200;
  res.setHeader('content-type', type);
  res.setHeader('cache-control', maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store');
  res.setHeader('content-length', bytes.length);
  res.setHeader('etag', tag);
  res.end(bytes);
  graphqlDuration.observe({ service: 'gateway', operation: answer.known.operation }, (performance.now() - started) / 1000);
}

/**
 * Answers a repeated anonymous query straight from the response cache, before Apollo Server
 * parses, validates and plans it again: the spike of one public page costs a hash and a
 * cache read. Only a request sent byte for byte like one Apollo Server already answered
 * publicly takes this way, so its answer, limits and refusals are the ones Apollo Server
 * gave; authentication and the rate limit ran before it. The front door (front-door.ts) does
 * the same before Express for requests that need nothing of it; this is the way for the rest
 * (browsers' CORS requests, chunked bodies).
 */
export function cachedAnswers(sharing: WorkSharing): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || !sharing.cacheLive || !req.is('application/json')) return next();
    const admission = admissionOf(res);
    if (!admission || !('caller' in admission) || !isAnonymousRequest(admission.caller)) return next();
    const type = jsonAnswerType(req.accepts(ANSWER_TYPES));
    if (type === null) return next();
    const known = knownRequestFor(sharing, req.body);
    if (!known) return next();
    const started = performance.now();
    cachedAnswerFor(sharing, known).then((answer) => (answer ? sendCachedAnswer(res, sharing, type, answer, started) : next()), next);
  };
}

/** `value` with object keys sorted at every depth, so `{a, b}` and `{b, a}` share a key. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}
