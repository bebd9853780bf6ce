import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import type { Domain } from '../subgraphs/kernel/identity/access-policy';
import type { Caller, Role } from '../subgraphs/kernel/identity/caller';
import { INGEST_PATH } from '../subgraphs/kernel/platform/internal-paths';
import type { RelayedEvent } from '../subgraphs/kernel/subgraph/outbox-relay';
import type { SubgraphDefinition } from '../subgraphs/kernel/subgraph/definition';
import type { RunningSubgraph } from '../subgraphs/kernel/subgraph/server';
import { postGraphQL, queryOk, type GraphQLHttpResult } from '../subgraphs/kernel/testing/http';
import type { SubgraphRequest } from '../subgraphs/kernel/identity/assertion';
import { MemoryStore } from '../subgraphs/kernel/platform/shared-store';
import type { CacheStore } from './cache/store';
import { assertionHeadersFor, newTestSecret, postAsGateway, serviceHeadersFor } from '../subgraphs/kernel/testing/assertion';
import { startTestSubgraph, type TestSubgraphOptions } from '../subgraphs/kernel/testing/subgraph';
import type { Db } from '../subgraphs/kernel/platform/db';
import { SUBGRAPH_BY_NAME, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName, type SubgraphSchemas } from '../subgraphs';
import type { AuthConfig } from './auth';
import type { WorkSharingSettings } from './cache';
import { mintToken } from './auth/mint';
import { composeSupergraph } from './compose';
import type { GatewayConfig } from './config';
import { startGateway, type RunningGateway } from './server';

export interface TestGraph {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  supergraphPath: string;
  /** Subgraph `name`'s database, typed by that subgraph's Drizzle schema (throws when it is not in this graph). */
  dbOf<Name extends SubgraphName>(name: Name): Db<SubgraphSchemas[Name]>;
  /** A client request through the gateway. */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLHttpResult<TData>>;
  /** A client request through the gateway that must succeed; returns `data`. */
  queryOk<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<TData>;
  /**
   * The SQL statements ONE subgraph sends for `run`: the fewest over `runs` repetitions, since
   * its outbox relay polls in the background (for N+1 tests of a graph with integrations).
   */
  fewestStatements(subgraph: string, run: () => Promise<unknown>, runs?: number): Promise<number>;
  /** Hands `events` to the integrations subgraph's ingest route as `source`'s relay would (expects 200). */
  ingest(events: RelayedEvent[], source?: string): Promise<void>;
  /** SQL statements all subgraphs sent while `run` ran (for N+1 tests). */
  countQueries(run: () => Promise<unknown>): Promise<number>;
  /** This graph's own random secrets and token settings (never the environment's). */
  assertionSecret: string;
  auth: AuthConfig & { keys: { secret: string } };
  /** A Bearer token this graph accepts, for `role` (partner and editor name their organisation). */
  tokenFor(role: Role, org?: string, options?: { sub?: string; ttlSeconds?: number }): Promise<string>;
  /**
   * A client signed in as `role` (partner and editor name their organisation; an editor may
   * be named for domains). Each request carries a fresh token.
   */
  as(role: Role, org?: string, options?: { domains?: Domain[]; sub?: string }): TestClient;
  /** A client presenting an API key (`X-Api-Key`), e.g. the secret `createApiKey` returned. */
  withApiKey(key: string): TestClient;
  /** `{ authorization: 'Bearer ...' }` for `role`. */
  authHeadersFor(role: Role, org?: string): Promise<Record<string, string>>;
  /** Headers for ONE direct GraphQL call of `request` to a subgraph, as the gateway sends them for `caller`. */
  assertionHeadersFor(subgraph: string, caller: Caller, request: SubgraphRequest): Promise<Record<string, string>>;
  /** A GraphQL request straight to a subgraph, as the gateway sends it for `caller` (default anonymous). */
  postToSubgraph<TData = Record<string, unknown>>(
    subgraph: string,
    query: string,
    variables?: Record<string, unknown>,
    caller?: Caller,
  ): Promise<GraphQLHttpResult<TData>>;
  /** Headers for ONE call to a subgraph's `/internal/...` routes, as a peer process sends them. */
  serviceHeadersFor(subgraph: string): Promise<Record<string, string>>;
  /** The configuration of a gateway over this graph's subgraphs, with its secrets (for tests that start another gateway with other settings). */
  gatewayConfig(): GatewayConfig;
  stop(): Promise<void>;
}

/** Requests through the gateway with one caller's credential. */
export interface TestClient {
  query<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLHttpResult<TData>>;
  queryOk<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<TData>;
  /** The headers one request sends (for WebSocket, SSE or raw fetch). */
  headers(): Promise<Record<string, string>>;
}

export interface TestGraphOptions {
  /** Which subgraphs to start (default: all). */
  only?: string[];
  seed?: boolean;
  subgraphTimeoutMs?: number;
  /** How long the gateway trusts an API key check (default 0 here: a revoked key fails at once). */
  apiKeyCacheSeconds?: number;
  /**
   * Deduplication and response cache settings. Default: deduplication as configured (on), the
   * response cache off, because tests also write straight to subgraph databases (no change
   * event) and count the SQL a repeated query sends; tests of the cache turn it on.
   */
  workSharing?: Partial<WorkSharingSettings>;
  /** Where the gateway's response cache keeps answers (default: its own memory). */
  responseCacheStore?: CacheStore;
  /** The gateway's rate limit (default: as configured, 600 a minute per caller); `{ perMinute: 0 }` turns it off, e.g. for load from one address. */
  rateLimit?: GatewayConfig['rateLimit'];
  /** Where the gateway reaches a subgraph, given where it listens (e.g. a counting proxy in front). */
  subgraphUrlFor?: (name: string, url: string) => Promise<string>;
}

/** `type.field` of every field `definition` declares, split by whether it is marked `@external`. */
function fieldsOf(definition: SubgraphDefinition): { own: Set<string>; external: Set<string> } {
  const own = new Set<string>();
  const external = new Set<string>();
  for (const node of parse(definition.typeDefs).definitions) {
    if (node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of node.fields ?? []) {
      const name = `${node.name.value}.${field.name.value}`;
      if (field.directives?.some((directive) => directive.name.value === 'external')) external.add(name);
      else own.add(name);
    }
  }
  return { own, external };
}

/**
 * The chosen subgraphs plus those owning the fields they mark `@external` (a `@requires`
 * composes only with the field's owner), in the order of `all`.
 */
function withOwnersOfExternalFields(chosen: readonly SubgraphDefinition[], all: readonly SubgraphDefinition[]): SubgraphDefinition[] {
  const included = new Set(chosen);
  for (let grew = true; grew;) {
    grew = false;
    const needed = [...included].flatMap((definition) => [...fieldsOf(definition).external]);
    for (const candidate of all) {
      if (included.has(candidate)) continue;
      const { own } = fieldsOf(candidate);
      if (needed.some((field) => own.has(field) && ![...included].some((definition) => fieldsOf(definition).own.has(field)))) {
        included.add(candidate);
        grew = true;
      }
    }
  }
  return all.filter((definition) => included.has(definition));
}

/** Each subgraph's definition, typed by its own schema: indexed by a name parameter, it keeps that schema. */
const DEFINITIONS: { [Name in SubgraphName]: SubgraphDefinition<SubgraphSchemas[Name], unknown> } = SUBGRAPH_BY_NAME;

/** The running subgraphs of a test graph, each typed by its own schema. */
type RunningByName = { [Name in SubgraphName]: RunningSubgraph<SubgraphSchemas[Name]> };

/**
 * `running[name] = subgraph`, checked against `name`'s own schema: TypeScript checks a write
 * through a generic key into a fixed map against every entry's type at once, which no one
 * subgraph meets, but into a map generic in its schemas against that key's entry.
 */
function keep<Schemas extends Record<string, Record<string, unknown>>, Name extends keyof Schemas>(
  running: { [Key in keyof Schemas]?: RunningSubgraph<Schemas[Key]> },
  name: Name,
  subgraph: RunningSubgraph<Schemas[Name]>,
): void {
  running[name] = subgraph;
}

/**
 * The whole graph in-process for a test: each subgraph on a free port over a fresh
 * database, a supergraph composed from their current SDL in a temp folder, and the gateway.
 */
export async function startTestGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const definitions = options.only
    ? withOwnersOfExternalFields(
        SUBGRAPHS.filter((definition) => options.only!.includes(definition.name)),
        SUBGRAPHS,
      )
    : [...SUBGRAPHS];
  const subgraphs: Record<string, RunningSubgraph> = {};
  const running: Partial<RunningByName> = {};
  const start = async <Name extends SubgraphName>(name: Name, subgraphOptions: TestSubgraphOptions): Promise<void> => {
    const subgraph = await startTestSubgraph(DEFINITIONS[name], subgraphOptions);
    keep<SubgraphSchemas, Name>(running, name, subgraph);
    subgraphs[name] = subgraph;
  };
  const names = SUBGRAPH_NAMES.filter((name) => definitions.includes(SUBGRAPH_BY_NAME[name]));
  const assertionSecret = newTestSecret();
  const auth = { keys: { secret: newTestSecret() }, issuer: 'sti-graph-test', audience: 'sti-graph', clockSkewSeconds: 30 };
  try {
    // The integrations subgraph starts first so the others can relay their outbox events to it.
    // It asks the others for `node(id)` (peerUrls), read when asked: they are not started yet.
    if (names.includes('integrations')) await start('integrations', { assertionSecret, peerUrls: (name) => subgraphs[name]?.url });
    const relayTo = subgraphs.integrations ? new URL(INGEST_PATH, subgraphs.integrations.url).toString() : undefined;
    await Promise.all(
      names
        .filter((name) => name !== 'integrations')
        .map((name) => start(name, { seed: options.seed ?? true, assertionSecret, ...(relayTo ? { relayTo } : {}) })),
    );
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.stop()));
    throw error;
  }
  const supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'sti-graph-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(definitions).supergraph);
  const gatewayConfig: GatewayConfig = {
    port: 0,
    host: '127.0.0.1',
    supergraphPath,
    subgraphUrls: Object.fromEntries(
      await Promise.all(
        Object.values(subgraphs).map(async (subgraph) => [
          subgraph.name,
          options.subgraphUrlFor ? await options.subgraphUrlFor(subgraph.name, subgraph.url) : subgraph.url,
        ]),
      ),
    ),
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 10_000,
    auth,
    assertionSecret,
    apiKeyCacheSeconds: options.apiKeyCacheSeconds ?? 0,
    workSharing: { responseCache: false, ...options.workSharing },
    ...(options.responseCacheStore ? { responseCacheStore: options.responseCacheStore } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    sharedStore: new MemoryStore(), // never the environment's REDIS_URL
  };
  const gateway = await startGateway(gatewayConfig);
  const tokenFor = (role: Role, org?: string, extra: { sub?: string; ttlSeconds?: number; domains?: Domain[] } = {}) =>
    mintToken({
      secret: auth.keys.secret,
      issuer: auth.issuer,
      audience: auth.audience,
      role,
      org: org ?? null,
      ...(extra.sub ? { sub: extra.sub } : {}),
      ...(extra.ttlSeconds !== undefined ? { ttlSeconds: extra.ttlSeconds } : {}),
      ...(extra.domains ? { domains: extra.domains } : {}),
    });
  const client = (headers: () => Promise<Record<string, string>>): TestClient => ({
    headers,
    query: async (text, variables) => postGraphQL(gateway.url, text, variables, await headers()),
    queryOk: async (text, variables) => queryOk(gateway.url, text, variables, await headers()),
  });
  const as: TestGraph['as'] = (role, org, options = {}) => client(async () => ({ authorization: `Bearer ${await tokenFor(role, org, options)}` }));
  const subgraphNamed = (name: string) => {
    const subgraph = subgraphs[name];
    if (!subgraph) throw new Error(`No ${name} subgraph in this test graph`);
    return subgraph;
  };
  const dbOf = <Name extends SubgraphName>(name: Name): Db<SubgraphSchemas[Name]> => {
    const subgraph = running[name];
    if (!subgraph) throw new Error(`No ${name} subgraph in this test graph`);
    return subgraph.database.db;
  };
  const totalQueries = () => Object.values(subgraphs).reduce((sum, subgraph) => sum + subgraph.database.stats.queries, 0);
  return {
    gateway,
    subgraphs,
    supergraphPath,
    dbOf,
    query: (text, variables, headers) => postGraphQL(gateway.url, text, variables, headers),
    queryOk: (text, variables, headers) => queryOk(gateway.url, text, variables, headers),
    assertionSecret,
    auth,
    tokenFor,
    as,
    withApiKey: (key) => client(async () => ({ 'x-api-key': key })),
    authHeadersFor: async (role, org) => ({ authorization: `Bearer ${await tokenFor(role, org)}` }),
    assertionHeadersFor: (name, caller, request) => assertionHeadersFor(subgraphNamed(name), caller, request),
    postToSubgraph: (name, text, variables, caller) => postAsGateway(subgraphNamed(name), text, variables, caller),
    serviceHeadersFor: (name) => serviceHeadersFor(subgraphNamed(name)),
    gatewayConfig: () => ({ ...gatewayConfig, port: 0 }),
    async fewestStatements(name, run, runs = 5) {
      const stats = subgraphNamed(name).database.stats;
      let fewest = Number.POSITIVE_INFINITY;
      for (let repetition = 0; repetition < runs; repetition++) {
        const before = stats.queries;
        await run();
        fewest = Math.min(fewest, stats.queries - before);
      }
      return fewest;
    },
    async ingest(events, source = 'programmes') {
      const response = await fetch(new URL(INGEST_PATH, subgraphNamed('integrations').url), {
        method: 'POST',
        headers: { ...(await serviceHeadersFor(subgraphNamed('integrations'))), 'content-type': 'application/json' },
        body: JSON.stringify({ source, events }),
      });
      if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    },
    async countQueries(run) {
      const before = totalQueries();
      await run();
      return totalQueries() - before;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.stop()));
    },
  };
}

/** A mutation as a refusal test calls it: its root field's name, the document, and a valid input. */
export type MutationCall = [name: string, document: string, input: Record<string, unknown>];

/**
 * Calls every mutation as every caller and expects each call to be refused with FORBIDDEN and
 * a message containing `message`, with no data. (Whether anything was written is the caller's
 * to check: it knows the tables.)
 */
export async function expectEveryCallForbidden(
  callers: Array<[who: string, client: Pick<TestClient, 'query'>]>,
  mutations: MutationCall[],
  message: string,
): Promise<void> {
  for (const [who, client] of callers) {
    for (const [name, mutation, input] of mutations) {
      const result = await client.query<Record<string, unknown>>(mutation, { input });
      expect({ who, name, data: result.data?.[name] ?? null, errors: result.errors?.map((error) => [error.extensions?.code, error.message]) }).toEqual({
        who,
        name,
        data: null,
        errors: [['FORBIDDEN', expect.stringContaining(message)]],
      });
    }
  }
}

/** Creates a record with `mutation` (its payload's record in `payload`) and answers with its id and the version it was created at. */
export async function createRecord(
  client: Pick<TestClient, 'queryOk'>,
  mutation: string,
  inputType: string,
  payload: string,
  input: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const data = await client.queryOk<Record<string, Record<string, { id: string; version: number }>>>(
    `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { ${payload} { id version } } }`,
    { input },
  );
  return data[mutation]![payload]!;
}

/** One record's update mutation, as the stale-answer check (`expectOwnAnswers`) calls it twice. */
export interface TwoUpdates {
  /** The mutation's root field, its input type, and the field of its payload that holds the record. */
  mutation: string;
  inputType: string;
  payload: string;
  /** The record's fields the answers and the read show, besides `version`. */
  selection: string;
  /** The record and the version a client read. */
  id: string;
  version: number;
  /** The input field naming the record (default `id`). */
  idField?: string;
  /** The changes of the first and of the second update (`id` and `expectedVersion` are added). */
  changes: [Record<string, unknown>, Record<string, unknown>];
  /** What the first and the second answer show of `selection` (their versions are checked apart). */
  answers: [Record<string, unknown>, Record<string, unknown>];
  /** Reads the record afterwards, with `version` and `selection`. */
  read(): Promise<unknown>;
}

/**
 * A mutation answers with what its own write committed (kernel/subgraph/committed.ts): two aliased
 * updates of one record in one document, the second expecting the version the first wrote,
 * must answer `a` with version+1 and the first changes, `b` with version+2 and the second,
 * never with what the request read before; a read afterwards agrees with `b`.
 */
export async function expectOwnAnswers(client: Pick<TestClient, 'queryOk'>, update: TwoUpdates): Promise<void> {
  const { mutation, inputType, payload, selection, id, version, idField = 'id', changes } = update;
  const answer = await client.queryOk<Record<'a' | 'b', Record<string, unknown>>>(
    `mutation ($a: ${inputType}!, $b: ${inputType}!) {
      a: ${mutation}(input: $a) { ${payload} { version ${selection} } }
      b: ${mutation}(input: $b) { ${payload} { version ${selection} } }
    }`,
    { a: { [idField]: id, expectedVersion: version, ...changes[0] }, b: { [idField]: id, expectedVersion: version + 1, ...changes[1] } },
  );
  expect(answer).toEqual({
    a: { [payload]: { version: version + 1, ...update.answers[0] } },
    b: { [payload]: { version: version + 2, ...update.answers[1] } },
  });
  expect(await update.read()).toEqual(answer.b[payload]);
}

/** The id of the organisation responsible for an indicator (its values' owner). */
export async function responsibleOrganizationOf(graph: Pick<TestGraph, 'queryOk'>, indicatorId: string): Promise<string> {
  const { indicator } = await graph.queryOk<{ indicator: { responsibleOrganization: { id: string } } }>(
    'query ($id: ID) { indicator(id: $id) { responsibleOrganization { id } } }',
    { id: indicatorId },
  );
  return indicator.responsibleOrganization.id;
}
