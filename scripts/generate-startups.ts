import { ConfigError } from '../subgraphs/kernel/platform/env';
import { openConfiguredDatabase } from '../subgraphs/kernel/subgraph/runtime';
import { seedIfEmpty } from '../subgraphs/kernel/subgraph/seed';
import { startups } from '../subgraphs/startups';
import { appendSyntheticStartups } from '../subgraphs/startups/seed';
import { runMain } from './cli';

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
    const started = Date.now();
    const { added, projects } = await appendSyntheticStartups(database.db, wanted, (done) =>
      console.log(`startups: ${done}/${wanted} startups written (${Math.round((Date.now() - started) / 1000)} s)`),
    );
    console.log(`startups: added ${added} startups and ${projects} synthetic projects in all, in ${Date.now() - started} ms`);
  } finally {
    await database.close();
  }
});
