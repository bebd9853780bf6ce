import { and, desc, eq, isNull, lt, ne } from 'drizzle-orm';
import { canWrite } from '../../kernel/caller';
import { isUniqueViolation } from '../../kernel/db';
import { badUserInput, conflict, forbidden } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { allows, type EventAccess } from '../../kernel/access-policy';
import { admitWrite } from '../../kernel/locking';
import { changedFields, createdEvent, createWriter, updatedEvent, type WriteContext, type WriteResult } from '../../kernel/outbox';
import type { Provenance } from '../../kernel/provenance';
import type * as schema from '../db/schema';
import { indicators, idempotencyKeys, observationRevisions, observations, outbox } from '../db/schema';
import type { RecordObservationInput, ReviseObservationInput } from '../generated/graphql';
import type { ProgrammesDb } from '../store/db';
import { checkText, checkWebAddress } from '../../kernel/input';
import { checkFiniteNumber, periodBounds } from '../validation';

const write = createWriter<typeof schema>(outbox, idempotencyKeys);

type RevisionRow = typeof observationRevisions.$inferSelect;
type ObservationRow = typeof observations.$inferSelect;

/**
 * What the change feed carries about an observation: everything it shows, nothing restricted.
 * The cited dataset's id is left out: it is the catalogue's record, whose visibility only the
 * catalogue may judge (Observation.sourceDataset is resolved there), while this event's access
 * follows the observation. `changedFields` still names `sourceDataset` (see `fieldsChanged`).
 */
function snapshot(observation: ObservationRow, revision: RevisionRow): Record<string, unknown> {
  return {
    id: observation.id,
    indicatorId: observation.indicatorId,
    periodKind: observation.periodKind,
    periodStart: observation.periodStart,
    periodEnd: observation.periodEnd,
    revision: revision.revision,
    value: revision.value,
    status: revision.status,
    sourceDocumentTitle: revision.sourceDocumentTitle,
    sourceDocumentUrl: revision.sourceDocumentUrl,
    note: revision.note,
    recordedAt: revision.recordedAt.toISOString(),
  };
}

/**
 * The fields a write changed, as the schema names them: the snapshot's, and `sourceDataset`
 * when the cited dataset changed (its id stays out of the snapshot). A new observation lists all.
 */
function fieldsChanged(observation: ObservationRow, before: RevisionRow | null, after: RevisionRow): string[] {
  const compared = (revision: RevisionRow) => ({ ...snapshot(observation, revision), sourceDataset: revision.sourceDatasetId });
  return before ? changedFields(compared(before), compared(after)) : Object.keys(compared(after)).sort();
}

/**
 * Who may see the event of writing `revision`: everyone, unless the revision is PROVISIONAL,
 * which is a draft of the indicator's responsible organisation (store/visibility.ts), so the
 * change feed and webhooks show it only to those who may read provisional values.
 */
function eventAccess(indicator: { responsibleOrganizationId: string | null }, revision: RevisionRow): EventAccess {
  return { level: 'PUBLIC', draft: revision.status === 'PROVISIONAL', ownerOrganizationId: indicator.responsibleOrganizationId };
}

function checkSourceFields(input: Pick<RecordObservationInput, 'sourceDocumentUrl' | 'sourceDocumentTitle' | 'note'>): void {
  checkWebAddress(input.sourceDocumentUrl, 'input.sourceDocumentUrl');
  checkText(input.sourceDocumentTitle, 500, 'input.sourceDocumentTitle');
  checkText(input.note, 2_000, 'input.note');
}

/** Who may write an indicator's values: its responsible department's editors (and admins). */
function assertMayWriteIndicator(context: WriteContext<typeof schema>, indicator: { responsibleOrganizationId: string | null }): void {
  if (!canWrite(context.caller, indicator.responsibleOrganizationId, 'programmes')) {
    throw forbidden('Only editors of the indicator’s responsible organisation may record its values');
  }
}

async function lockIndicatorForWrite(tx: ProgrammesDb, context: WriteContext<typeof schema>, indicatorId: string, field: string) {
  const [indicator] = await tx.select().from(indicators).where(eq(indicators.id, indicatorId)).limit(1);
  if (!indicator) throw badUserInput(`No indicator with id "${indicatorId}"`, field);
  assertMayWriteIndicator(context, indicator);
  return indicator;
}

/**
 * Locks an observation (concurrent revisions queue here and the second sees the moved
 * revision) and reads its current revision and its indicator; undefined when there is none.
 */
async function lockObservation(tx: ProgrammesDb, id: string) {
  const [observation] = await tx.select().from(observations).where(eq(observations.id, id)).for('update').limit(1);
  if (!observation) return undefined;
  const [current] = await tx
    .select()
    .from(observationRevisions)
    .where(and(eq(observationRevisions.observationId, observation.id), isNull(observationRevisions.supersededAt)))
    .limit(1);
  const [indicator] = await tx.select().from(indicators).where(eq(indicators.id, observation.indicatorId)).limit(1);
  return { observation, current: current!, indicator: indicator! };
}

/**
 * A PROVISIONAL value is a draft of the indicator's responsible department
 * (ACCESS_RULES.draftRecord): an editor named for the programmes domain writes other
 * departments' FINAL and ESTIMATED values, but neither reads nor writes their drafts.
 */
function assertMayWriteStatus(
  context: WriteContext<typeof schema>,
  indicator: { responsibleOrganizationId: string | null },
  statuses: readonly string[],
): void {
  if (!statuses.includes('PROVISIONAL')) return;
  if (!allows(context.caller, 'draftRecord', { ownerOrganizationId: indicator.responsibleOrganizationId })) {
    throw forbidden('A PROVISIONAL value is a draft of the indicator’s responsible department: only its editors and admins may record or revise one');
  }
}

export async function recordObservation(context: WriteContext<typeof schema>, input: RecordObservationInput): Promise<WriteResult> {
  checkFiniteNumber(input.value, 'input.value');
  checkSourceFields(input);
  const period = periodBounds(input.periodKind, input.periodStart, 'input.periodStart');
  try {
    return await write(context, { operation: 'recordObservation', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
      const indicator = await lockIndicatorForWrite(tx, context, input.indicatorId, 'input.indicatorId');
      assertMayWriteStatus(context, indicator, [input.status]);
      const [existing] = await tx
        .select({ id: observations.id })
        .from(observations)
        .where(and(eq(observations.indicatorId, indicator.id), eq(observations.periodKind, input.periodKind), eq(observations.periodStart, period.start)))
        .limit(1);
      // The period is taken either way; which observation holds it is told only to a caller who may read it.
      if (existing) throw periodTaken((await mayReadObservation(tx, context, indicator, existing.id)) ? existing.id : null);

      const provenance: Provenance = { synthetic: indicator.synthetic, note: `Recorded through the API (request ${context.requestId}).` };
      const [observation] = await tx
        .insert(observations)
        .values({
          id: newId(),
          indicatorId: indicator.id,
          periodKind: input.periodKind,
          periodStart: period.start,
          periodEnd: period.end,
          synthetic: indicator.synthetic,
          provenance,
        })
        .returning();
      const [revision] = await tx
        .insert(observationRevisions)
        .values({
          id: newId(),
          observationId: observation!.id,
          revision: 1,
          value: input.value,
          status: input.status,
          sourceDatasetId: input.sourceDatasetId ?? null,
          sourceDocumentTitle: input.sourceDocumentTitle ?? null,
          sourceDocumentUrl: input.sourceDocumentUrl ?? null,
          note: input.note ?? null,
          recordedAt: new Date(),
          provenance,
        })
        .returning();
      await emit(
        createdEvent({
          type: 'indicator.observation.recorded',
          entityType: 'Observation',
          entityId: observation!.id,
          changedFields: fieldsChanged(observation!, null, revision!),
          after: snapshot(observation!, revision!),
          access: eventAccess(indicator, revision!),
        }),
      );
      return observation!.id;
    });
  } catch (error) {
    // Two requests recorded the same period at once: the loser gets the same CONFLICT as a late one.
    if (isUniqueViolation(error)) throw periodTaken(null);
    throw error;
  }
}

export async function reviseObservation(context: WriteContext<typeof schema>, input: ReviseObservationInput): Promise<WriteResult> {
  checkFiniteNumber(input.value, 'input.value');
  checkSourceFields(input);
  return write(context, { operation: 'reviseObservation', input }, async (tx, emit) => {
    const { observation, current, indicator } = await admitWrite(await lockObservation(tx, input.observationId), input.observationId, input.expectedRevision, {
      typename: 'Observation',
      // For a caller who may not read provisional values, an observation with only such revisions does not exist.
      mayRead: ({ observation, indicator }) => mayReadObservation(tx, context, indicator, observation.id),
      assertMayWrite: ({ current, indicator }) => {
        assertMayWriteIndicator(context, indicator);
        assertMayWriteStatus(context, indicator, [current.status, input.status ?? current.status]);
      },
      version: ({ current }) => current.revision,
    });

    const now = new Date();
    await tx.update(observationRevisions).set({ supersededAt: now }).where(eq(observationRevisions.id, current.id));
    const [next] = await tx
      .insert(observationRevisions)
      .values({
        id: newId(),
        observationId: observation.id,
        revision: current.revision + 1,
        value: input.value ?? current.value,
        status: input.status ?? current.status,
        sourceDatasetId: input.sourceDatasetId !== undefined ? input.sourceDatasetId : current.sourceDatasetId,
        sourceDocumentTitle: input.sourceDocumentTitle !== undefined ? input.sourceDocumentTitle : current.sourceDocumentTitle,
        sourceDocumentUrl: input.sourceDocumentUrl !== undefined ? input.sourceDocumentUrl : current.sourceDocumentUrl,
        note: input.note !== undefined ? input.note : current.note,
        recordedAt: now,
        provenance: current.provenance,
      })
      .returning();
    const access = eventAccess(indicator, next!);
    const previous = access.draft ? current : await lastRevisionEveryoneSaw(tx, current);
    // A revision that repeats the current one changes nothing: no field named, so the kernel's no-op rule undoes it.
    const revised = fieldsChanged(observation, current, next!).some((field) => field !== 'recordedAt' && field !== 'revision');
    await emit(
      updatedEvent({
        type: 'indicator.observation.revised',
        entityType: 'Observation',
        entityId: observation.id,
        version: next!.revision,
        changedFields: revised ? fieldsChanged(observation, previous, next!).filter((field) => field !== 'recordedAt') : [],
        before: previous ? snapshot(observation, previous) : null,
        after: snapshot(observation, next!),
        access,
      }),
    );
    return observation.id;
  });
}

/**
 * Whether the caller may read an observation: one who may not read its indicator's provisional
 * values (store/visibility.ts) sees it only through a revision that is not PROVISIONAL.
 */
async function mayReadObservation(
  tx: ProgrammesDb,
  context: WriteContext<typeof schema>,
  indicator: { responsibleOrganizationId: string | null },
  observationId: string,
): Promise<boolean> {
  if (allows(context.caller, 'draftRecord', { ownerOrganizationId: indicator.responsibleOrganizationId })) return true;
  const [settled] = await tx
    .select({ id: observationRevisions.id })
    .from(observationRevisions)
    .where(and(eq(observationRevisions.observationId, observationId), ne(observationRevisions.status, 'PROVISIONAL')))
    .limit(1);
  return settled !== undefined;
}

/**
 * The revision before `current` as everyone may see it: `current` itself unless it is
 * PROVISIONAL, else the latest earlier revision that is not (null if there is none). An event
 * everyone sees must not carry a provisional value in its `before`.
 */
async function lastRevisionEveryoneSaw(tx: ProgrammesDb, current: RevisionRow): Promise<RevisionRow | null> {
  if (current.status !== 'PROVISIONAL') return current;
  const [settled] = await tx
    .select()
    .from(observationRevisions)
    .where(
      and(
        eq(observationRevisions.observationId, current.observationId),
        lt(observationRevisions.revision, current.revision),
        ne(observationRevisions.status, 'PROVISIONAL'),
      ),
    )
    .orderBy(desc(observationRevisions.revision))
    .limit(1);
  return settled ?? null;
}

function periodTaken(observationId: string | null) {
  return conflict('This indicator already has a value for that period; revise it with reviseObservation', {
    field: 'input.periodStart',
    ...(observationId ? { observationId } : {}),
  });
}
