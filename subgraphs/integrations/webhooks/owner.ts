import type { Caller } from '../../kernel/identity/caller';
import type { WebhookFilter } from '../db/schema';
import type { ChangeModel, WebhookEndpointModel } from '../models';
import { changeVisibleTo } from '../store/change-log';

/**
 * The endpoint's owner as a caller: deliveries see what this caller may see, nothing more.
 * The owner is a snapshot of who created it (a token's subject, or `apikey:<id>` for an API
 * key), with the role and organisation it had then.
 */
export function endpointOwner(endpoint: Pick<WebhookEndpointModel, 'ownerRole' | 'ownerOrganizationId' | 'ownerSubject'>): Caller {
  return { role: endpoint.ownerRole, organizationId: endpoint.ownerOrganizationId, subject: endpoint.ownerSubject };
}

function matches(list: string[], value: string): boolean {
  return list.length === 0 || list.includes(value);
}

export function filterMatches(filter: WebhookFilter, change: Pick<ChangeModel, 'type' | 'entityType' | 'entityId'>): boolean {
  return matches(filter.types, change.type) && matches(filter.entityTypes, change.entityType) && matches(filter.entityIds, change.entityId);
}

/** Whether `change` goes to `endpoint`: newer than the endpoint, wanted by its filter, visible to its owner. */
export function endpointWants(endpoint: WebhookEndpointModel, change: ChangeModel): boolean {
  return (
    endpoint.status !== 'DISABLED' &&
    change.sequence > endpoint.startAfterSequence &&
    filterMatches(endpoint.filter, change) &&
    changeVisibleTo(endpointOwner(endpoint), change)
  );
}
