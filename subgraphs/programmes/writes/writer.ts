import type { EventAccess, Ownership } from '../../kernel/identity/access-policy';
import { createWriter, type WriteContext } from '../../kernel/subgraph/outbox';
import * as schema from '../db/schema';
import type { IndicatorModel, ObservationRevisionModel } from '../models';

/**
 * What every programmes write shares: the transaction that commits a write with its events,
 * who owns a written record and who may see its events (API provenance: kernel `apiProvenance`).
 */

/** Runs a write and its events in one transaction of the programmes database (kernel/subgraph/outbox.ts). */
export const write = createWriter<typeof schema>(schema.outbox, schema.idempotencyKeys);

export type ProgrammesWriteContext = WriteContext<typeof schema>;

/** An indicator's values belong to its responsible department, in the programmes domain (ACCESS_RULES.writeRecord). */
export function indicatorOwnership(indicator: Pick<IndicatorModel, 'responsibleOrganizationId'>): Ownership {
  return { ownerOrganizationId: indicator.responsibleOrganizationId, domain: 'programmes' };
}

/**
 * A PROVISIONAL value is a draft of the indicator's responsible department
 * (ACCESS_RULES.draftRecord): an editor named for the programmes domain writes other
 * departments' FINAL and ESTIMATED values, but neither reads nor writes their drafts.
 */
export function draftOwnership(indicator: Pick<IndicatorModel, 'responsibleOrganizationId'>): Ownership {
  return { ownerOrganizationId: indicator.responsibleOrganizationId };
}

/**
 * Who may see the event of writing `revision`: everyone, unless the revision is PROVISIONAL,
 * which is a draft of the indicator's responsible organisation (store/visibility.ts), so the
 * change feed and webhooks show it only to those who may read provisional values.
 */
export function eventAccess(indicator: Pick<IndicatorModel, 'responsibleOrganizationId'>, revision: Pick<ObservationRevisionModel, 'status'>): EventAccess {
  return { level: 'PUBLIC', draft: revision.status === 'PROVISIONAL', ownerOrganizationId: indicator.responsibleOrganizationId };
}
