import { count, eq } from 'drizzle-orm';
import { catalogue } from '../subgraphs/catalogue';
import * as schema from '../subgraphs/catalogue/db/schema';
import { writeCatalogue } from '../subgraphs/catalogue/seed/records';
import { syntheticCatalogue } from '../subgraphs/catalogue/seed/synthetic';
import { ConfigError } from '../subgraphs/kernel/platform/env';
import { describeDatabase, openConfiguredDatabase } from '../subgraphs/kernel/subgraph/runtime';
import { seedIfEmpty } from '../subgraphs/kernel/subgraph/seed';
import { runMain } from './cli';
import { hanoiDate } from '../subgraphs/kernel/platform/time';

/**
 * `npm run generate:catalogue -- <N>`: grows the catalogue's synthetic demo datasets to N
 * (for benchmarks), with the same deterministic generator as the default seed: dataset i is
 * always `syntheticId('Dataset', i)` with the same metadata. Seeds the database first if empty.
 */
const where = () => describeDatabase(catalogue);

runMain(async () => {
  const target = Number(process.argv[2]);
  if (!Number.isInteger(target) || target < 0) throw new ConfigError('Give the number of synthetic datasets: npm run generate:catalogue -- 10000');
  const database = await openConfiguredDatabase(catalogue);
  try {
    await database.migrate();
    await seedIfEmpty(catalogue, database);
    const [row] = await database.db.select({ n: count() }).from(schema.datasets).where(eq(schema.datasets.synthetic, true));
    const existing = row?.n ?? 0;
    if (existing >= target) {
      console.log(`catalogue: already ${existing} synthetic datasets (${where()})`);
      return;
    }
    const started = Date.now();
    await database.db.transaction(async (tx) => {
      await writeCatalogue(tx, syntheticCatalogue(existing, target, hanoiDate(new Date())));
    });
    console.log(`catalogue: ${target - existing} synthetic datasets added, ${target} in all, in ${Date.now() - started} ms (${where()})`);
  } finally {
    await database.close();
  }
});
