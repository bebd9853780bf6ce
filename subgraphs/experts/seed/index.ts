import type { Db } from '../../kernel/platform/db';
import { SYNTHETIC_COUNTS } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';
import { expertiseAreaRows } from './areas';
import { networkRows } from './networks';
import { generateExpert, type SyntheticExpert } from './synthetic-experts';

type ExpertsDb = Db<typeof schema>;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const BATCH = 500;

async function insertInBatches<T extends Record<string, unknown>>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await insert(rows.slice(start, start + BATCH));
}

/** Writes synthetic experts `from..to-1` with their areas, contacts, affiliations, memberships and engagements. */
export async function insertSyntheticExperts(db: ExpertsDb, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    const generated: SyntheticExpert[] = [];
    for (let index = start; index < Math.min(to, start + BATCH); index++) generated.push(generateExpert(index));
    await db.insert(schema.experts).values(generated.map((g) => g.expert));
    await db.insert(schema.expertContacts).values(generated.map((g) => g.contact));
    await insertInBatches(
      generated.flatMap((g) => g.areas),
      (batch) => db.insert(schema.expertAreas).values(batch),
    );
    await insertInBatches(
      generated.flatMap((g) => g.affiliations),
      (batch) => db.insert(schema.affiliations).values(batch),
    );
    await insertInBatches(
      generated.flatMap((g) => g.memberships),
      (batch) => db.insert(schema.memberships).values(batch),
    );
    await insertInBatches(
      generated.flatMap((g) => g.engagements),
      (batch) => db.insert(schema.engagements).values(batch),
    );
  }
}

/**
 * The real taxonomies (FOS 2007, the programme's priority areas) and networks with their
 * sources, then the default synthetic demo experts. The seeds name no expert.
 */
export async function seed(db: ExpertsDb): Promise<void> {
  await db.insert(schema.expertiseAreas).values(expertiseAreaRows());
  await db.insert(schema.networks).values(networkRows());
  await insertSyntheticExperts(db, 0, SYNTHETIC_COUNTS.Expert);
}
