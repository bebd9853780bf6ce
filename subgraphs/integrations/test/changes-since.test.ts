import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import { CHANGES_SINCE_PATH } from '../../kernel/platform/internal-paths';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';

/** The internal long poll the gateway's response cache evicts by: what changed after a cursor, every level, nothing more. */
let graph: TestGraph;
let sinceUrl: string;
let sequence = 0;

function event(overrides: Partial<RelayedEvent> = {}): RelayedEvent {
  const n = ++sequence;
  return {
    position: n,
    eventId: `00000000-0000-4000-8000-${String(900_000 + n).padStart(12, '0')}`,
    source: 'catalogue',
    type: 'dataset.updated',
    entityType: 'Dataset',
    entityId: `dataset-${n}`,
    operation: 'UPDATE',
    entityVersion: 2,
    occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)),
    actor: { role: 'editor', subject: 'test', organizationId: null, requestId: `req-${n}` },
    changedFields: ['title'],
    before: { title: 'secret before' },
    after: { title: 'secret after' },
    access: { level: 'PUBLIC', ownerOrganizationId: null },
    ...overrides,
  };
}

async function since(after?: string, waitMs = 0, headers?: Record<string, string>): Promise<Response> {
  const url = new URL(sinceUrl);
  if (after !== undefined) url.searchParams.set('after', after);
  url.searchParams.set('waitMs', String(waitMs));
  return fetch(url, { headers: headers ?? (await graph.serviceHeadersFor('integrations')) });
}

type Since = { cursor: string; changes: Array<Record<string, unknown>> };

beforeAll(async () => {
  graph = await startTestGraph({ only: ['integrations'] });
  sinceUrl = new URL(CHANGES_SINCE_PATH, graph.subgraphs.integrations!.url).toString();
}, 300_000);
afterAll(() => graph?.stop());

it('needs a service assertion: nothing for a caller assertion or none', async () => {
  expect((await since(undefined, 0, {})).status).toBe(401);
  expect(
    (
      await since(
        undefined,
        0,
        await graph.assertionHeadersFor('integrations', { role: 'admin', organizationId: null, subject: 'a' }, { query: '{ __typename }' }),
      )
    ).status,
  ).toBe(401);
});

it('answers the head without a cursor, then every event after it, of every level, without its contents', async () => {
  const head = (await (await since()).json()) as Since;
  expect(head.changes).toEqual([]);
  await graph.ingest(
    [event(), event({ entityId: 'restricted-1', access: { level: 'RESTRICTED', ownerOrganizationId: 'org-1' }, operation: 'CREATE' })],
    'catalogue',
  );
  const next = (await (await since(head.cursor)).json()) as Since;
  expect(next.changes).toEqual([
    { source: 'catalogue', entityType: 'Dataset', entityId: `dataset-${sequence - 1}`, operation: 'UPDATE' },
    { source: 'catalogue', entityType: 'Dataset', entityId: 'restricted-1', operation: 'CREATE' },
  ]);
  const none = (await (await since(next.cursor)).json()) as Since;
  expect(none).toEqual({ cursor: next.cursor, changes: [] });
});

it('waits for the next event when there is none yet', async () => {
  const head = (await (await since()).json()) as Since;
  const waiting = since(head.cursor, 20_000);
  await graph.ingest([event({ entityId: 'late' })], 'catalogue');
  const answer = (await (await waiting).json()) as Since;
  expect(answer.changes).toEqual([{ source: 'catalogue', entityType: 'Dataset', entityId: 'late', operation: 'UPDATE' }]);
});

it('refuses a cursor that is not one with 400', async () => {
  expect((await since('nonsense')).status).toBe(400);
});
