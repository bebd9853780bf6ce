import type { Ownership } from '../../kernel/identity/access-policy';
import type { Db } from '../../kernel/platform/db';
import { badUserInput } from '../../kernel/platform/errors';
import { createWriter, type EventAccess, type WriteContext } from '../../kernel/subgraph/outbox';
import type { Provenance } from '../../kernel/reference/provenance';
import { REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';
import { expertForUpdate } from '../store/experts';

/** Every write of this subgraph, with its events, in one transaction (kernel/subgraph/outbox.ts). */
export const write = createWriter<typeof schema>(schema.outbox, schema.idempotencyKeys);

export type ExpertsDb = Db<typeof schema>;

/** What a write of this subgraph needs from the request: its database, typed with this subgraph's tables, and the caller. */
export type ExpertsWriteContext = WriteContext<typeof schema>;

/** Experts, memberships and engagements are kept by the registry steward (kernel/reference/seed-refs.ts), in the `experts` domain. */
export const OWNERSHIP: Ownership = { ownerOrganizationId: REGISTRY_STEWARD_ID, domain: 'experts' };

/** Who may write, in words, for the FORBIDDEN of `assertAllowed(caller, 'writeRecord', OWNERSHIP, REFUSAL)`. */
export const REFUSAL = 'Only editors of the experts network’s steward (or named for the experts domain) and administrators may change the experts network';

/** Expert profiles, memberships and engagements are public records; contact details never enter events. */
export const PUBLIC_ACCESS: EventAccess = { level: 'PUBLIC', ownerOrganizationId: REGISTRY_STEWARD_ID };

/** Provenance of a record created through the API (real unless it hangs off a demo record). */
export function apiProvenance(context: WriteContext, synthetic: boolean): Provenance {
  return { synthetic, note: `Recorded through the API (request ${context.requestId}).` };
}

/**
 * Locks an expert's row for the rest of the transaction: writes that check a rule across the
 * expert's memberships or engagements (no overlap, no duplicate) queue here one at a time.
 * A missing expert is the client's mistake, named by `field`.
 */
export async function lockExpert(tx: ExpertsDb, expertId: string, field: string): Promise<{ id: string; synthetic: boolean }> {
  const expert = await expertForUpdate(tx, expertId);
  if (!expert) throw badUserInput(`No expert with id "${expertId}"`, field);
  return expert;
}
