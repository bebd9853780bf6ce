import type { Caller } from '../../kernel/identity/caller';
import { encodeCursor } from '../../kernel/platform/pagination';
import type { ChangeModel } from '../models';
import { changePayloadFor } from '../store/change-log';

/**
 * The body of a change delivery: the same event a `changes` query returns (same id, same
 * cursor, the same field rules for the endpoint's owner as `changes` applies to its reader),
 * so a receiver that falls behind can fill gaps with `changes(after: cursor)`.
 */
export function changePayload(change: ChangeModel, owner: Caller): Record<string, unknown> {
  const { changedFields, before, after } = changePayloadFor(owner, change);
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
    changedFields,
    before,
    after,
    cursor: encodeCursor([change.sequence]),
  };
}

export const PING_TYPE = 'webhook.ping';

/** The body of a test ping. */
export function pingPayload(id: string, endpointId: string, at: Date): Record<string, unknown> {
  return { id, type: PING_TYPE, endpointId, occurredAt: at.toISOString() };
}
