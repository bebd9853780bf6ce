import { encodeCursor } from '../../kernel/pagination';
import type { ChangeModel } from '../models';

/**
 * The body of a change delivery: the same event a `changes` query returns (same id, same
 * cursor), so a receiver that falls behind can fill gaps with `changes(after: cursor)`.
 */
export function changePayload(change: ChangeModel): Record<string, unknown> {
  return {
    id: change.eventId,
    type: change.type,
    source: change.source,
    entityType: change.entityType,
    entityId: change.entityId,
    operation: change.operation,
    version: change.entityVersion,
    occurredAt: change.occurredAt.toISOString(),
    recordedAt: change.recordedAt.toISOString(),
    // Who, never from where: the client's address and user agent are for the audit log only.
    actor: { role: change.actor.role, subject: change.actor.subject, organizationId: change.actor.organizationId, requestId: change.actor.requestId },
    changedFields: change.changedFields,
    before: change.before,
    after: change.after,
    cursor: encodeCursor([change.sequence]),
  };
}

export const PING_TYPE = 'webhook.ping';

/** The body of a test ping. */
export function pingPayload(id: string, endpointId: string, at: Date): Record<string, unknown> {
  return { id, type: PING_TYPE, endpointId, occurredAt: at.toISOString() };
}
