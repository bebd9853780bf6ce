import { randomUUID } from 'node:crypto';
import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import { ConfigError } from '../../kernel/platform/env';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import { indicatorId, REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import { withEnv } from '../../kernel/testing/env-vars';
import { auditRetentionDaysFromEnv } from '../feed/retention';
import { pruneChangeLog } from '../store/change-log';

const AUDIT = `query ($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id eventId type entityType entityId operation changedFields occurredAt source
      actor { role subject organization { id } credential requestId ip userAgent }
    }
  }
}`;

interface AuditPage {
  auditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{ eventId: string | null; type: string; entityId: string; occurredAt: string; source: string; actor: Record<string, unknown> }>;
  };
}

function event(entityId: string, minute: number, actor: Partial<RelayedEvent['actor']> = {}): RelayedEvent {
  return {
    position: minute,
    eventId: randomUUID(),
    source: 'startups',
    type: 'startup.updated',
    entityType: 'Startup',
    entityId,
    operation: 'UPDATE',
    entityVersion: minute + 1,
    occurredAt: new Date(Date.UTC(2025, 5, 1, 8, minute)),
    actor: {
      role: 'editor',
      subject: 'editor-mai',
      organizationId: REGISTRY_STEWARD_ID,
      requestId: `req-${minute}`,
      credential: 'token',
      ip: '203.0.113.7',
      userAgent: 'sync-tool/2.1',
      ...actor,
    },
    changedFields: ['website'],
    before: { website: null },
    after: { website: 'https://example.invalid/' },
    // A restricted record's write is audited like any other: the audit log is for admins.
    access: { level: 'RESTRICTED', ownerOrganizationId: REGISTRY_STEWARD_ID },
  };
}

describe('audit log', () => {
  let graph: TestGraph;
  const admin = () => graph.as('admin');
  const ingest = (events: RelayedEvent[]) => graph.ingest(events, 'startups');
  const audit = async (variables: Record<string, unknown>) => (await admin().queryOk<AuditPage>(AUDIT, variables)).auditLog;

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
  });
  afterAll(() => graph?.stop());

  it('records every ingested event once, with who wrote it and from where', async () => {
    const entityId = randomUUID();
    const batch = [event(entityId, 1), event(entityId, 2, { subject: 'apikey:k1', credential: 'apiKey', organizationId: null, role: 'integrator' })];
    await ingest(batch);
    await ingest(batch); // the relay retries: nothing is audited twice
    const page = await audit({ filter: { entityId } });
    expect(page.totalCount).toBe(2);
    expect(page.nodes).toEqual([
      expect.objectContaining({
        eventId: batch[1]!.eventId,
        occurredAt: '2025-06-01T08:02:00.000Z',
        actor: expect.objectContaining({ role: 'integrator', subject: 'apikey:k1', credential: 'API_KEY', organization: null }),
      }),
      expect.objectContaining({
        eventId: batch[0]!.eventId,
        type: 'startup.updated',
        source: 'startups',
        actor: {
          role: 'editor',
          subject: 'editor-mai',
          organization: { id: REGISTRY_STEWARD_ID },
          credential: 'TOKEN',
          requestId: 'req-1',
          ip: '203.0.113.7',
          userAgent: 'sync-tool/2.1',
        },
      }),
    ]);
  });

  it('filters by actor, organisation, entity and time, newest first in keyset pages', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const subject = `auditor-${randomUUID()}`;
    const org = randomUUID();
    await ingest([
      event(a, 10, { subject }),
      event(a, 11, { subject, organizationId: org }),
      event(b, 12, { subject }),
      event(b, 13, { subject: 'someone-else', organizationId: org }),
    ]);
    const versions = (page: AuditPage['auditLog']) => page.nodes.map((n) => new Date(n.occurredAt).getUTCMinutes());

    const bySubject = await audit({ first: 2, filter: { actorSubject: subject } });
    expect(bySubject.totalCount).toBe(3);
    expect(versions(bySubject)).toEqual([12, 11]);
    const rest = await audit({ first: 2, after: bySubject.pageInfo.endCursor, filter: { actorSubject: subject } });
    expect(versions(rest)).toEqual([10]);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    expect(versions(await audit({ filter: { actorOrganizationId: org } }))).toEqual([13, 11]);
    expect(versions(await audit({ filter: { entityId: b } }))).toEqual([13, 12]);
    expect(versions(await audit({ filter: { entityType: 'Startup', entityId: a, actorSubject: subject } }))).toEqual([11, 10]);
    const window = { from: '2025-06-01T08:11:00Z', to: '2025-06-01T08:13:00Z' };
    expect(versions(await audit({ filter: { actorSubject: subject, ...window } }))).toEqual([12, 11]);
    const bad = await admin().query(AUDIT, { filter: { from: 'yesterday' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('audits a write made through the gateway, with the writer’s identity', async () => {
    const recorded = await graph
      .as('admin', undefined, { sub: 'admin-audit' })
      .queryOk<{ recordObservation: { observation: { id: string } } }>(
        `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`,
        { input: { indicatorId: indicatorId('CTR07-TFP'), periodKind: 'YEAR', periodStart: '2019-01-01', value: 40.5, status: 'FINAL' } },
      );
    await graph.subgraphs.programmes!.relay!.flush();
    const page = await audit({ filter: { entityId: recorded.recordObservation.observation.id } });
    expect(page.nodes).toEqual([
      expect.objectContaining({
        type: 'indicator.observation.recorded',
        source: 'programmes',
        actor: expect.objectContaining({ role: 'admin', subject: 'admin-audit', credential: 'TOKEN', requestId: expect.any(String) }),
      }),
    ]);
  });

  it('outlives the change log’s retention: pruning the change log keeps the audit', async () => {
    const entityId = randomUUID();
    await ingest([event(entityId, 20)]);
    const db = graph.dbOf('integrations');
    expect(await pruneChangeLog(db, new Date(Date.now() + 60_000))).toBeGreaterThan(0);
    const { changes } = await admin().queryOk<{ changes: { totalCount: number } }>(
      `query ($ids: [ID!]) { changes(filter: { entityIds: $ids }) { totalCount } }`,
      { ids: [entityId] },
    );
    expect(changes.totalCount).toBe(0);
    expect((await audit({ filter: { entityId } })).totalCount).toBe(1);
  });

  it('keeps entries for good unless AUDIT_LOG_RETENTION_DAYS is set, and then at least a year', () => {
    expect(withEnv({ AUDIT_LOG_RETENTION_DAYS: undefined }, auditRetentionDaysFromEnv)).toBeNull();
    expect(withEnv({ AUDIT_LOG_RETENTION_DAYS: '730' }, auditRetentionDaysFromEnv)).toBe(730);
    expect(() => withEnv({ AUDIT_LOG_RETENTION_DAYS: '90' }, auditRetentionDaysFromEnv)).toThrow(ConfigError);
  });

  it('is for admins only', async () => {
    for (const client of [graph, graph.as('partner', REGISTRY_STEWARD_ID), graph.as('editor', REGISTRY_STEWARD_ID), graph.as('integrator')]) {
      const result = await client.query(AUDIT, {});
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data?.auditLog ?? null).toBeNull();
    }
  });
});
