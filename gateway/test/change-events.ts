import type { EventAccess } from '../../subgraphs/kernel/access-policy';
import type { RelayedEvent } from '../../subgraphs/kernel/outbox-relay';

/** UBND TP Hà Nội, seeded by the programmes subgraph: its events resolve to a real entity. */
export const ORGANIZATION_ID = '215b30bd-76bd-5047-8b2e-0993a9883be5';

/**
 * The `n`th `organization.updated` event of a test, as the programmes subgraph's relay hands it
 * to the change log (`graph.ingest`); public unless `access` says otherwise.
 */
export function organizationUpdated(n: number, access: EventAccess = { level: 'PUBLIC', ownerOrganizationId: null }): RelayedEvent {
  return {
    position: n,
    eventId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    source: 'programmes',
    type: 'organization.updated',
    entityType: 'Organization',
    entityId: ORGANIZATION_ID,
    operation: 'UPDATE',
    entityVersion: n + 1,
    occurredAt: new Date(),
    actor: { role: 'editor', subject: 'test', organizationId: null, requestId: `req-${n}` },
    changedFields: ['website'],
    before: null,
    after: { website: `https://example.invalid/${n}` },
    access,
  };
}
