import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { insertRow, updateRowById } from '../../kernel/subgraph/rows';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import * as schema from '../db/schema';
import type { CohortModel, CohortParticipationModel } from '../models';
import { cohortSearchText } from '../rules/search-text';

const { cohorts, participations, startups } = schema;
type StartupsDb = Db<typeof schema>;

export function cohortsByIds(db: StartupsDb, ids: readonly string[]): Promise<CohortModel[]> {
  return db
    .select()
    .from(cohorts)
    .where(inArray(cohorts.id, [...ids]));
}

export function cohortsByHubIds(db: StartupsDb, hubIds: readonly string[]): Promise<CohortModel[]> {
  return db
    .select()
    .from(cohorts)
    .where(inArray(cohorts.hubId, [...hubIds]))
    .orderBy(cohorts.startsOn, cohorts.id);
}

export function listCohorts(db: StartupsDb, args: ConnectionArgs, hubId?: string | null, synthetic?: boolean | null) {
  const where = and(hubId ? eq(cohorts.hubId, hubId) : undefined, synthetic != null ? eq(cohorts.synthetic, synthetic) : undefined);
  return tableConnection(db, {
    table: cohorts,
    rows: db.select().from(cohorts).$dynamic(),
    args,
    filter: where,
    descending: true,
    sortKeys: [
      { column: cohorts.startsOn, value: (row) => row.startsOn },
      { column: cohorts.id, value: (row) => row.id },
    ],
  });
}

export function participationsByCohortIds(db: StartupsDb, cohortIds: readonly string[]): Promise<CohortParticipationModel[]> {
  return db
    .select()
    .from(participations)
    .where(inArray(participations.cohortId, [...cohortIds]))
    .orderBy(participations.joinedOn, participations.id);
}

export function participationsByProjectIds(db: StartupsDb, projectIds: readonly string[]): Promise<CohortParticipationModel[]> {
  return db
    .select()
    .from(participations)
    .where(inArray(participations.projectId, [...projectIds]))
    .orderBy(participations.joinedOn, participations.id);
}

/** A startup's participations: as a company, or earlier as the project it grew from (one statement for many startups). */
export async function participationsByStartupIds(
  db: StartupsDb,
  startupIds: readonly string[],
): Promise<Array<CohortParticipationModel & { ownerStartupId: string }>> {
  const rows = await db
    .select({ participation: participations, ownerStartupId: startups.id })
    .from(participations)
    .innerJoin(startups, or(eq(participations.startupId, startups.id), eq(participations.projectId, startups.projectId)))
    .where(inArray(startups.id, [...startupIds]))
    .orderBy(participations.joinedOn, participations.id);
  return rows.map((row) => ({ ...row.participation, ownerStartupId: row.ownerStartupId }));
}

type CohortValues = typeof cohorts.$inferInsert;
type ParticipationValues = typeof participations.$inferInsert;

export function insertCohort(tx: StartupsDb, values: CohortValues): Promise<CohortModel> {
  return insertRow(tx, cohorts, values);
}

/** Writes `changes` to cohort `id` and returns the row as written. */
export function saveCohort(tx: StartupsDb, id: string, changes: Partial<CohortValues>): Promise<CohortModel> {
  return updateRowById(tx, cohorts, id, changes);
}

/** A cohort is found by its hub's name too: keeps that derived text in step when the hub is renamed. */
export async function renameHubOfCohorts(tx: StartupsDb, hubId: string, hubName: string): Promise<void> {
  const hubCohorts = await tx.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(eq(cohorts.hubId, hubId));
  for (const cohort of hubCohorts)
    await tx
      .update(cohorts)
      .set({ searchText: cohortSearchText(cohort.name, hubName) })
      .where(eq(cohorts.id, cohort.id));
}

export async function participationById(tx: StartupsDb, id: string): Promise<CohortParticipationModel | null> {
  const [row] = await tx.select().from(participations).where(eq(participations.id, id)).limit(1);
  return row ?? null;
}

export async function insertParticipation(tx: StartupsDb, values: ParticipationValues): Promise<void> {
  await tx.insert(participations).values(values);
}

export async function saveParticipation(tx: StartupsDb, id: string, changes: Partial<ParticipationValues>): Promise<void> {
  await tx.update(participations).set(changes).where(eq(participations.id, id));
}
