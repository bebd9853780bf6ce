// The subgraph's own background worker stays off: each test drives delivery with its own fake clock.
process.env.WEBHOOKS_WORKER = 'false';

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import type { Caller } from '../../kernel/identity/caller';
import { openDatabase, rowsOf, type Db } from '../../kernel/platform/db';
import { REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import { queryOk } from '../../kernel/testing/http';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import { integrations } from '..';
import type * as schema from '../db/schema';
import { WebhookService } from '../webhooks/service';
import { claimDue, leaseMs } from '../webhooks/worker';
import { verifyWebhook, WebhookVerificationError } from '../webhooks/signing';
import { changeEvent, FakeClock, HOUR, Receiver, TEST_CONFIG } from './webhook-helpers';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url status filter { entityIds } } }
}`;
const ENDPOINT = `query ($id: ID!) { webhookEndpoint(id: $id) { id status statusReason version previousSecretExpiresAt } }`;
const DELIVERIES = `query ($endpointId: ID!, $status: [WebhookDeliveryStatus!]) {
  webhookDeliveries(endpointId: $endpointId, status: $status, first: 100) {
    totalCount
    nodes { id eventId eventType cursor status attemptCount nextAttemptAt lastResponseCode lastLatencyMs lastError attempts { attempt responseCode error } }
  }
}`;

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  cursor: string | null;
  status: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastResponseCode: number | null;
  lastError: string | null;
  attempts: Array<{ attempt: number; responseCode: number | null; error: string | null }>;
}

describe('webhooks', () => {
  let graph: TestGraph;
  /** Endpoints are managed as an integrator (admins may too; nobody else). */
  let integrator: TestClient;
  let db: Db<typeof schema>;
  const clock = new FakeClock();
  let service: WebhookService;
  let receiver: Receiver;

  const ingest = (events: RelayedEvent[]) => graph.ingest(events);

  /** An endpoint at the receiver that wants only these entities (so tests do not see each other's events). */
  const createEndpoint = async (entityIds: string[], url = receiver.url, client: Pick<TestClient, 'queryOk'> = integrator) => {
    const data = await client.queryOk<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(CREATE, {
      input: { url, description: 'test receiver', filter: { entityIds } },
    });
    return { id: data.createWebhookEndpoint.endpoint.id, secret: data.createWebhookEndpoint.secret };
  };

  const deliveries = async (endpointId: string, status?: string[], client: Pick<TestClient, 'queryOk'> = integrator) =>
    (await client.queryOk<{ webhookDeliveries: { nodes: Delivery[] } }>(DELIVERIES, { endpointId, status })).webhookDeliveries.nodes;

  /** Advances the fake clock in steps, delivering whatever falls due at each. */
  const runFor = async (totalMs: number, stepMs: number, worker = service) => {
    for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
      clock.advance(stepMs);
      await worker.drain();
    }
  };

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
    integrator = graph.as('integrator');
    db = graph.dbOf('integrations');
    service = new WebhookService(db, { clock, instanceId: 'instance-a', config: TEST_CONFIG });
    receiver = await new Receiver(clock).start();
  });
  afterEach(() => {
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 204 });
  });
  afterAll(async () => {
    await receiver?.stop();
    await graph?.stop();
  });

  it('signs a change event so the receiver can verify it; a tampered body or another secret fails', async () => {
    const entityId = randomUUID();
    const { id, secret } = await createEndpoint([entityId]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const event = changeEvent(entityId, 2);
    await ingest([event]);
    await service.drain();

    expect(receiver.received).toHaveLength(1);
    const [payload] = receiver.verified(secret);
    expect(payload).toMatchObject({ id: event.eventId, type: 'organization.updated', entityId, version: 2 });
    const request = receiver.received[0]!;
    expect(request.headers['webhook-id']).toBe(event.eventId);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(() => verifyWebhook(secret, request.body.replace('"version":2', '"version":3'), request.headers, { now: request.at })).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifyWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, request.body, request.headers, { now: request.at })).toThrow(
      WebhookVerificationError,
    );
    // A replayed request from long ago is refused by the timestamp check.
    expect(() => verifyWebhook(secret, request.body, request.headers, { now: new Date(request.at.getTime() + HOUR) })).toThrow(/timestamp/);

    // The delivery log shows the attempt; its cursor is the change's cursor in `changes`.
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ eventId: event.eventId, status: 'SUCCEEDED', attemptCount: 1, lastResponseCode: 204, cursor: payload!.cursor });

    // Rotation: two signatures while the previous secret is in its grace period, each verifies.
    const rotated = await integrator.queryOk<{ rotateWebhookSecret: { secret: string; endpoint: { previousSecretExpiresAt: string } } }>(
      `mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { previousSecretExpiresAt } } }`,
      { id },
    );
    const newSecret = rotated.rotateWebhookSecret.secret;
    expect(newSecret).not.toBe(secret);
    await ingest([changeEvent(entityId, 3)]);
    await service.drain();
    const second = receiver.received[1]!;
    expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWebhook(newSecret, second.body, second.headers, { now: second.at })).toMatchObject({ version: 3 });
    expect(verifyWebhook(secret, second.body, second.headers, { now: second.at })).toMatchObject({ version: 3 });
    // After the grace period only the new secret signs.
    clock.advance(25 * HOUR);
    await ingest([changeEvent(entityId, 4)]);
    await service.drain();
    const third = receiver.received[2]!;
    expect(() => verifyWebhook(secret, third.body, third.headers, { now: third.at })).toThrow(WebhookVerificationError);
    expect(verifyWebhook(newSecret, third.body, third.headers, { now: third.at })).toMatchObject({ version: 4 });
  });

  it('a receiver down for two days receives everything afterwards, in order per entity', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const { id, secret } = await createEndpoint([a, b]);
    receiver.answer = () => 'down';
    await ingest([changeEvent(a, 1), changeEvent(b, 1), changeEvent(a, 2), changeEvent(b, 2), changeEvent(a, 3)]);
    await service.drain();
    await runFor(48 * HOUR, HOUR);

    const during = await deliveries(id);
    expect(during).toHaveLength(5);
    expect(during.every((d) => d.status === 'FAILED' || d.status === 'PENDING')).toBe(true);
    // Only the first event of each entity was tried: later ones wait behind it.
    const tried = during.filter((d) => d.attemptCount > 0);
    expect(tried).toHaveLength(2);
    expect(tried.every((d) => d.attemptCount >= 10 && d.lastResponseCode === null && d.lastError !== null)).toBe(true);

    receiver.answer = () => ({ status: 200 });
    await runFor(12 * HOUR, HOUR);
    const got = receiver.verified(secret);
    expect(got).toHaveLength(5);
    expect(new Set(got.map((p) => p.id)).size).toBe(5);
    expect(got.filter((p) => p.entityId === a).map((p) => p.version)).toEqual([1, 2, 3]);
    expect(got.filter((p) => p.entityId === b).map((p) => p.version)).toEqual([1, 2]);
    expect((await deliveries(id)).every((d) => d.status === 'SUCCEEDED')).toBe(true);
  });

  it('gives up after the retry window (3 days): the delivery is DEAD and can be redelivered', async () => {
    const entityId = randomUUID();
    const { id } = await createEndpoint([entityId]);
    receiver.answer = () => ({ status: 500 });
    await ingest([changeEvent(entityId, 1)]);
    await service.drain();
    await runFor(74 * HOUR, 2 * HOUR);
    const [dead] = await deliveries(id);
    expect(dead).toMatchObject({ status: 'DEAD', lastResponseCode: 500, nextAttemptAt: null });

    receiver.answer = () => ({ status: 200 });
    const redelivered = await integrator.queryOk<{ redeliverWebhookDeliveries: { count: number } }>(
      `mutation ($endpointId: ID!) { redeliverWebhookDeliveries(endpointId: $endpointId, status: [DEAD]) { count } }`,
      { endpointId: id },
    );
    expect(redelivered.redeliverWebhookDeliveries.count).toBe(1);
    await service.drain();
    const [done] = await deliveries(id);
    expect(done!.status).toBe('SUCCEEDED');
    expect(done!.attempts.at(-1)).toMatchObject({ responseCode: 200 });
  });

  it('410 Gone disables the endpoint; it then receives nothing until resumed', async () => {
    const entityId = randomUUID();
    const { id } = await createEndpoint([entityId]);
    receiver.answer = () => ({ status: 410 });
    await ingest([changeEvent(entityId, 1), changeEvent(entityId, 2)]);
    await service.drain();
    expect(receiver.received).toHaveLength(1);
    const endpoint = await integrator.queryOk<{ webhookEndpoint: { status: string; statusReason: string } }>(ENDPOINT, { id });
    expect(endpoint.webhookEndpoint).toMatchObject({ status: 'DISABLED', statusReason: expect.stringContaining('410') });
    expect((await deliveries(id)).map((d) => d.status)).toEqual(['DEAD', 'DEAD']);

    await ingest([changeEvent(entityId, 3)]);
    await runFor(HOUR, HOUR);
    expect(receiver.received).toHaveLength(1);
    expect(await deliveries(id)).toHaveLength(2);

    receiver.answer = () => ({ status: 200 });
    const resumed = await integrator.queryOk<{ resumeWebhookEndpoint: { endpoint: { status: string } } }>(
      `mutation ($id: ID!) { resumeWebhookEndpoint(id: $id) { endpoint { status } } }`,
      { id },
    );
    expect(resumed.resumeWebhookEndpoint.endpoint.status).toBe('ACTIVE');
  });

  it('honours Retry-After on 429 and 503', async () => {
    const entityId = randomUUID();
    const { id } = await createEndpoint([entityId]);
    let calls = 0;
    receiver.answer = () =>
      ++calls === 1 ? { status: 429, headers: { 'retry-after': '7200' } } : calls === 2 ? { status: 503, headers: { 'retry-after': '600' } } : { status: 200 };
    await ingest([changeEvent(entityId, 1)]);
    await service.drain();
    const [first] = await deliveries(id);
    expect(first).toMatchObject({ status: 'FAILED', lastResponseCode: 429 });
    const waitMs = new Date(first!.nextAttemptAt!).getTime() - clock.now().getTime();
    expect(waitMs).toBeGreaterThan(7_100_000);
    expect(waitMs).toBeLessThanOrEqual(7_200_000);
    clock.advance(7_100_000);
    await service.drain();
    expect(calls).toBe(1);
    clock.advance(120_000);
    await service.drain();
    expect(calls).toBe(2);
    clock.advance(590_000);
    await service.drain();
    expect(calls).toBe(2);
    clock.advance(20_000);
    await service.drain();
    expect(calls).toBe(3);
    expect((await deliveries(id))[0]!.status).toBe('SUCCEEDED');
  });

  it('two instances over the same database deliver each event exactly once, in order per entity', async () => {
    const entities = Array.from({ length: 8 }, () => randomUUID());
    const { secret } = await createEndpoint(entities);
    // On PostgreSQL the second instance has its own connection pool, as a second process would.
    let second: { db: Db<typeof schema>; close(): Promise<void> } = { db, close: async () => undefined };
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (serverUrl) {
      const [row] = rowsOf<{ name: string }>(await db.execute(sql`select current_database() as name`));
      const url = new URL(serverUrl);
      url.pathname = `/${row!.name}`;
      const handle = await openDatabase({
        name: 'integrations',
        schema: integrations.schema,
        migrationsFolder: integrations.migrationsFolder,
        url: url.toString(),
        poolSize: 4,
      });
      second = { db: handle.db, close: () => handle.close() };
    }
    // Small claim batches, so both instances have work at the same time.
    const config = { ...TEST_CONFIG, batchSize: 3, pollIntervalMs: 10 };
    const instances = [
      new WebhookService(db, { clock, instanceId: 'instance-a', config }),
      new WebhookService(second.db, { clock, instanceId: 'instance-b', config }),
    ];
    const events = Array.from({ length: 32 }, (_, i) => changeEvent(entities[i % 8]!, Math.floor(i / 8) + 1));
    try {
      for (const instance of instances) instance.start();
      await ingest(events.slice(0, 16));
      await ingest(events.slice(16));
      for (let waited = 0; receiver.received.length < 32 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100)); // anything sent twice would arrive by now
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
      await second.close();
    }
    const got = receiver.verified(secret);
    expect(got).toHaveLength(32);
    expect(new Set(got.map((p) => p.id)).size).toBe(32);
    for (const entity of entities) {
      expect(got.filter((p) => p.entityId === entity).map((p) => p.version)).toEqual([1, 2, 3, 4]);
    }
    // Each delivery was attempted once in all, and both instances took part.
    const attempts = rowsOf<{ instance: string; n: number }>(
      await db.execute(sql`select a.instance, count(*)::int as n from integrations.webhook_attempts a
        join integrations.webhook_deliveries d on d.id = a.delivery_id where d.event_id in (${sql.join(
          events.map((e) => sql`${e.eventId}`),
          sql`, `,
        )})
        group by a.instance`),
    );
    expect(attempts.reduce((sum, row) => sum + Number(row.n), 0)).toBe(32);
    expect(attempts.map((row) => row.instance).sort()).toEqual(['instance-a', 'instance-b']);
  });

  it('takes over a delivery whose worker died mid-attempt, once its lease expires', async () => {
    const entityId = randomUUID();
    const { id, secret } = await createEndpoint([entityId]);
    await ingest([changeEvent(entityId, 1)]);
    await service.fanOut();
    // Another instance claims the delivery and dies before sending it.
    const claimed = await claimDue(db, 'crashed-instance', clock.now(), TEST_CONFIG);
    expect(claimed.map((delivery) => delivery.endpointId)).toContain(id);
    await service.drain();
    expect(receiver.received).toHaveLength(0);
    clock.advance(leaseMs(TEST_CONFIG) + 1_000);
    await service.drain();
    expect(receiver.verified(secret)).toHaveLength(1);
    expect((await deliveries(id))[0]).toMatchObject({ status: 'SUCCEEDED', attemptCount: 1 });
  });

  it('checks the target again before each attempt: a private address is refused in production mode', async () => {
    const entityId = randomUUID();
    const { id } = await createEndpoint([entityId]);
    const production = new WebhookService(db, { clock, instanceId: 'production', config: { ...TEST_CONFIG, allowPrivateTargets: false } });
    await ingest([changeEvent(entityId, 1)]);
    await production.drain();
    expect(receiver.received).toHaveLength(0);
    expect((await deliveries(id))[0]).toMatchObject({ status: 'FAILED', lastResponseCode: null, lastError: expect.stringContaining('public address') });
    // Its retries must not reach the receiver during later tests.
    await integrator.queryOk(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedId } }`, { id });
  });

  it('an integrator’s endpoint never receives RESTRICTED, INTERNAL or draft events; an admin’s receives them all', async () => {
    const entityId = randomUUID();
    const mine = await createEndpoint([entityId]);
    const admin = graph.as('admin');
    const admins = await createEndpoint([entityId], receiver.url, admin);
    const owner = REGISTRY_STEWARD_ID;
    await ingest([
      changeEvent(entityId, 1, { access: { level: 'RESTRICTED', ownerOrganizationId: owner } }),
      changeEvent(entityId, 2, { access: { level: 'INTERNAL', ownerOrganizationId: owner } }),
      changeEvent(entityId, 3, { access: { level: 'PUBLIC', draft: true, ownerOrganizationId: owner } }),
      changeEvent(entityId, 4, { access: { level: 'RESTRICTED', ownerOrganizationId: owner, grantedOrganizationIds: [owner] } }),
      changeEvent(entityId, 5),
    ]);
    await service.drain();
    const payloads = (secret: string) =>
      receiver.received.flatMap((request) => {
        try {
          return [verifyWebhook(secret, request.body, request.headers, { now: request.at }) as { version: number; actor: Record<string, unknown> }];
        } catch {
          return [];
        }
      });
    expect(payloads(mine.secret).map((p) => p.version)).toEqual([5]);
    expect(await deliveries(mine.id)).toHaveLength(1);
    expect(payloads(admins.secret).map((p) => p.version)).toEqual([1, 2, 3, 4, 5]);
    expect(await deliveries(admins.id, undefined, admin)).toHaveLength(5);
    // The payload names who wrote, never from where (that is for the audit log).
    expect(Object.keys(payloads(admins.secret)[0]!.actor).sort()).toEqual(['organizationId', 'requestId', 'role', 'subject']);
    // Each owner manages only their own: the integrator does not see the admin's endpoint.
    expect((await integrator.query(ENDPOINT, { id: admins.id })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    await admin.queryOk(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedId } }`, { id: admins.id });
  });

  it('an endpoint created with an API key belongs to apikey:<id>, and stops receiving when the key is revoked', async () => {
    const admin = graph.as('admin');
    const created = await admin.queryOk<{ createApiKey: { apiKey: { id: string } } }>(
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`,
      { input: { name: 'webhook partner', role: 'INTEGRATOR', scopes: ['WEBHOOKS'], expiresAt: new Date(Date.now() + 30 * 24 * HOUR).toISOString() } },
    );
    const keyId = created.createApiKey.apiKey.id;
    // As the gateway calls the subgraph for a request with that key's X-Api-Key.
    const asKey = {
      queryOk: async <T>(query: string, variables?: Record<string, unknown>) => {
        const caller: Caller = { role: 'integrator', organizationId: null, subject: `apikey:${keyId}`, scopes: ['WEBHOOKS'], credential: 'apiKey' };
        const headers = await graph.assertionHeadersFor('integrations', caller, { query, variables });
        return queryOk<T>(graph.subgraphs.integrations!.url, query, variables, headers);
      },
    };
    const entityId = randomUUID();
    const { id, secret } = await createEndpoint([entityId], receiver.url, asKey);
    const owned = await asKey.queryOk<{ webhookEndpoints: { nodes: Array<{ id: string }> } }>(`{ webhookEndpoints(first: 100) { nodes { id } } }`);
    expect(owned.webhookEndpoints.nodes.map((n) => n.id)).toEqual([id]);
    // Another integrator (a token with its own subject) does not see it.
    expect((await integrator.query(ENDPOINT, { id })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });

    await ingest([changeEvent(entityId, 1)]);
    await service.drain();
    expect(receiver.verified(secret).map((p) => p.version)).toEqual([1]);

    await admin.queryOk(`mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { status } } }`, { id: keyId });
    const endpoint = await admin.queryOk<{ webhookEndpoint: { status: string; statusReason: string } }>(ENDPOINT, { id });
    expect(endpoint.webhookEndpoint).toMatchObject({ status: 'DISABLED', statusReason: expect.stringContaining('revoked') });
    await ingest([changeEvent(entityId, 2)]);
    await service.drain();
    expect(receiver.received).toHaveLength(1);
    // Even resumed by an admin, an endpoint of a revoked key gets nothing: its owner may see nothing.
    await admin.queryOk(`mutation ($id: ID!) { resumeWebhookEndpoint(id: $id) { endpoint { status } } }`, { id });
    await ingest([changeEvent(entityId, 3)]);
    await service.drain();
    expect(receiver.received).toHaveLength(1);
    expect(await deliveries(id, undefined, admin)).toHaveLength(1);
  });

  it('pings, pauses, resumes, redelivers and deletes through the API', async () => {
    const entityId = randomUUID();
    const { id, secret } = await createEndpoint([entityId]);
    const ping = await integrator.queryOk<{ sendWebhookPing: { delivery: { id: string; eventType: string } } }>(
      `mutation ($id: ID!) { sendWebhookPing(id: $id) { delivery { id eventType } } }`,
      { id },
    );
    expect(ping.sendWebhookPing.delivery.eventType).toBe('webhook.ping');
    await service.drain();
    expect(receiver.verified(secret)).toEqual([expect.objectContaining({ type: 'webhook.ping' })]);

    await integrator.queryOk(`mutation ($id: ID!) { pauseWebhookEndpoint(id: $id) { endpoint { status } } }`, { id });
    await ingest([changeEvent(entityId, 1)]);
    await service.drain();
    expect(receiver.received).toHaveLength(1);
    expect((await deliveries(id, ['PENDING'])).map((d) => d.eventType)).toEqual(['organization.updated']);
    await integrator.queryOk(`mutation ($id: ID!) { resumeWebhookEndpoint(id: $id) { endpoint { status } } }`, { id });
    await service.drain();
    expect(receiver.verified(secret).map((p) => p.type)).toEqual(['webhook.ping', 'organization.updated']);

    // Redelivering one delivery sends the same event (same webhook-id) again.
    const again = await integrator.queryOk<{ redeliverWebhookDelivery: { delivery: { status: string } } }>(
      `mutation ($id: ID!) { redeliverWebhookDelivery(id: $id) { delivery { status } } }`,
      { id: ping.sendWebhookPing.delivery.id },
    );
    expect(again.redeliverWebhookDelivery.delivery.status).toBe('PENDING');
    await service.drain();
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([
      ping.sendWebhookPing.delivery.id,
      expect.any(String),
      ping.sendWebhookPing.delivery.id,
    ]);

    const list = await integrator.queryOk<{ webhookEndpoints: { nodes: Array<{ id: string }> } }>(`{ webhookEndpoints(first: 100) { nodes { id } } }`);
    expect(list.webhookEndpoints.nodes.map((n) => n.id)).toContain(id);
    await integrator.queryOk(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedId } }`, { id });
    const gone = await integrator.query(ENDPOINT, { id });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('delivers live on the real clock when started (the production loop)', async () => {
    const entityId = randomUUID();
    const { secret } = await createEndpoint([entityId]);
    const live = new WebhookService(db, { instanceId: 'live', config: TEST_CONFIG });
    live.start();
    try {
      await ingest([changeEvent(entityId, 1)]);
      for (let waited = 0; receiver.received.length === 0 && waited < 5_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await live.stop();
    }
    expect(verifyWebhook(secret, receiver.received[0]!.body, receiver.received[0]!.headers)).toMatchObject({ entityId });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, unknown ids with NOT_FOUND, and non-managers with FORBIDDEN', async () => {
    const create = (url: string) => integrator.query(CREATE, { input: { url } });
    expect((await create('ftp://example.org/hook')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect((await create('not a url')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });

    process.env.WEBHOOKS_ALLOW_PRIVATE_TARGETS = 'false';
    try {
      for (const url of ['http://127.0.0.1:9/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest', 'http://[::1]/hook', 'http://localhost/hook']) {
        const result = await create(url);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
      }
    } finally {
      delete process.env.WEBHOOKS_ALLOW_PRIVATE_TARGETS;
    }

    const unknown = randomUUID();
    expect((await integrator.query(ENDPOINT, { id: unknown })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await integrator.query(`mutation ($id: ID!) { pauseWebhookEndpoint(id: $id) { endpoint { id } } }`, { id: unknown })).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await integrator.query(DELIVERIES, { endpointId: unknown })).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', endpointId: unknown });

    // Only integrators and admins manage webhooks.
    for (const [who, query] of [
      ['anonymous', graph.query.bind(graph)],
      ['partner', graph.as('partner', REGISTRY_STEWARD_ID).query],
      ['editor', graph.as('editor', REGISTRY_STEWARD_ID).query],
    ] as const) {
      const result = await query(CREATE, { input: { url: 'https://example.org/hook' } });
      expect({ who, extensions: result.errors?.[0]?.extensions }).toMatchObject({ who, extensions: { code: 'FORBIDDEN' } });
    }
  });
});
