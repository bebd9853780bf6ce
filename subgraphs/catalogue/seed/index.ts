import type { Db } from '../../kernel/platform/db';
import { SYNTHETIC_COUNTS } from '../../kernel/reference/seed-refs';
import type * as schema from '../db/schema';
import { realCatalogue } from './real';
import { writeCatalogue } from './records';
import { syntheticCatalogue } from './synthetic';
import { hanoiDate } from '../../kernel/platform/time';

/** Seeds the datasets the seed articles imply (with their lineage), then the demo volume. */
export async function seed(db: Db<typeof schema>): Promise<void> {
  await writeCatalogue(db, realCatalogue());
  await writeCatalogue(db, syntheticCatalogue(0, SYNTHETIC_COUNTS.Dataset, hanoiDate(new Date())));
}
