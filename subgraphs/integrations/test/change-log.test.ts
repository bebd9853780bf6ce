import { randomUUID } from 'node:crypto';
import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import type { Scope } from '../../kernel/identity/access-policy';
import type { Caller } from '../../kernel/identity/caller';
import { REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import { INGEST_PATH } from '../../kernel/platform/internal-paths';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';

function event(n: number, overrides: Partial<RelayedEvent> = {}): RelayedEvent {
  return {
    position: n,
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    source: 'programmes',
    type: 'organization.updated',
    entityType: 'Organization',
    entityId: '215b30bd-76bd-5047-8b2e-0993a9883be5', // UBND TP Hà Nội, seeded by programmes
    operation: 'UPDATE',
    entityVersion: n + 1,
    occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)),
    actor: { role: 'editor', subject: 'test', organizationId: null, requestId: `req-${n}` },
    changedFields: ['website'],
    before: { website: null },
    after: { website: `https://example.invalid/${n}` },
    access: { level: 'PUBLIC', ownerOrganizationId: null },
    ...overrides,
  };
}

const CHANGES = `query ($after: String, $first: Int, $filter: ChangeFilter) {
  changes(after: $after, first: $first, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id cursor type version changedFields after entity { __typename ... on Organization { shortName } } }
  }
}`;

interface ChangesData {
  changes: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{ id: string; cursor: string; version: number; entity: { __typename: string; shortName?: string } | null }>;
  };
}

describe('change log', () => {
  let graph: TestGraph;
  let ingestUrl: string;
  const post = async (body: unknown) =>
    fetch(ingestUrl, {
      method: 'POST',
      headers: { ...(await graph.serviceHeadersFor('integrations')), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
    ingestUrl = new URL(INGEST_PATH, graph.subgraphs.integrations!.url).toString();
  });
  afterAll(() => graph?.stop());

  it('stores relayed events once, and replays them in order with their current entity', async () => {
    const batch = [event(1), event(2), event(3)];
    expect((await post({ source: 'programmes', events: batch })).status).toBe(200);
    // The relay retries after a crash: the same events again change nothing.
    const retry = await post({ source: 'programmes', events: batch });
    expect(await retry.json()).toEqual({ accepted: 3, appended: 0 });

    const page1 = await graph.queryOk<ChangesData>(CHANGES, { first: 2 });
    expect(page1.changes.totalCount).toBe(3);
    expect(page1.changes.nodes.map((n) => n.version)).toEqual([2, 3]);
    // `entity` is resolved by the programmes subgraph, through the gateway.
    expect(page1.changes.nodes[0]!.entity).toEqual({ __typename: 'Organization', shortName: 'UBND TP Hà Nội' });
    const page2 = await graph.queryOk<ChangesData>(CHANGES, { first: 2, after: page1.changes.pageInfo.endCursor });
    expect(page2.changes.nodes.map((n) => n.version)).toEqual([4]);
    expect(page2.changes.pageInfo.hasNextPage).toBe(false);

    // Resuming from the last cursor later sees only what came after it.
    await post({ source: 'programmes', events: [event(4)] });
    const resumed = await graph.queryOk<ChangesData>(CHANGES, { after: page2.changes.pageInfo.endCursor });
    expect(resumed.changes.nodes.map((n) => n.version)).toEqual([5]);
  });

  it('filters by entity id and type, and hides non-public records’ changes from anonymous callers', async () => {
    await post({
      source: 'catalogue',
      events: [event(10, { entityType: 'Dataset', entityId: 'internal-1', access: { level: 'INTERNAL', ownerOrganizationId: null } })],
    });
    const all = await graph.queryOk<ChangesData>(CHANGES, { first: 100 });
    expect(all.changes.nodes.some((n) => n.id === event(10).eventId)).toBe(false);
    const datasets = await graph.queryOk<ChangesData>(CHANGES, { filter: { entityTypes: ['Dataset'] } });
    expect(datasets.changes.totalCount).toBe(0);
    const byId = await graph.queryOk<ChangesData>(CHANGES, { filter: { entityIds: [event(1).entityId], types: ['organization.updated'] } });
    expect(byId.changes.totalCount).toBe(4);
  });

  it('shows each caller the events of records it may read, in the list and in totalCount', async () => {
    const owner = REGISTRY_STEWARD_ID;
    const partner = randomUUID();
    const entityId = randomUUID();
    const events = [
      event(30, { entityType: 'Dataset', entityId, access: { level: 'RESTRICTED', ownerOrganizationId: owner, grantedOrganizationIds: [partner] } }),
      event(31, { entityType: 'Dataset', entityId, access: { level: 'INTERNAL', ownerOrganizationId: owner } }),
      event(32, { entityType: 'Dataset', entityId, access: { level: 'PUBLIC', draft: true, ownerOrganizationId: owner } }),
      event(33, { entityType: 'Dataset', entityId, access: { level: 'PUBLIC', ownerOrganizationId: owner } }),
    ];
    expect((await post({ source: 'catalogue', events })).status).toBe(200);
    const seen = async (client: { queryOk: TestGraph['queryOk'] }) => {
      const { changes } = await client.queryOk<ChangesData>(CHANGES, { filter: { entityIds: [entityId] } });
      expect(changes.totalCount).toBe(changes.nodes.length);
      return changes.nodes.map((n) => n.version);
    };
    expect(await seen(graph)).toEqual([34]);
    expect(await seen(graph.as('integrator'))).toEqual([34]);
    expect(await seen(graph.as('partner', partner))).toEqual([31, 33, 34]); // granted, and partners see drafts
    expect(await seen(graph.as('partner', randomUUID()))).toEqual([33, 34]);
    expect(await seen(graph.as('editor', owner))).toEqual([31, 32, 33, 34]);
    expect(await seen(graph.as('editor', partner))).toEqual([34]); // a grant is for partners, not editors
    expect(await seen(graph.as('admin'))).toEqual([31, 32, 33, 34]);
  });

  it('answers FORBIDDEN to an API key without the CHANGES scope', async () => {
    const key = (scopes: Scope[]): Caller => ({ role: 'integrator', organizationId: null, subject: 'apikey:test', scopes, credential: 'apiKey' });
    // Straight to the subgraph, as the gateway calls it for a request with such a key.
    const OWN_FIELDS = `query ($first: Int) { changes(first: $first) { totalCount nodes { id version } } }`;
    const without = await graph.postToSubgraph('integrations', OWN_FIELDS, { first: 1 }, key(['WEBHOOKS']));
    expect(without.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(without.errors?.[0]?.message).toContain('CHANGES');
    const withScope = await graph.postToSubgraph<ChangesData>('integrations', OWN_FIELDS, { first: 1 }, key(['CHANGES']));
    expect(withScope.errors).toBeUndefined();
    expect(withScope.data?.changes.nodes).toHaveLength(1);
  });

  it('refuses malformed batches whole, and bad cursors with BAD_USER_INPUT', async () => {
    const bad = await post({ events: [event(20), { ...event(21), operation: 'EXPLODE' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain('events[1]: operation');
    for (const [broken, message] of [
      [{ ...event(22), access: { level: 'PUBLIC', ownerOrganizationId: null, draft: 'yes' } }, 'access.draft'],
      [{ ...event(22), access: { level: 'RESTRICTED', ownerOrganizationId: null, grantedOrganizationIds: 'all' } }, 'access.grantedOrganizationIds'],
      [{ ...event(22), actor: { role: 'root', subject: null, organizationId: null, requestId: 'r' } }, 'actor.role'],
    ] as const) {
      const refused = await post({ events: [broken] });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain(message);
    }
    const after = await graph.queryOk<ChangesData>(CHANGES, { filter: { entityIds: [event(1).entityId] }, first: 100 });
    expect(after.changes.nodes.some((n) => n.id === event(20).eventId)).toBe(false);

    const cursor = await graph.query(CHANGES, { after: 'bm90LWEtY3Vyc29y' });
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
