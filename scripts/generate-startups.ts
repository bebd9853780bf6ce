import { count, eq } from 'drizzle-orm';
import { ConfigError } from '../subgraphs/kernel/env';
import { openConfiguredDatabase } from '../subgraphs/kernel/runtime';
import { seedIfEmpty } from '../subgraphs/kernel/seed';
import { startups } from '../subgraphs/startups';
import * as schema from '../subgraphs/startups/db/schema';
import { insertBatch } from '../subgraphs/startups/seed';
import { DEFAULT_SEED, generateUnits } from '../subgraphs/startups/seed/synthetic';
import { runMain } from './cli';

/** Units generated and written per transaction: memory stays flat whatever the total. */
const UNITS_PER_BATCH = 2_000;

/** Beyond the default seed, three units in four have a company, so n startups need about 4n/3 units. */
const withStartup = (i: number): boolean => i % 4 !== 3;

/**
 * `npm run generate:startups -- <startups>`: adds that many synthetic startups (with about a
 * third as many more projects, and their transitions, supports, cohort places and funding
 * rounds) to the configured database, with the default seed's deterministic generator, after
 * the units already there. Seeds the database first if it is empty.
 */
runMain(async () => {
  const wanted = Number(process.argv[2]);
  if (!Number.isInteger(wanted) || wanted <= 0) throw new ConfigError('Give how many synthetic startups to add: npm run generate:startups -- <startups>');
  const database = await openConfiguredDatabase(startups);
  try {
    await database.migrate();
    await seedIfEmpty(startups, database);
    const db = database.db;
    // Every unit has exactly one project, so the synthetic project count is the next unit index.
    let next = Number((await db.select({ n: count() }).from(schema.projects).where(eq(schema.projects.synthetic, true)))[0]?.n ?? 0);
    const started = Date.now();
    let added = 0;
    while (added < wanted) {
      let to = next;
      let companies = 0;
      while (companies < Math.min(UNITS_PER_BATCH, wanted - added)) if (withStartup(to++)) companies++;
      const batch = generateUnits(DEFAULT_SEED, next, to, withStartup);
      await db.transaction(async (tx) => insertBatch(tx as unknown as typeof db, batch));
      added += batch.startups.length;
      next = to;
      console.log(`startups: ${added}/${wanted} startups written (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    console.log(`startups: added ${added} startups and ${next} synthetic projects in all, in ${Date.now() - started} ms`);
  } finally {
    await database.close();
  }
});
