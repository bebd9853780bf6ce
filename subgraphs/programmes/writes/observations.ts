import { allows, assertAllowed } from '../../kernel/identity/access-policy';
import { isUniqueViolation } from '../../kernel/platform/db';
import { badUserInput, conflict } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { checkText, checkWebAddress } from '../../kernel/platform/input';
import { admitWrite } from '../../kernel/subgraph/locking';
import { changedFields, createdEvent, updatedEvent, type WriteResult } from '../../kernel/subgraph/outbox';
import { apiProvenance } from '../../kernel/reference/provenance';
import type { RecordObservationInput, ReviseObservationInput } from '../generated/graphql';
import type { IndicatorModel, ObservationModel, ObservationRevisionModel } from '../models';
import type { ProgrammesDb } from '../store/db';
import { indicatorsByIds } from '../store/indicators';
import {
  hasSettledRevision,
  insertObservationUnlessTaken,
  insertRevision,
  lastSettledRevisionBefore,
  lockObservation,
  observationIdForPeriod,
  supersedeRevision,
} from '../store/observations';
import { checkFiniteNumber, periodBounds } from '../validation';
import { draftOwnership, eventAccess, indicatorOwnership, write, type ProgrammesWriteContext } from './writer';

/**
 * Recording and revising an indicator's values. An observation is one period's value; each
 * write adds a revision (the earlier ones stay, superseded), so `version` is the revision.
 */

type ObservationRow = Omit<ObservationModel, 'revision'>;

const WHO_MAY_WRITE = 'Only editors of the indicator’s responsible organisation and admins may record its values';
const WHO_MAY_WRITE_DRAFTS = 'A PROVISIONAL value is a draft of the indicator’s responsible department: only its editors and admins may record or revise one';

export async function recordObservation(context: ProgrammesWriteContext, input: RecordObservationInput): Promise<WriteResult<ObservationModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  checkFiniteNumber(input.value, 'input.value');
  checkSourceFields(input);
  const period = periodBounds(input.periodKind, input.periodStart, 'input.periodStart');
  try {
    return await write(context, { operation: 'recordObservation', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
      const indicator = await indicatorOf(tx, input.indicatorId);
      assertAllowed(context.caller, 'writeRecord', indicatorOwnership(indicator), WHO_MAY_WRITE);
      if (input.status === 'PROVISIONAL') assertAllowed(context.caller, 'draftRecord', draftOwnership(indicator), WHO_MAY_WRITE_DRAFTS);
      const provenance = apiProvenance(context, 'Recorded', indicator.synthetic);
      const observation = await insertObservationUnlessTaken(tx, {
        id: newId(),
        indicatorId: indicator.id,
        periodKind: input.periodKind,
        periodStart: period.start,
        periodEnd: period.end,
        synthetic: indicator.synthetic,
        provenance,
      });
      if (!observation) {
        // The period is taken either way; which observation holds it is told only to a caller who may read it.
        const existing = await observationIdForPeriod(tx, { indicatorId: indicator.id, periodKind: input.periodKind, periodStart: period.start });
        throw periodTaken(existing && (await mayReadObservation(tx, context, indicator, existing)) ? existing : null);
      }
      const revision = await insertRevision(tx, {
        id: newId(),
        observationId: observation.id,
        revision: 1,
        value: input.value,
        status: input.status,
        sourceDatasetId: input.sourceDatasetId ?? null,
        sourceDocumentTitle: input.sourceDocumentTitle ?? null,
        sourceDocumentUrl: input.sourceDocumentUrl ?? null,
        note: input.note ?? null,
        recordedAt: new Date(),
        provenance,
      });
      await emit(
        createdEvent({
          type: 'indicator.observation.recorded',
          entityType: 'Observation',
          entityId: observation.id,
          changedFields: fieldsChanged(observation, null, revision),
          after: snapshot(observation, revision),
          access: eventAccess(indicator, revision),
        }),
      );
      return answer(observation, revision);
    });
  } catch (error) {
    // Two requests recorded the same period at once (the insert above waits out the first; kept should a driver report it): the same CONFLICT as a late one.
    if (isUniqueViolation(error)) throw periodTaken(null);
    throw error;
  }
}

export async function reviseObservation(context: ProgrammesWriteContext, input: ReviseObservationInput): Promise<WriteResult<ObservationModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  checkFiniteNumber(input.value, 'input.value');
  checkSourceFields(input);
  return write(context, { operation: 'reviseObservation', input }, async (tx, emit) => {
    const { observation, current, indicator } = await admitWrite(
      await lockObservationOfIndicator(tx, input.observationId),
      input.observationId,
      input.expectedRevision,
      {
        typename: 'Observation',
        // For a caller who may not read provisional values, an observation with only such revisions does not exist.
        mayRead: ({ observation, indicator }) => mayReadObservation(tx, context, indicator, observation.id),
        assertMayWrite: ({ current, indicator }) => {
          assertAllowed(context.caller, 'writeRecord', indicatorOwnership(indicator), WHO_MAY_WRITE);
          if (current.status === 'PROVISIONAL' || input.status === 'PROVISIONAL')
            assertAllowed(context.caller, 'draftRecord', draftOwnership(indicator), WHO_MAY_WRITE_DRAFTS);
        },
        version: ({ current }) => current.revision,
      },
    );

    const now = new Date();
    await supersedeRevision(tx, current.id, now);
    const next = await insertRevision(tx, {
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
    });
    const access = eventAccess(indicator, next);
    const previous = access.draft ? current : await lastRevisionEveryoneSaw(tx, current);
    // A revision that repeats the current one changes nothing: no field named, so the kernel's no-op rule undoes it.
    const revised = fieldsChanged(observation, current, next).some((field) => field !== 'recordedAt' && field !== 'revision');
    await emit(
      updatedEvent({
        type: 'indicator.observation.revised',
        entityType: 'Observation',
        entityId: observation.id,
        version: next.revision,
        changedFields: revised ? fieldsChanged(observation, previous, next).filter((field) => field !== 'recordedAt') : [],
        before: previous ? snapshot(observation, previous) : null,
        after: snapshot(observation, next),
        access,
      }),
    );
    return answer(observation, next);
  });
}

/** The observation as the mutation answers with it: with the revision this write recorded. */
function answer(observation: ObservationRow, revision: ObservationRevisionModel): ObservationModel {
  const { id, indicatorId, periodKind, periodStart, periodEnd, synthetic } = observation;
  return { id, indicatorId, periodKind, periodStart, periodEnd, synthetic, revision };
}

function checkSourceFields(input: Pick<RecordObservationInput, 'sourceDocumentUrl' | 'sourceDocumentTitle' | 'note'>): void {
  checkWebAddress(input.sourceDocumentUrl, 'input.sourceDocumentUrl');
  checkText(input.sourceDocumentTitle, 500, 'input.sourceDocumentTitle');
  checkText(input.note, 2_000, 'input.note');
}

/** The indicator a new value is recorded for. */
async function indicatorOf(tx: ProgrammesDb, indicatorId: string): Promise<IndicatorModel> {
  const [indicator] = await indicatorsByIds(tx, [indicatorId]);
  if (!indicator) throw badUserInput(`No indicator with id "${indicatorId}"`, 'input.indicatorId');
  return indicator;
}

/** An observation locked for a revision, its current revision and its indicator; undefined when there is none. */
async function lockObservationOfIndicator(tx: ProgrammesDb, id: string) {
  const locked = await lockObservation(tx, id);
  if (!locked) return undefined;
  const [indicator] = await indicatorsByIds(tx, [locked.observation.indicatorId]);
  return { ...locked, indicator: indicator! };
}

/**
 * Whether the caller may read an observation: one who may not read its indicator's provisional
 * values (store/visibility.ts) sees it only through a revision that is not PROVISIONAL.
 */
async function mayReadObservation(
  tx: ProgrammesDb,
  context: ProgrammesWriteContext,
  indicator: Pick<IndicatorModel, 'responsibleOrganizationId'>,
  observationId: string,
): Promise<boolean> {
  if (allows(context.caller, 'draftRecord', draftOwnership(indicator))) return true;
  return hasSettledRevision(tx, observationId);
}

/**
 * The revision before `current` as everyone may see it: `current` itself unless it is
 * PROVISIONAL, else the latest earlier revision that is not (null if there is none). An event
 * everyone sees must not carry a provisional value in its `before`.
 */
async function lastRevisionEveryoneSaw(tx: ProgrammesDb, current: ObservationRevisionModel): Promise<ObservationRevisionModel | null> {
  return current.status === 'PROVISIONAL' ? lastSettledRevisionBefore(tx, current) : current;
}

/**
 * What the change feed carries about an observation: everything it shows, nothing restricted.
 * The cited dataset's id is left out: it is the catalogue's record, whose visibility only the
 * catalogue may judge (Observation.sourceDataset is resolved there), while this event's access
 * follows the observation. `changedFields` still names `sourceDataset` (see `fieldsChanged`).
 */
function snapshot(observation: ObservationRow, revision: ObservationRevisionModel): Record<string, unknown> {
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
function fieldsChanged(observation: ObservationRow, before: ObservationRevisionModel | null, after: ObservationRevisionModel): string[] {
  const compared = (revision: ObservationRevisionModel) => ({ ...snapshot(observation, revision), sourceDataset: revision.sourceDatasetId });
  return before ? changedFields(compared(before), compared(after)) : Object.keys(compared(after)).sort();
}

function periodTaken(observationId: string | null) {
  return conflict('This indicator already has a value for that period; revise it with reviseObservation', {
    field: 'input.periodStart',
    ...(observationId ? { observationId } : {}),
  });
}
