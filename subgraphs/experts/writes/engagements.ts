import { assertAllowed } from '../../kernel/identity/access-policy';
import { badUserInput, conflict } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { checkForeignId } from '../../kernel/platform/input';
import { lockForUpdate, publicRecordGuard } from '../../kernel/subgraph/locking';
import { changedFields, createdEvent, updatedEvent, type WriteResult } from '../../kernel/subgraph/outbox';
import { engagements } from '../db/schema';
import type { CreateEngagementInput, EngagementTargetType, UpdateEngagementInput } from '../generated/graphql';
import type { EngagementModel } from '../models';
import { insertEngagement, saveEngagement, sameEngagement } from '../store/engagements';
import { checkDateOrder, checkRoleSuitsTarget, type EngagementTargetTypename } from '../validation';
import { apiProvenance, lockExpert, OWNERSHIP, PUBLIC_ACCESS, REFUSAL, write, type ExpertsDb, type ExpertsWriteContext } from './writer';

/** The GraphQL type name stored for each kind of target (the union member the gateway resolves). */
const TARGET_TYPENAME: Record<EngagementTargetType, EngagementTargetTypename> = {
  RESEARCH_PROJECT: 'ResearchProject',
  PROGRAMME: 'Programme',
  TASK: 'Task',
  STARTUP: 'Startup',
  STARTUP_PROJECT: 'StartupProject',
};

type EngagementValues = Pick<EngagementModel, 'id' | 'expertId' | 'role' | 'targetType' | 'targetId' | 'startedOn' | 'endedOn' | 'status' | 'synthetic'>;

/** What the change feed carries about an engagement: every field GraphQL shows (the target by type and id). */
function snapshot(engagement: EngagementValues): Record<string, unknown> {
  return {
    id: engagement.id,
    expertId: engagement.expertId,
    role: engagement.role,
    targetType: engagement.targetType,
    targetId: engagement.targetId,
    startedOn: engagement.startedOn,
    endedOn: engagement.endedOn,
    status: engagement.status,
    synthetic: engagement.synthetic,
  };
}

/**
 * The same expert in the same role on the same record once (declined ones aside). Callers
 * lock the expert's row first, so two writers for one expert cannot both pass this check.
 */
async function checkNotDuplicate(tx: ExpertsDb, engagement: EngagementValues, exceptId: string | null): Promise<void> {
  if (engagement.status === 'DECLINED') return;
  const existing = await sameEngagement(tx, engagement, exceptId);
  if (existing !== null) {
    throw conflict('The expert already has this role on that record; change that engagement instead', { field: 'input.targetId', engagementId: existing });
  }
}

export async function createEngagement(context: ExpertsWriteContext, input: CreateEngagementInput): Promise<WriteResult<EngagementModel>> {
  assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL);
  const targetType = TARGET_TYPENAME[input.targetType];
  checkRoleSuitsTarget(input.role, targetType, 'input.role');
  checkForeignId(input.targetId, 'input.targetId');
  checkDateOrder(input.startedOn, input.endedOn, 'input.endedOn');
  return write(context, { operation: 'createEngagement', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
    const expert = await lockExpert(tx, input.expertId, 'input.expertId');
    const values: EngagementValues = {
      id: newId(),
      expertId: expert.id,
      role: input.role,
      targetType,
      targetId: input.targetId.toLowerCase(),
      startedOn: input.startedOn ?? null,
      endedOn: input.endedOn ?? null,
      status: input.status ?? 'PROPOSED',
      // An engagement of a demo expert is demo data too.
      synthetic: expert.synthetic,
    };
    await checkNotDuplicate(tx, values, null);
    const engagement = await insertEngagement(tx, { ...values, provenance: apiProvenance(context, expert.synthetic) });
    const after = snapshot(engagement);
    await emit(createdEvent({ type: 'engagement.created', entityType: 'Engagement', entityId: engagement.id, after, access: PUBLIC_ACCESS }));
    return engagement;
  });
}

export async function updateEngagement(context: ExpertsWriteContext, input: UpdateEngagementInput): Promise<WriteResult<EngagementModel>> {
  assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL);
  for (const field of ['role', 'status'] as const) {
    if (input[field] === null) throw badUserInput(`"input.${field}" cannot be cleared; leave it out to keep it`, `input.${field}`);
  }
  return write(context, { operation: 'updateEngagement', input }, async (tx, emit) => {
    const current = await lockForUpdate(
      tx,
      engagements,
      input.id,
      input.expectedVersion,
      publicRecordGuard(context.caller, 'Engagement', () => assertAllowed(context.caller, 'writeRecord', OWNERSHIP, REFUSAL)),
    );
    const next: EngagementModel = {
      ...current,
      role: input.role ?? current.role,
      status: input.status ?? current.status,
      startedOn: input.startedOn !== undefined ? input.startedOn : current.startedOn,
      endedOn: input.endedOn !== undefined ? input.endedOn : current.endedOn,
    };
    checkRoleSuitsTarget(next.role, next.targetType, 'input.role');
    checkDateOrder(next.startedOn, next.endedOn, input.endedOn != null ? 'input.endedOn' : 'input.startedOn');
    const before = snapshot(current);
    const after = snapshot(next);
    const changed = changedFields(before, after);
    if (!changed.length) return current; // nothing to write: the answer is the record as it stands
    if (changed.includes('role') || changed.includes('status')) {
      await lockExpert(tx, current.expertId, 'input.id');
      await checkNotDuplicate(tx, next, current.id);
    }
    const updated = await saveEngagement(tx, current.id, {
      role: next.role,
      status: next.status,
      startedOn: next.startedOn,
      endedOn: next.endedOn,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    await emit(
      updatedEvent({
        type: 'engagement.updated',
        entityType: 'Engagement',
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
