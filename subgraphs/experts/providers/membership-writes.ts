import { and, eq, ne, sql } from 'drizzle-orm';
import { badUserInput, conflict } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { lockForUpdate, publicRecordGuard } from '../../kernel/locking';
import { changedFields, createdEvent, updatedEvent, type WriteResult } from '../../kernel/outbox';
import { memberships, networks } from '../db/schema';
import type { CreateMembershipInput, UpdateMembershipInput } from '../generated/graphql';
import type { MembershipModel } from '../models';
import { checkDateOrder } from '../validation';
import { apiProvenance, lockExpert, PUBLIC_ACCESS, requireWriteAccess, write, type ExpertsDb, type ExpertsWriteContext } from './writer';

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
  const others = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.expertId, period.expertId), eq(memberships.networkId, period.networkId), exceptId ? ne(memberships.id, exceptId) : undefined));
  const clash = others.find((other) => overlaps(other, period));
  if (clash) {
    throw conflict('The expert is already a member of this network for part of that period; change that membership instead', {
      field: 'input.networkId',
      membershipId: clash.id,
    });
  }
}

export async function createMembership(context: ExpertsWriteContext, input: CreateMembershipInput): Promise<WriteResult> {
  requireWriteAccess(context);
  checkDateOrder(input.since, input.until, 'input.until');
  return write(context, { operation: 'createMembership', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
    const expert = await lockExpert(tx, input.expertId, 'input.expertId');
    const [network] = await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, input.networkId)).limit(1);
    if (!network) throw badUserInput(`No network with id "${input.networkId}"`, 'input.networkId');
    const values = { expertId: expert.id, networkId: network.id, since: input.since ?? null, until: input.until ?? null };
    await checkNoOverlap(tx, values, null);
    const [membership] = await tx
      .insert(memberships)
      // A membership of a demo expert is demo data too.
      .values({ id: newId(), ...values, role: input.role ?? 'MEMBER', synthetic: expert.synthetic, provenance: apiProvenance(context, expert.synthetic) })
      .returning();
    const after = snapshot(membership!);
    await emit(createdEvent({ type: 'membership.created', entityType: 'Membership', entityId: membership!.id, after, access: PUBLIC_ACCESS }));
    return membership!.id;
  });
}

export async function updateMembership(context: ExpertsWriteContext, input: UpdateMembershipInput): Promise<WriteResult> {
  requireWriteAccess(context);
  if (input.role === null) throw badUserInput('"input.role" cannot be cleared; leave it out to keep it', 'input.role');
  return write(context, { operation: 'updateMembership', input }, async (tx, emit) => {
    const current = await lockForUpdate(
      tx,
      memberships,
      input.id,
      input.expectedVersion,
      publicRecordGuard(context.caller, 'Membership', () => requireWriteAccess(context)),
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
    if (!changed.length) return current.id;
    if (changed.includes('since') || changed.includes('until')) {
      await lockExpert(tx, current.expertId, 'input.id');
      await checkNoOverlap(tx, next, current.id);
    }
    await tx
      .update(memberships)
      .set({ role: next.role, since: next.since, until: next.until, version: sql`${memberships.version} + 1`, updatedAt: new Date() })
      .where(eq(memberships.id, current.id));
    await emit(
      updatedEvent({
        type: 'membership.updated',
        entityType: 'Membership',
        entityId: current.id,
        version: current.version + 1,
        changedFields: changed,
        before,
        after,
        access: PUBLIC_ACCESS,
      }),
    );
    return current.id;
  });
}
