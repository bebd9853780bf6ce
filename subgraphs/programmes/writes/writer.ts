import type { EventAccess, Ownership } from '../../kernel/access-policy';
import { createWriter, type WriteContext } from '../../kernel/outbox';
import type { Provenance } from '../../kernel/provenance';
import * as schema from '../db/schema';
import type { IndicatorModel, ObservationRevisionModel } from '../models';

/**
 * What every programmes write shares: the transaction that commits a write with its events,
 * who owns a written record, where an API record comes from, and who may see its events.
 */

/** Runs a write and its events in one transaction of the programmes database (kernel/outbox.ts). */
export const write = createWriter<typeof schema>(schema.outbox, schema.idempotencyKeys);

export type ProgrammesWriteContext = WriteContext<typeof schema>;

/** An indicator's values belong to its responsible department, in the programmes domain. */
export function indicatorOwnership(indicator: Pick<IndicatorModel, 'responsibleOrganizationId'>): Ownership {
  return { ownerOrganizationId: indicator.responsibleOrganizationId, domain: 'programmes' };
}

/** Where a record written through the API comes from: the request that wrote it. */
export function apiProvenance(context: ProgrammesWriteContext, verb: string, synthetic: boolean): Provenance {
  return { synthetic, note: `${verb} through the API (request ${context.requestId}).` };
}

/**
 * Who may see the event of writing `revision`: everyone, unless the revision is PROVISIONAL,
 * which is a draft of the indicator's responsible organisation (store/visibility.ts), so the
 * change feed and webhooks show it only to those who may read provisional values.
 */
export function eventAccess(indicator: Pick<IndicatorModel, 'responsibleOrganizationId'>, revision: Pick<ObservationRevisionModel, 'status'>): EventAccess {
  return { level: 'PUBLIC', draft: revision.status === 'PROVISIONAL', ownerOrganizationId: indicator.responsibleOrganizationId };
}
