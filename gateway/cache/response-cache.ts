import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLRequestContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { print, type DocumentNode } from 'graphql';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { isAnonymousRequest } from './access-scope';
import type { WorkSharing } from './index';
import { subgraphTag } from './tags';
import { operationLabel, responseCacheLookups, responseCacheStores } from '../../subgraphs/kernel/platform/metrics';
import { canonical, requestKeyOf } from './cached-answers';

/** Request headers that make an answer caller-specific: a shared cache keeps one answer per value (none: anonymous). */
const CREDENTIAL_HEADERS = ['Authorization', 'X-Api-Key'];

/**
 * Every answer on the GraphQL path starts as `Cache-Control: no-store` (refusals, rate
 * limits, errors, anything caller-specific); the response cache plugin marks public answers.
 * `Vary` names the credential headers, so a shared cache (a CDN) never hands an anonymous
 * answer to a request that carries a credential. Mount before anything else on the path.
 */
export const cacheHeaderDefaults: RequestHandler = (_req, res, next) => {
  setCacheHeaderDefaults(res);
  next();
};

/** `cacheHeaderDefaults` on a response (the front door's, before Express): the first `Vary` of the answer, CORS adds `Origin`. */
export function setCacheHeaderDefaults(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Vary', CREDENTIAL_HEADERS.join(', '));
}

/**
 * The response cache: answers to anonymous queries, the ones anyone may be given, kept until
 * a change evicts them (tags.ts: the subgraphs they read and the entities they hold), for at
 * most the TTL, while the change feed is live. Nothing caller-specific is ever stored or
 * served: a request with any credential bypasses it, as do mutations and subscriptions.
 *
 * Also sets `Cache-Control: public, max-age=N` on public answers (anonymous queries answered
 * without errors), `no-store` on everything else.
 */
export function responseCachePlugin(sharing: WorkSharing): ApolloServerPlugin<BaseContext> {
  const printed = new WeakMap<DocumentNode, string>();
  const keyOf = (request: GraphQLRequestContext<BaseContext>): string => {
    const document = request.document!;
    let text = printed.get(document);
    if (text === undefined) printed.set(document, (text = print(document)));
    const normalized = JSON.stringify([request.operationName ?? null, text, canonical(request.request.variables ?? {})]);
    return createHash('sha256').update(normalized).digest('base64url');
  };

  return {
    async requestDidStart() {
      /** A miss that may be stored: its key, and the epoch and store generation its reads began in. */
      let miss: { key: string; epoch: number; generation: number } | undefined;
      /** This request as sent, and its answer's key: the same bytes again are answered before Apollo Server (cached-answers.ts). */
      const learn = (request: GraphQLRequestContext<BaseContext>, cacheKey: string) => {
        const { query, operationName, variables, extensions } = request.request;
        const requestKey = requestKeyOf({ query, operationName, variables, extensions });
        if (requestKey) sharing.knownRequests.set(requestKey, { cacheKey, operation: operationLabel(request.operationName, true) });
      };
      return {
        async responseForOperation(request) {
          if (!sharing.settings.responseCache || !isPublicQuery(request) || !sharing.cacheLive) return null;
          const key = keyOf(request);
          const hit = await sharing.store.get(key);
          responseCacheLookups.inc({ result: hit ? 'hit' : 'miss' });
          if (hit) {
            learn(request, key);
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: JSON.parse(hit.body) } };
          }
          const epoch = sharing.epoch.current;
          miss = { key, epoch, generation: await sharing.store.generation() };
          return null;
        },
        async willSendResponse(request) {
          const { response } = request;
          const isPublic =
            isPublicQuery(request) && response.body.kind === 'single' && !response.body.singleResult.errors && (response.http.status ?? 200) === 200;
          const maxAge = sharing.settings.publicMaxAgeSeconds;
          response.http.headers.set('cache-control', isPublic && maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store');
          if (!miss || !isPublic || response.body.kind !== 'single') return;
          // Stored only if nothing changed since its reads began (else it may hold what a change just evicted).
          const trace = sharing.traceOf(request.contextValue);
          if (!sharing.cacheLive || sharing.epoch.current !== miss.epoch || !sharing.cacheableTrace(trace)) return;
          const tags = [...[...trace.subgraphs].map(subgraphTag), ...trace.entities];
          // Stored as Apollo Server writes it (errors, data, extensions: there are no errors), so a hit sends the same bytes.
          const { data, extensions } = response.body.singleResult;
          if (await sharing.store.set(miss.key, { body: JSON.stringify({ data, extensions }), tags }, miss.generation)) {
            responseCacheStores.inc();
            learn(request, miss.key);
          }
        },
      };
    },
  };
}

/** A query by a caller without any credential. */
function isPublicQuery(request: GraphQLRequestContext<BaseContext>): boolean {
  return request.operation?.operation === 'query' && isAnonymousRequest((request.contextValue as { caller?: Caller }).caller);
}
