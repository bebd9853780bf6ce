import { count, countDistinct, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { rowsOf } from '../../kernel/platform/db';
import * as schema from '../db/schema';

/**
 * Ecosystem counts. Each one is a single grouped statement using the same rules as the
 * filtered lists (`startups(filter: {sectors: [X]})` counts the same rows as the X bucket).
 */
const { startups, projects, projectTransitions, fundingRounds, participations, cohorts } = schema;
type StartupsDb = Db<typeof schema>;
type Synthetic = boolean | null | undefined;

const startupSynthetic = (synthetic: Synthetic) => (synthetic == null ? undefined : eq(startups.synthetic, synthetic));

export async function startupCount(db: StartupsDb, synthetic: Synthetic): Promise<number> {
  return (await db.select({ n: count() }).from(startups).where(startupSynthetic(synthetic)))[0]?.n ?? 0;
}

export async function projectCount(db: StartupsDb, synthetic: Synthetic): Promise<number> {
  return (
    (
      await db
        .select({ n: count() })
        .from(projects)
        .where(synthetic == null ? undefined : eq(projects.synthetic, synthetic))
    )[0]?.n ?? 0
  );
}

export function startupsByStage(db: StartupsDb, synthetic: Synthetic) {
  return db.select({ stage: startups.stage, count: count() }).from(startups).where(startupSynthetic(synthetic)).groupBy(startups.stage).orderBy(startups.stage);
}

export function startupsByStatus(db: StartupsDb, synthetic: Synthetic) {
  return db
    .select({ status: startups.status, count: count() })
    .from(startups)
    .where(startupSynthetic(synthetic))
    .groupBy(startups.status)
    .orderBy(startups.status);
}

export function startupsByDistrict(db: StartupsDb, synthetic: Synthetic) {
  return db
    .select({ district: startups.district, count: count() })
    .from(startups)
    .where(startupSynthetic(synthetic))
    .groupBy(startups.district)
    .orderBy(startups.district);
}

export async function startupsBySector(db: StartupsDb, synthetic: Synthetic) {
  const result = await db.execute(sql`select sector::text as sector, count(*)::int as count
    from ${startups}, unnest(${startups.sectors}) as sector
    ${synthetic == null ? sql`` : sql`where ${startups.synthetic} = ${synthetic}`}
    group by sector order by sector`);
  return rowsOf<{ sector: (typeof schema.SECTORS)[number]; count: number }>(result).map((row) => ({ ...row, count: Number(row.count) }));
}

export function startupsByFoundingYear(db: StartupsDb, synthetic: Synthetic) {
  const year = sql<number>`extract(year from ${startups.foundedOn})::int`.mapWith(Number);
  return db.select({ year, count: count() }).from(startups).where(startupSynthetic(synthetic)).groupBy(year).orderBy(year);
}

/** Distinct startups per hub, by the rule of `startups(filter: {hubId})`: as a company or as the project it grew from. */
export function startupsByHub(db: StartupsDb, synthetic: Synthetic) {
  return db
    .select({ hubId: cohorts.hubId, count: countDistinct(startups.id) })
    .from(startups)
    .innerJoin(participations, or(eq(participations.startupId, startups.id), eq(participations.projectId, startups.projectId)))
    .innerJoin(cohorts, eq(cohorts.id, participations.cohortId))
    .where(startupSynthetic(synthetic))
    .groupBy(cohorts.hubId)
    .orderBy(cohorts.hubId);
}

export function fundingByYear(db: StartupsDb, synthetic: Synthetic) {
  const year = sql<number>`extract(year from ${fundingRounds.announcedOn})::int`.mapWith(Number);
  return db
    .select({
      year,
      roundType: fundingRounds.type,
      currency: fundingRounds.currency,
      amount: sql<number>`coalesce(sum(${fundingRounds.amount}), 0)`.mapWith(Number),
      roundCount: count(),
    })
    .from(fundingRounds)
    .where(synthetic == null ? undefined : eq(fundingRounds.synthetic, synthetic))
    .groupBy(year, fundingRounds.type, fundingRounds.currency)
    .orderBy(year, fundingRounds.type, fundingRounds.currency);
}

/** Distinct projects that reached each stage, per year of the transition. */
export function projectsReachingStage(db: StartupsDb, synthetic: Synthetic) {
  const year = sql<number>`extract(year from ${projectTransitions.occurredOn})::int`.mapWith(Number);
  return db
    .select({ year, stage: projectTransitions.stage, count: countDistinct(projectTransitions.projectId) })
    .from(projectTransitions)
    .innerJoin(projects, eq(projects.id, projectTransitions.projectId))
    .where(synthetic == null ? undefined : eq(projects.synthetic, synthetic))
    .groupBy(year, projectTransitions.stage)
    .orderBy(year, projectTransitions.stage);
}
