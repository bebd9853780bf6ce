import { createHash } from 'node:crypto';
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

/**
 * Answers a repeated anonymous query straight from the response cache, before Apollo Server
 * parses, validates and plans it again: the spike of one public page costs a hash and a
 * cache read. Only a request sent byte for byte like one Apollo Server already answered
 * publicly takes this way (`known`, filled by the response cache plugin), so its answer,
 * limits and refusals are the ones Apollo Server gave; authentication and the rate limit ran
 * before it. The answer is the one Apollo Server would send: same body, headers and media type.
 */
export function cachedAnswers(sharing: WorkSharing): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || !sharing.cacheLive || !req.is('application/json')) return next();
    const admission = admissionOf(res);
    if (!admission || !('caller' in admission) || !isAnonymousRequest(admission.caller)) return next();
    // Apollo Server's choice of media type (negotiator, as here); anything else is its to answer.
    const type = req.accepts([...JSON_TYPES, CALLBACK_TYPE]);
    if (type === false || !JSON_TYPES.includes(type)) return next();
    const requestKey = requestKeyOf(req.body);
    const known = requestKey === null ? undefined : sharing.knownRequests.get(requestKey);
    if (!known) return next();
    const started = performance.now();
    sharing.store.get(known.cacheKey).then(
      (hit) => {
        // Evicted, expired, or the feed stopped meanwhile: Apollo Server answers (and stores again).
        if (!hit || !sharing.cacheLive) return next();
        responseCacheLookups.inc({ result: 'hit' });
        responseCacheEarlyAnswers.inc();
        const maxAge = sharing.settings.publicMaxAgeSeconds;
        res.setHeader('content-type', type);
        res.setHeader('cache-control', maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store');
        res.status(200).send(`${hit.body}\n`);
        graphqlDuration.observe({ service: 'gateway', operation: known.operation }, (performance.now() - started) / 1000);
      },
      // A shared store that does not answer: Apollo Server's path bypasses it too.
      () => next(),
    );
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
