import { assertAllowed } from '../../kernel/identity/access-policy';
import { badUserInput, conflict } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { lockForUpdate, publicRecordGuard } from '../../kernel/subgraph/locking';
import { changedFields, createdEvent, updatedEvent, type WriteResult } from '../../kernel/subgraph/outbox';
import { memberships } from '../db/schema';
import type { CreateMembershipInput, UpdateMembershipInput } from '../generated/graphql';
import type { MembershipModel } from '../models';
import { insertMembership, membershipsOfExpertIn, saveMembership } from '../store/memberships';
import { networksByIds } from '../store/networks';
import { checkDateOrder } from '../validation';
import { apiProvenance, lockExpert, OWNERSHIP, PUBLIC_ACCESS, REFUSAL, write, type ExpertsDb, type ExpertsWriteContext } from './writer';

/** What the change feed carries about a membership: every field GraphQL shows. */
function snapshot(membership: Pick<MembershipModel, 'id' | 'expertId' | 'networkId' | 'role' | 'since' | 'until' | 'synthetic'>): Record<string, unknown> {
  return {
    id: membership.id,
    expertId: membership.expertId,
    networkId: membership.networkId,
    role: membership.role,
    since: membership.since,
    until: membership.until,
    synthetic: membership.synthetic,
  };
}

/** Whether two periods share a day; a missing bound is open on that side. */
function overlaps(a: { since: string | null; until: string | null }, b: { since: string | null; until: string | null }): boolean {
  return (a.since === null || b.until === null || a.since <= b.until) && (b.since === null || a.until === null || b.since <= a.until);
}

/**
 * One expert holds at most one membership of a network at a time. Callers lock the expert's
 * row first, so two writers for the same expert cannot both pass this check.
 */
async function checkNoOverlap(
  tx: ExpertsDb,
  period: Pick<MembershipModel, 'expertId' | 'networkId' | 'since' | 'until'>,
  exceptId: string | null,
): Promise<void> {
  const others = await membershipsOfExpertIn(tx, period.expertId, period.networkId, exceptId);
  const clash = others.find((other) => overlaps(other, period));
  if (clash) {
    throw conflict('The expert is already a member of this network for part of that period; change that membership instead', {
      field: 'input.networkId',
      membershipId: clash.id,
    });
  }
}

export async function createMembership(context: ExpertsWriteContext, input: CreateMembershipInput): Promise<WriteResult<MembershipModel>> {
  assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL);
  checkDateOrder(input.since, input.until, 'input.until');
  return write(context, { operation: 'createMembership', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
    const expert = await lockExpert(tx, input.expertId, 'input.expertId');
    const [network] = await networksByIds(tx, [input.networkId]);
    if (!network) throw badUserInput(`No network with id "${input.networkId}"`, 'input.networkId');
    const values = { expertId: expert.id, networkId: network.id, since: input.since ?? null, until: input.until ?? null };
    await checkNoOverlap(tx, values, null);
    const membership = await insertMembership(tx, {
      id: newId(),
      ...values,
      role: input.role ?? 'MEMBER',
      // A membership of a demo expert is demo data too.
      synthetic: expert.synthetic,
      provenance: apiProvenance(context, expert.synthetic),
    });
    const after = snapshot(membership);
    await emit(createdEvent({ type: 'membership.created', entityType: 'Membership', entityId: membership.id, after, access: PUBLIC_ACCESS }));
    return membership;
  });
}

export async function updateMembership(context: ExpertsWriteContext, input: UpdateMembershipInput): Promise<WriteResult<MembershipModel>> {
  assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL);
  if (input.role === null) throw badUserInput('"input.role" cannot be cleared; leave it out to keep it', 'input.role');
  return write(context, { operation: 'updateMembership', input }, async (tx, emit) => {
    const current = await lockForUpdate(
      tx,
      memberships,
      input.id,
      input.expectedVersion,
      publicRecordGuard(context.caller, 'Membership', () => assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL)),
    );
    const next: MembershipModel = {
      ...current,
      role: input.role ?? current.role,
      since: input.since !== undefined ? input.since : current.since,
      until: input.until !== undefined ? input.until : current.until,
    };
    checkDateOrder(next.since, next.until, input.until != null ? 'input.until' : 'input.since');
    const before = snapshot(current);
    const after = snapshot(next);
    const changed = changedFields(before, after);
    if (!changed.length) return current; // nothing to write: the answer is the record as it stands
    if (changed.includes('since') || changed.includes('until')) {
      await lockExpert(tx, current.expertId, 'input.id');
      await checkNoOverlap(tx, next, current.id);
    }
    const updated = await saveMembership(tx, current.id, {
      role: next.role,
      since: next.since,
      until: next.until,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    await emit(
      updatedEvent({
        type: 'membership.updated',
        entityType: 'Membership',
        entityId: current.id,
        version: updated.version,
        changedFields: changed,
        before,
        after,
        access: PUBLIC_ACCESS,
      }),
    );
    return updated;
  });
}
