import { assertAllowed } from '../../kernel/identity/access-policy';
import { badUserInput, notFound } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { checkText, mergeUpdate } from '../../kernel/platform/input';
import { lockForUpdate, publicRecordGuard } from '../../kernel/subgraph/locking';
import { createdEvent, updatedEvent, type Emit, type WriteResult } from '../../kernel/subgraph/outbox';
import type { Context } from '../context';
import { cohorts, type participations } from '../db/schema';
import type { AddCohortParticipantInput, CreateCohortInput, UpdateCohortInput, UpdateCohortParticipationInput } from '../generated/graphql';
import { cohortSearchText } from '../rules/search-text';
import { insertCohort, insertParticipation, participationById, participationsByCohortIds, saveCohort, saveParticipation } from '../store/cohorts';
import { hubById } from '../store/hubs';
import { projectsByIds } from '../store/projects';
import { startupsByIds } from '../store/startups';
import { validateHubReference, validateRange } from '../validation';
import { cohortSnapshot } from './snapshots';
import { apiProvenance, ownership, publicAccess, refusal, trimmed, write, type StartupsDb } from './writer';

/**
 * Cohorts and their participants. Participants are part of the cohort (they have no identity
 * of their own in the graph): adding one or recording its outcome moves the cohort's version
 * and emits `cohort.updated` with the participants in the snapshot. A cohort belongs to the
 * operator of its hub.
 */
type CohortRow = typeof cohorts.$inferSelect;
type ParticipationRow = typeof participations.$inferSelect;

const participantsOf = (tx: StartupsDb, cohortId: string) => participationsByCohortIds(tx, [cohortId]);

/** Locks the cohort, checks the caller may write its hub's records and the version the caller read. */
async function lockCohort(context: Context, tx: StartupsDb, cohortId: string, expectedVersion: number) {
  const operatorOf = async (row: CohortRow) => (await hubById(tx, row.hubId))!;
  const cohort = await lockForUpdate(
    tx,
    cohorts,
    cohortId,
    expectedVersion,
    publicRecordGuard(context.caller, 'Cohort', async (row) =>
      assertAllowed(context.caller, 'writeRecord', ownership((await operatorOf(row)).operatorId), refusal(context, 'the cohorts of this hub')),
    ),
  );
  return { cohort, hub: await operatorOf(cohort) };
}

/** Bumps the cohort's version and emits `cohort.updated` from the two states. */
async function commitCohortChange(
  context: Context,
  tx: StartupsDb,
  emit: Emit,
  change: { before: CohortRow; beforeParticipants: ParticipationRow[]; set: Partial<CohortRow>; operatorId: string | null },
): Promise<CohortRow> {
  const updated = await saveCohort(tx, change.before.id, { ...change.set, version: change.before.version + 1, updatedAt: new Date() });
  const before = cohortSnapshot(change.before, change.beforeParticipants);
  const after = cohortSnapshot(updated, await participantsOf(tx, updated.id));
  await emit(
    updatedEvent({
      type: 'cohort.updated',
      entityType: 'Cohort',
      entityId: updated.id,
      version: updated.version,
      before,
      after,
      access: publicAccess(change.operatorId),
    }),
  );
  return updated;
}

export async function createCohort(context: Context, rawInput: CreateCohortInput): Promise<WriteResult<CohortRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'cohorts'));
  const input = { ...rawInput, name: trimmed(rawInput.name) };
  checkText(input.name, 300, 'input.name');
  validateRange(input.startsOn, input.endsOn, 'input.startsOn', 'input.endsOn');
  return write(context, { operation: 'createCohort', idempotencyKey: input.idempotencyKey, input: rawInput }, async (tx, emit) => {
    await validateHubReference(input.hubId, 'input.hubId', (id) => hubById(tx, id));
    const hub = (await hubById(tx, input.hubId))!;
    assertAllowed(context.caller, 'writeRecord', ownership(hub.operatorId), refusal(context, 'the cohorts of this hub'));
    const cohort = await insertCohort(tx, {
      id: newId(),
      hubId: hub.id,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      searchText: cohortSearchText(input.name, hub.nameVi),
      provenance: apiProvenance(context),
    });
    const after = cohortSnapshot(cohort, []);
    await emit(createdEvent({ type: 'cohort.created', entityType: 'Cohort', entityId: cohort.id, after, access: publicAccess(hub.operatorId) }));
    return cohort;
  });
}

export async function updateCohort(context: Context, rawInput: UpdateCohortInput): Promise<WriteResult<CohortRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'cohorts'));
  const input = { ...rawInput, name: trimmed(rawInput.name) };
  return write(context, { operation: 'updateCohort', input: rawInput }, async (tx, emit) => {
    const { cohort, hub } = await lockCohort(context, tx, input.id, input.expectedVersion);
    const next = mergeUpdate(cohort, input, ['name', 'startsOn', 'endsOn'], ['name', 'startsOn']);
    checkText(next.name, 300, 'input.name');
    validateRange(next.startsOn, next.endsOn, 'input.startsOn', 'input.endsOn');
    const participants = await participantsOf(tx, cohort.id);
    const early = participants.find((p) => p.joinedOn < next.startsOn);
    if (early) throw badUserInput(`"input.startsOn" (${next.startsOn}) is after a participant joined (${early.joinedOn})`, 'input.startsOn');
    return commitCohortChange(context, tx, emit, {
      before: cohort,
      beforeParticipants: participants,
      set: { name: next.name, startsOn: next.startsOn, endsOn: next.endsOn, searchText: cohortSearchText(next.name, hub.nameVi) },
      operatorId: hub.operatorId,
    });
  });
}

export async function addCohortParticipant(context: Context, input: AddCohortParticipantInput): Promise<WriteResult<CohortRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'cohorts'));
  if ((input.startupId == null) === (input.projectId == null)) {
    throw badUserInput('Give exactly one of "input.startupId" and "input.projectId"', input.startupId == null ? 'input.projectId' : 'input.startupId');
  }
  validateRange(input.joinedOn, input.leftOn, 'input.joinedOn', 'input.leftOn');
  return write(context, { operation: 'addCohortParticipant', input }, async (tx, emit) => {
    const { cohort, hub } = await lockCohort(context, tx, input.cohortId, input.expectedVersion);
    if (input.joinedOn < cohort.startsOn)
      throw badUserInput(`"input.joinedOn" (${input.joinedOn}) is before the cohort starts (${cohort.startsOn})`, 'input.joinedOn');
    const [field, id, found] =
      input.startupId != null
        ? (['input.startupId', input.startupId, startupsByIds] as const)
        : (['input.projectId', input.projectId!, projectsByIds] as const);
    const [participant] = await found(tx, [id]);
    if (!participant) throw badUserInput(`"${field}" names no known ${field === 'input.startupId' ? 'startup' : 'startup project'}: "${id}"`, field);
    const participants = await participantsOf(tx, cohort.id);
    if (participants.some((p) => p.startupId === id || p.projectId === id)) throw badUserInput(`${id} already takes part in this cohort`, field);
    await insertParticipation(tx, {
      id: newId(),
      cohortId: cohort.id,
      startupId: input.startupId ?? null,
      projectId: input.projectId ?? null,
      joinedOn: input.joinedOn,
      leftOn: input.leftOn ?? null,
      outcome: input.outcome ?? 'IN_PROGRESS',
      provenance: apiProvenance(context),
    });
    return commitCohortChange(context, tx, emit, { before: cohort, beforeParticipants: participants, set: {}, operatorId: hub.operatorId });
  });
}

export async function updateCohortParticipation(context: Context, input: UpdateCohortParticipationInput): Promise<WriteResult<CohortRow>> {
  assertAllowed(context.caller, 'writeRecord', 'any', refusal(context, 'cohorts'));
  return write(context, { operation: 'updateCohortParticipation', input }, async (tx, emit) => {
    const participation = await participationById(tx, input.id);
    if (!participation) throw notFound('CohortParticipation', 'id', input.id);
    const { cohort, hub } = await lockCohort(context, tx, participation.cohortId, input.expectedVersion);
    const participants = await participantsOf(tx, cohort.id);
    const current = participants.find((p) => p.id === participation.id)!;
    const next = mergeUpdate(current, input, ['leftOn', 'outcome'], ['outcome']);
    validateRange(next.joinedOn, next.leftOn, 'input.joinedOn', 'input.leftOn');
    await saveParticipation(tx, current.id, { leftOn: next.leftOn, outcome: next.outcome, version: current.version + 1, updatedAt: new Date() });
    return commitCohortChange(context, tx, emit, { before: cohort, beforeParticipants: participants, set: {}, operatorId: hub.operatorId });
  });
}
