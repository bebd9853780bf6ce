import { count, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { SYNTHETIC_COUNTS } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';
import { REAL_HUBS, SYNTHETIC_HUBS } from './hubs';
import { DEFAULT_SEED, generateUnits, syntheticCohorts, type SyntheticBatch } from './synthetic';

type StartupsDb = Db<typeof schema>;

/** Rows per INSERT statement: well under PostgreSQL's 65,535 parameters for every table here. */
const ROWS_PER_INSERT = 1000;

async function insertChunked<T extends Record<string, unknown>>(db: StartupsDb, table: Parameters<StartupsDb['insert']>[0], rows: T[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    // The rows were built from the table's own insert type; drizzle's generic insert cannot see that here.
    await db.insert(table).values(rows.slice(start, start + ROWS_PER_INSERT) as never);
  }
}

/** Writes a generated batch, parents before children. */
export async function insertBatch(db: StartupsDb, batch: SyntheticBatch): Promise<void> {
  await insertChunked(db, schema.projects, batch.projects);
  await insertChunked(db, schema.startups, batch.startups);
  await insertChunked(db, schema.projectTransitions, batch.transitions);
  await insertChunked(db, schema.projectSupports, batch.supports);
  await insertChunked(db, schema.certifications, batch.certifications);
  await insertChunked(db, schema.participations, batch.participations);
  await insertChunked(db, schema.fundingRounds, batch.rounds);
}

/** In the default seed, units 0..Startup-1 have a company: exactly SYNTHETIC_COUNTS of each, with the shared ids. */
export const defaultWithStartup = (i: number): boolean => i < SYNTHETIC_COUNTS.Startup;

/** Real hubs with their sources, then the deterministic synthetic demo volume. */
export async function seed(db: StartupsDb): Promise<void> {
  await db.insert(schema.hubs).values([...REAL_HUBS, ...SYNTHETIC_HUBS]);
  await insertChunked(
    db,
    schema.cohorts,
    syntheticCohorts().map(({ hubIndex: _hubIndex, ...row }) => row),
  );
  await insertBatch(db, generateUnits(DEFAULT_SEED, 0, SYNTHETIC_COUNTS.StartupProject, defaultWithStartup));
}

/** Units generated and written per transaction: memory stays flat whatever the total. */
const UNITS_PER_BATCH = 2_000;

/** Beyond the default seed, three units in four have a company, so n startups need about 4n/3 units. */
const appendedWithStartup = (i: number): boolean => i % 4 !== 3;

/**
 * Adds `wanted` synthetic startups (with about a third as many more projects, and their
 * transitions, supports, cohort places and funding rounds) after the units already there,
 * one transaction per batch; `onBatch` hears the running total. For benchmarks.
 */
export async function appendSyntheticStartups(
  db: StartupsDb,
  wanted: number,
  onBatch: (added: number) => void = () => undefined,
): Promise<{ added: number; projects: number }> {
  // Every unit has exactly one project, so the synthetic project count is the next unit index.
  let next = Number((await db.select({ n: count() }).from(schema.projects).where(eq(schema.projects.synthetic, true)))[0]?.n ?? 0);
  let added = 0;
  while (added < wanted) {
    let to = next;
    let companies = 0;
    while (companies < Math.min(UNITS_PER_BATCH, wanted - added)) if (appendedWithStartup(to++)) companies++;
    const batch = generateUnits(DEFAULT_SEED, next, to, appendedWithStartup);
    await db.transaction(async (tx) => insertBatch(tx, batch));
    added += batch.startups.length;
    next = to;
    onBatch(added);
  }
  return { added, projects: next };
}
