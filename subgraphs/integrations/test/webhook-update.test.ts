// The subgraph's own background worker stays off: each test drives delivery with its own fake clock.
process.env.WEBHOOKS_WORKER = 'false';

import { randomUUID } from 'node:crypto';
import { startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import type { Db } from '../../kernel/platform/db';
import { REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import type * as schema from '../db/schema';
import { WebhookService } from '../webhooks/service';
import { changeEvent, FakeClock, Receiver, TEST_CONFIG } from './webhook-helpers';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id version } }
}`;
const UPDATE = `mutation ($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) {
    endpoint { id url description status version filter { types entityTypes entityIds } }
  }
}`;
const AUDIT = `query ($entityId: ID) {
  auditLog(first: 100, filter: { entityId: $entityId }) {
    nodes { eventId type entityType entityId operation changedFields source actor { role subject credential requestId } }
  }
}`;

interface UpdatedEndpoint {
  id: string;
  url: string;
  description: string | null;
  status: string;
  version: number;
  filter: { types: string[]; entityTypes: string[]; entityIds: string[] };
}

describe('updateWebhookEndpoint', () => {
  let graph: TestGraph;
  let integrator: TestClient;
  let db: Db<typeof schema>;
  const clock = new FakeClock();
  let service: WebhookService;
  let receiver: Receiver;

  const ingest = (events: RelayedEvent[]) => graph.ingest(events);

  const create = async (entityIds: string[], client: TestClient = integrator) => {
    const data = await client.queryOk<{ createWebhookEndpoint: { secret: string; endpoint: { id: string; version: number } } }>(CREATE, {
      input: { url: receiver.url, description: 'first receiver', filter: { entityIds } },
    });
    return { id: data.createWebhookEndpoint.endpoint.id, secret: data.createWebhookEndpoint.secret, version: data.createWebhookEndpoint.endpoint.version };
  };

  const update = (client: TestClient, input: Record<string, unknown>) =>
    client.query<{ updateWebhookEndpoint: { endpoint: UpdatedEndpoint } }>(UPDATE, { input });
  const updateOk = async (client: TestClient, input: Record<string, unknown>) =>
    (await client.queryOk<{ updateWebhookEndpoint: { endpoint: UpdatedEndpoint } }>(UPDATE, { input })).updateWebhookEndpoint.endpoint;

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
    integrator = graph.as('integrator', undefined, { sub: 'integrator-an' });
    db = graph.dbOf('integrations');
    service = new WebhookService(db, { clock, instanceId: 'update-test', config: TEST_CONFIG });
    receiver = await new Receiver(clock).start();
  });
  afterEach(() => {
    receiver.received.length = 0;
  });
  afterAll(async () => {
    await receiver?.stop();
    await graph?.stop();
  });

  it('lets the owner change the description and URL; fields left out keep their value, null clears the description', async () => {
    const { id, version } = await create([randomUUID()]);
    expect(version).toBe(1);

    const described = await updateOk(integrator, { id, description: '  second receiver  ' });
    expect(described).toMatchObject({ url: receiver.url, description: 'second receiver', status: 'ACTIVE', version: 2 });

    const moved = await updateOk(integrator, { id, url: `${receiver.url}/v2` });
    expect(moved).toMatchObject({ url: `${receiver.url}/v2`, description: 'second receiver', version: 3 });

    const cleared = await updateOk(integrator, { id, description: null });
    expect(cleared).toMatchObject({ url: `${receiver.url}/v2`, description: null, version: 4 });

    // Nothing to change: nothing written, the version stays.
    expect(await updateOk(integrator, { id, url: `${receiver.url}/v2` })).toMatchObject({ version: 4 });
  });

  it('refuses a stale expectedVersion with CONFLICT and changes nothing', async () => {
    const { id } = await create([randomUUID()]);
    expect(await updateOk(integrator, { id, expectedVersion: 1, description: 'v2' })).toMatchObject({ version: 2 });
    const stale = await update(integrator, { id, expectedVersion: 1, description: 'lost update' });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, expectedVersion: 1 });
    const [endpoint] = (
      await integrator.queryOk<{ webhookEndpoints: { nodes: Array<{ id: string; description: string; version: number }> } }>(
        `{ webhookEndpoints(first: 100) { nodes { id description version } } }`,
      )
    ).webhookEndpoints.nodes.filter((node) => node.id === id);
    expect(endpoint).toMatchObject({ description: 'v2', version: 2 });
  });

  it('answers another integrator with NOT_FOUND, non-managers with FORBIDDEN, and lets an admin update anyone’s endpoint', async () => {
    const { id } = await create([randomUUID()]);
    const other = graph.as('integrator', undefined, { sub: 'integrator-binh' });
    const refused = await update(other, { id, description: 'hijacked' });
    expect(refused.data?.updateWebhookEndpoint ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id });

    for (const [who, client] of [
      ['partner', graph.as('partner', REGISTRY_STEWARD_ID)],
      ['editor', graph.as('editor', REGISTRY_STEWARD_ID)],
    ] as const) {
      const result = await update(client, { id, description: 'not mine' });
      expect({ who, extensions: result.errors?.[0]?.extensions }).toMatchObject({ who, extensions: { code: 'FORBIDDEN' } });
    }
    const anonymous = await graph.query(UPDATE, { input: { id, description: 'anonymous' } });
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const byAdmin = await updateOk(graph.as('admin'), { id, description: 'fixed by an admin' });
    expect(byAdmin).toMatchObject({ id, description: 'fixed by an admin', version: 2 });
  });

  it('checks the URL as creation does: BAD_USER_INPUT naming input.url, and the endpoint unchanged', async () => {
    const { id } = await create([randomUUID()]);
    for (const url of ['ftp://example.org/hook', 'not a url', 'https://user:pw@example.org/hook', null]) {
      const result = await update(integrator, { id, url });
      expect({ url, extensions: result.errors?.[0]?.extensions }).toMatchObject({ url, extensions: { code: 'BAD_USER_INPUT', field: 'input.url' } });
    }
    process.env.WEBHOOKS_ALLOW_PRIVATE_TARGETS = 'false';
    try {
      for (const url of ['http://127.0.0.1:9/hook', 'http://169.254.169.254/latest', 'http://[::1]/hook']) {
        const result = await update(integrator, { id, url });
        expect({ url, extensions: result.errors?.[0]?.extensions }).toMatchObject({ url, extensions: { code: 'BAD_USER_INPUT', field: 'input.url' } });
      }
    } finally {
      delete process.env.WEBHOOKS_ALLOW_PRIVATE_TARGETS;
    }
    const tooLong = await update(integrator, { id, description: 'x'.repeat(501) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description' });
    // Nothing was written by any of the refused calls.
    expect(await updateOk(integrator, { id })).toMatchObject({ url: receiver.url, description: 'first receiver', version: 1 });
  });

  it('applies a new filter to events committed after the update; those before it go by the old filter', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const { id, secret } = await create([first]);
    // Committed before the update, not fanned out yet (no worker has run): still judged by the old filter.
    await ingest([changeEvent(first, 1), changeEvent(second, 1)]);

    const updated = await updateOk(integrator, { id, filter: { entityIds: [second] } });
    expect(updated.filter).toEqual({ types: [], entityTypes: [], entityIds: [second] });
    expect(updated.version).toBe(2);

    await ingest([changeEvent(first, 2), changeEvent(second, 2)]);
    await service.drain();
    // Deliveries go out concurrently, so their arrival order is not the events' order.
    const delivered = receiver.verified(secret).map((payload) => [payload.entityId, payload.version] as const);
    expect([...delivered].sort((a, b) => a[1] - b[1])).toEqual([
      [first, 1],
      [second, 2],
    ]);

    // null resets the filter: every event its owner may see.
    const reset = await updateOk(integrator, { id, filter: null });
    expect(reset.filter).toEqual({ types: [], entityTypes: [], entityIds: [] });
    await ingest([changeEvent(first, 3)]);
    await service.drain();
    expect(receiver.verified(secret).map((payload) => [payload.entityId, payload.version])).toContainEqual([first, 3]);
  });

  it('writes every endpoint management action to the audit log, with who did it and which fields changed', async () => {
    const { id } = await create([randomUUID()]);
    await updateOk(integrator, { id, description: 'audited', filter: { types: ['organization.updated'] } });
    await integrator.queryOk(`mutation ($id: ID!) { pauseWebhookEndpoint(id: $id) { endpoint { id } } }`, { id });
    await integrator.queryOk(`mutation ($id: ID!) { resumeWebhookEndpoint(id: $id) { endpoint { id } } }`, { id });
    await integrator.queryOk(`mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id });
    await graph.as('admin').queryOk(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { deletedId } }`, { id });

    const audit = await graph
      .as('admin')
      .queryOk<{ auditLog: { nodes: Array<Record<string, unknown> & { actor: Record<string, unknown> }> } }>(AUDIT, { entityId: id });
    const entries = [...audit.auditLog.nodes].reverse();
    expect(entries.map((entry) => [entry.type, entry.operation])).toEqual([
      ['webhook_endpoint.created', 'CREATE'],
      ['webhook_endpoint.updated', 'UPDATE'],
      ['webhook_endpoint.paused', 'UPDATE'],
      ['webhook_endpoint.resumed', 'UPDATE'],
      ['webhook_endpoint.secret_rotated', 'UPDATE'],
      ['webhook_endpoint.deleted', 'DELETE'],
    ]);
    expect(entries[1]).toMatchObject({
      eventId: null,
      entityType: 'WebhookEndpoint',
      entityId: id,
      changedFields: ['description', 'filter'],
      source: 'integrations',
    });
    expect(entries[1]!.actor).toMatchObject({ role: 'integrator', subject: 'integrator-an', credential: 'TOKEN', requestId: expect.any(String) });
    expect(entries[5]!.actor).toMatchObject({ role: 'admin' });
    // A call that changes nothing is not a write, and is not audited.
    const { id: quiet } = await create([randomUUID()]);
    await updateOk(integrator, { id: quiet, description: 'first receiver' });
    const quietAudit = await graph.as('admin').queryOk<{ auditLog: { nodes: Array<{ type: string }> } }>(AUDIT, { entityId: quiet });
    expect(quietAudit.auditLog.nodes.map((entry) => entry.type)).toEqual(['webhook_endpoint.created']);
  });
});
