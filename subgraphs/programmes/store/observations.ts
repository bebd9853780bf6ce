import { and, asc, eq, gt, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { observationRevisions, observations } from '../db/schema';
import type { ObservationModel, ObservationRevisionModel } from '../models';
import type { ProgrammesDb } from './db';

/** Which slice of the time series, and as it stood when. */
export interface ObservationWindow {
  /** Periods starting on or after this date. */
  from?: string | null;
  /** Periods starting on or before this date. */
  to?: string | null;
  /** The revisions valid at this instant; without it, the current ones. */
  asOf?: Date | null;
}

/** The revision valid at `asOf` (recorded_at <= asOf < superseded_at), or the current one. */
function revisionValidAt(asOf: Date | null | undefined): SQL | undefined {
  if (!asOf) return isNull(observationRevisions.supersededAt);
  return and(
    lte(observationRevisions.recordedAt, asOf),
    or(isNull(observationRevisions.supersededAt), gt(observationRevisions.supersededAt, asOf)),
  );
}

async function selectObservations(db: ProgrammesDb, where: SQL | undefined): Promise<ObservationModel[]> {
  const rows = await db
    .select({ observation: observations, revision: observationRevisions })
    .from(observations)
    .innerJoin(observationRevisions, eq(observationRevisions.observationId, observations.id))
    .where(where)
    .orderBy(asc(observations.indicatorId), asc(observations.periodStart), asc(observations.periodKind), asc(observations.id));
  return rows.map(({ observation, revision }) => ({
    id: observation.id,
    indicatorId: observation.indicatorId,
    periodKind: observation.periodKind,
    periodStart: observation.periodStart,
    periodEnd: observation.periodEnd,
    synthetic: observation.synthetic,
    revision,
  }));
}

/** The time series of each indicator in one statement, oldest period first. */
export function observationsForIndicators(db: ProgrammesDb, indicatorIds: readonly string[], window: ObservationWindow): Promise<ObservationModel[]> {
  return selectObservations(
    db,
    and(
      inArray(observations.indicatorId, [...indicatorIds]),
      window.from ? gte(observations.periodStart, window.from) : undefined,
      window.to ? lte(observations.periodStart, window.to) : undefined,
      revisionValidAt(window.asOf),
    ),
  );
}

/** Observations by id with their current revision. */
export function observationsByIds(db: ProgrammesDb, ids: readonly string[]): Promise<ObservationModel[]> {
  return selectObservations(db, and(inArray(observations.id, [...ids]), revisionValidAt(null)));
}

export function revisionsByObservationIds(db: ProgrammesDb, ids: readonly string[]): Promise<ObservationRevisionModel[]> {
  return db
    .select()
    .from(observationRevisions)
    .where(inArray(observationRevisions.observationId, [...ids]))
    .orderBy(asc(observationRevisions.observationId), asc(observationRevisions.revision));
}
