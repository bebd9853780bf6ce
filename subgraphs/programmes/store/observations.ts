import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { indicators, observationRevisions, observations } from '../db/schema';
import type { ObservationModel, ObservationRevisionModel } from '../models';
import type { ProgrammesDb } from './db';
import { provisionalCondition, type ProvisionalReach } from './visibility';

/** Which slice of the time series, and as it stood when. */
export interface ObservationWindow {
  /** Periods starting on or after this date. */
  from?: string | null;
  /** Periods starting on or before this date. */
  to?: string | null;
  /** The revisions valid at this instant; without it, the current ones. */
  asOf?: Date | null;
}

/**
 * A revision's columns as a reader sees them: superseded when the next revision they see was
 * recorded (not by one they may not see); for a reader who sees everything that is the stored
 * `superseded_at`. The reader's `provisionalCondition` goes in the query that selects them.
 */
function visibleRevisionColumns() {
  const { supersededAt: _stored, ...columns } = getTableColumns(observationRevisions);
  return {
    ...columns,
    supersededAt:
      sql<Date | null>`lead(${observationRevisions.recordedAt}) over (partition by ${observationRevisions.observationId} order by ${observationRevisions.revision})`
        .mapWith(observationRevisions.recordedAt)
        .as('visible_superseded_at'),
  };
}

/** The visible revisions of the observations matching `scope`, in one subquery (joined to `observations` itself). */
function visibleRevisions(db: ProgrammesDb, reach: ProvisionalReach, scope: SQL | undefined) {
  return db
    .select(visibleRevisionColumns())
    .from(observationRevisions)
    .innerJoin(observations, eq(observations.id, observationRevisions.observationId))
    .where(and(scope, provisionalCondition(db, reach)))
    .as('visible_revisions');
}

/**
 * The visible revisions of the one `observations` row of the enclosing query, for a lateral
 * join: the database reads each observation's few revisions by index, instead of joining every
 * revision of the table (a lateral join cannot be turned into a hash join over all of them).
 */
function visibleRevisionsOfEach(db: ProgrammesDb, reach: ProvisionalReach) {
  return db
    .select(visibleRevisionColumns())
    .from(observationRevisions)
    .where(and(eq(observationRevisions.observationId, observations.id), provisionalCondition(db, reach)))
    .as('visible_revisions');
}

type VisibleRevisions = ReturnType<typeof visibleRevisions> | ReturnType<typeof visibleRevisionsOfEach>;

/** The visible revision valid at `asOf` (recorded_at <= asOf < next visible recorded_at), or the current one. */
function validAt(revisions: VisibleRevisions, asOf: Date | null | undefined): SQL | undefined {
  if (!asOf) return isNull(revisions.supersededAt);
  // `supersededAt` is a computed column with no driver mapping: postgres.js would send a raw
  // Date as its toString(), which PostgreSQL cannot read, so it gets the ISO text.
  return and(lte(revisions.recordedAt, asOf), or(isNull(revisions.supersededAt), sql`${revisions.supersededAt} > ${asOf.toISOString()}`));
}

function revisionFields(revisions: VisibleRevisions) {
  return {
    id: revisions.id,
    observationId: revisions.observationId,
    revision: revisions.revision,
    value: revisions.value,
    status: revisions.status,
    sourceDatasetId: revisions.sourceDatasetId,
    sourceDocumentTitle: revisions.sourceDocumentTitle,
    sourceDocumentUrl: revisions.sourceDocumentUrl,
    note: revisions.note,
    recordedAt: revisions.recordedAt,
    supersededAt: revisions.supersededAt,
    provenance: revisions.provenance,
  };
}

/** An observation as resolvers see it: its period, with the revision in force for the reader. */
function observationModel({ observation, revision }: { observation: typeof observations.$inferSelect; revision: ObservationRevisionModel }): ObservationModel {
  return {
    id: observation.id,
    indicatorId: observation.indicatorId,
    periodKind: observation.periodKind,
    periodStart: observation.periodStart,
    periodEnd: observation.periodEnd,
    synthetic: observation.synthetic,
    revision,
  };
}

/** Observations matching `scope` (a condition on `observations`) with the one visible revision valid at `asOf`; those without one are left out. */
async function selectObservations(
  db: ProgrammesDb,
  reach: ProvisionalReach,
  scope: SQL | undefined,
  asOf: Date | null | undefined,
): Promise<ObservationModel[]> {
  const revisions = visibleRevisionsOfEach(db, reach);
  const rows = await db
    .select({ observation: observations, revision: revisionFields(revisions) })
    .from(observations)
    .crossJoinLateral(revisions)
    .where(and(scope, validAt(revisions, asOf)))
    .orderBy(asc(observations.indicatorId), asc(observations.periodStart), asc(observations.periodKind), asc(observations.id));
  return rows.map(observationModel);
}

/** The time series of each indicator as `reach` sees it, in one statement, oldest period first. */
export function observationsForIndicators(
  db: ProgrammesDb,
  indicatorIds: readonly string[],
  window: ObservationWindow,
  reach: ProvisionalReach,
): Promise<ObservationModel[]> {
  const scope = and(
    inArray(observations.indicatorId, [...indicatorIds]),
    window.from ? gte(observations.periodStart, window.from) : undefined,
    window.to ? lte(observations.periodStart, window.to) : undefined,
  );
  return selectObservations(db, reach, scope, window.asOf);
}

/** Observations by id with their current revision as `reach` sees it (absent when it sees none). */
export function observationsByIds(db: ProgrammesDb, ids: readonly string[], reach: ProvisionalReach): Promise<ObservationModel[]> {
  return selectObservations(db, reach, inArray(observations.id, [...ids]), null);
}

/** The revisions of each observation that `reach` sees, oldest first. */
export async function revisionsByObservationIds(db: ProgrammesDb, ids: readonly string[], reach: ProvisionalReach): Promise<ObservationRevisionModel[]> {
  const revisions = visibleRevisions(db, reach, inArray(observationRevisions.observationId, [...ids]));
  return db.select(revisionFields(revisions)).from(revisions).orderBy(asc(revisions.observationId), asc(revisions.revision));
}

/**
 * Revisions by their own id, as `reach` sees them (absent when it may not see one), their
 * `supersededAt` computed among the revisions it sees, like `revisionsByObservationIds`.
 */
export async function revisionsByIds(db: ProgrammesDb, ids: readonly string[], reach: ProvisionalReach): Promise<ObservationRevisionModel[]> {
  const ofTheirObservations = db
    .select({ id: observationRevisions.observationId })
    .from(observationRevisions)
    .where(inArray(observationRevisions.id, [...ids]));
  const revisions = visibleRevisions(db, reach, inArray(observationRevisions.observationId, ofTheirObservations));
  return db
    .select(revisionFields(revisions))
    .from(revisions)
    .where(inArray(revisions.id, [...ids]));
}

/** Which observations can decide an indicator's status: its id and the target's window. */
export interface UsableWindow {
  indicatorId: string;
  /** The target's first period start (`periodStart`), if any. */
  from: string | null;
  /** The target's deadline: periods starting after it do not count. */
  to: string | null;
}

/**
 * For each window, the candidates of the observation the status rule compares
 * (rules/indicator-status.ts, step 2): of the real and of the demo observations each, the latest
 * FINAL or PROVISIONAL one in the window by period end, FINAL winning a tie, then the series
 * order. At most two rows per indicator, in series order, in one statement, instead of its whole
 * series; the rule then chooses among those its reader may count. Each indicator may appear once:
 * callers split other windows of it into further calls.
 */
export async function latestUsableObservations(
  db: ProgrammesDb,
  windows: readonly UsableWindow[],
  asOf: Date | null,
  reach: ProvisionalReach,
): Promise<ObservationModel[]> {
  if (windows.length === 0) return [];
  // Windows that differ only by indicator share one branch: a page of indicators with the same target window is one `in` list.
  const byWindow = new Map<string, UsableWindow[]>();
  for (const window of windows) {
    const key = JSON.stringify([window.from, window.to]);
    byWindow.set(key, [...(byWindow.get(key) ?? []), window]);
  }
  // Two branches (real, demo) per window: always at least two to unite.
  const [first, second, ...rest] = [...byWindow.values()].flatMap((group) => [false, true].map((synthetic) => latestOfEach(db, group, synthetic, asOf, reach)));
  const rows = await selectObservations(db, reach, inArray(observations.id, unionAll(first!, second!, ...rest)), asOf);
  return rows.sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodKind.localeCompare(b.periodKind) || a.id.localeCompare(b.id));
}

/**
 * The id of the latest usable observation of each indicator of `group` (real or demo ones), as
 * `latestUsableObservations` orders them: a lateral `limit 1` per indicator that walks
 * `observations_latest_idx` from the latest period end and stops at the first usable one.
 */
function latestOfEach(db: ProgrammesDb, group: readonly UsableWindow[], synthetic: boolean, asOf: Date | null, reach: ProvisionalReach) {
  const { from, to } = group[0]!;
  const revisions = visibleRevisionsOfEach(db, reach);
  const latest = db
    .select({ id: observations.id })
    .from(observations)
    .crossJoinLateral(revisions)
    .where(
      and(
        eq(observations.indicatorId, indicators.id),
        eq(observations.synthetic, synthetic),
        from ? gte(observations.periodStart, from) : undefined,
        to ? lte(observations.periodStart, to) : undefined,
        validAt(revisions, asOf),
        inArray(revisions.status, ['FINAL', 'PROVISIONAL']),
      ),
    )
    .orderBy(
      desc(observations.periodEnd),
      desc(sql`${revisions.status} = 'FINAL'`),
      asc(observations.periodStart),
      asc(observations.periodKind),
      asc(observations.id),
    )
    .limit(1)
    .as('latest');
  return db
    .select({ id: latest.id })
    .from(indicators)
    .crossJoinLateral(latest)
    .where(
      inArray(
        indicators.id,
        group.map((window) => window.indicatorId),
      ),
    );
}

// ---------------------------------------------------------------------------------------------
// Writes (writes/observations.ts): every statement of recording and revising a value

type ObservationRow = typeof observations.$inferSelect;
type NewObservation = typeof observations.$inferInsert;
type NewRevision = typeof observationRevisions.$inferInsert;

/** The id of the indicator's observation of one period, if it has one. */
export async function observationIdForPeriod(
  db: ProgrammesDb,
  period: Pick<ObservationRow, 'indicatorId' | 'periodKind' | 'periodStart'>,
): Promise<string | undefined> {
  const [existing] = await db
    .select({ id: observations.id })
    .from(observations)
    .where(
      and(eq(observations.indicatorId, period.indicatorId), eq(observations.periodKind, period.periodKind), eq(observations.periodStart, period.periodStart)),
    )
    .limit(1);
  return existing?.id;
}

/**
 * Inserts an observation, or nothing when its indicator already has one for the period
 * (undefined then): one statement where a check and an insert took two. A concurrent insert
 * of the same period is waited for; once it commits, this one inserts nothing.
 */
export async function insertObservationUnlessTaken(db: ProgrammesDb, values: NewObservation): Promise<ObservationRow | undefined> {
  const [observation] = await db
    .insert(observations)
    .values(values)
    .onConflictDoNothing({ target: [observations.indicatorId, observations.periodKind, observations.periodStart] })
    .returning();
  return observation;
}

export async function insertRevision(db: ProgrammesDb, values: NewRevision): Promise<ObservationRevisionModel> {
  const [revision] = await db.insert(observationRevisions).values(values).returning();
  return revision!;
}

/**
 * Locks an observation for a revision (concurrent revisions queue here and the second sees the
 * moved revision) and reads its current revision; undefined when there is no such observation.
 */
export async function lockObservation(db: ProgrammesDb, id: string): Promise<{ observation: ObservationRow; current: ObservationRevisionModel } | undefined> {
  const [observation] = await db.select().from(observations).where(eq(observations.id, id)).for('update').limit(1);
  if (!observation) return undefined;
  const [current] = await db
    .select()
    .from(observationRevisions)
    .where(and(eq(observationRevisions.observationId, observation.id), isNull(observationRevisions.supersededAt)))
    .limit(1);
  return { observation, current: current! };
}

export async function supersedeRevision(db: ProgrammesDb, revisionId: string, at: Date): Promise<void> {
  await db.update(observationRevisions).set({ supersededAt: at }).where(eq(observationRevisions.id, revisionId));
}

/** Whether the observation has a revision that is not PROVISIONAL (one every reader sees). */
export async function hasSettledRevision(db: ProgrammesDb, observationId: string): Promise<boolean> {
  const [settled] = await db
    .select({ id: observationRevisions.id })
    .from(observationRevisions)
    .where(and(eq(observationRevisions.observationId, observationId), ne(observationRevisions.status, 'PROVISIONAL')))
    .limit(1);
  return settled !== undefined;
}

/** The latest revision before `revision` that is not PROVISIONAL, if any. */
export async function lastSettledRevisionBefore(
  db: ProgrammesDb,
  revision: Pick<ObservationRevisionModel, 'observationId' | 'revision'>,
): Promise<ObservationRevisionModel | null> {
  const [settled] = await db
    .select()
    .from(observationRevisions)
    .where(
      and(
        eq(observationRevisions.observationId, revision.observationId),
        lt(observationRevisions.revision, revision.revision),
        ne(observationRevisions.status, 'PROVISIONAL'),
      ),
    )
    .orderBy(desc(observationRevisions.revision))
    .limit(1);
  return settled ?? null;
}
