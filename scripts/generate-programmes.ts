import { count, eq } from 'drizzle-orm';
import { ConfigError } from '../subgraphs/kernel/platform/env';
import { openConfiguredDatabase } from '../subgraphs/kernel/subgraph/runtime';
import { seedIfEmpty } from '../subgraphs/kernel/subgraph/seed';
import { programmes } from '../subgraphs/programmes';
import * as schema from '../subgraphs/programmes/db/schema';
import { insertSynthetic } from '../subgraphs/programmes/seed';
import { generateSynthetic } from '../subgraphs/programmes/seed/synthetic';
import { runMain } from './cli';

/**
 * `npm run generate:programmes -- <indicators> [tasks] [researchProjects]`: adds that many
 * synthetic demo rows (for benchmarks) with the default seed's deterministic generator, after
 * the rows already there. Seeds the database first if it is empty.
 */
runMain(async () => {
  const [indicators, tasks = indicators, researchProjects = indicators] = process.argv.slice(2).map(Number);
  if (![indicators, tasks, researchProjects].every((n) => Number.isInteger(n) && n! >= 0)) {
    throw new ConfigError('Give how many synthetic rows to add: npm run generate:programmes -- <indicators> [tasks] [researchProjects]');
  }
  const database = await openConfiguredDatabase(programmes);
  try {
    await database.migrate();
    await seedIfEmpty(programmes, database);
    const db = database.db;
    const counted = async (table: typeof schema.indicators | typeof schema.tasks | typeof schema.researchProjects) =>
      Number((await db.select({ n: count() }).from(table).where(eq(table.synthetic, true)))[0]?.n ?? 0);
    // Past every index used so far (the sum of the synthetic counts bounds them all), so ids never collide.
    const offset = (await counted(schema.indicators)) + (await counted(schema.tasks)) + (await counted(schema.researchProjects));
    const started = Date.now();
    const rows = generateSynthetic({ indicators: indicators!, tasks: tasks!, researchProjects: researchProjects!, offset });
    await db.transaction(async (tx) => insertSynthetic(tx, rows));
    console.log(
      `programmes: added ${rows.indicators.length} indicators (${rows.observations.length} observations), ${rows.tasks.length} tasks, ${rows.researchProjects.length} research projects in ${Date.now() - started} ms`,
    );
  } finally {
    await database.close();
  }
});
