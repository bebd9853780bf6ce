import { count, eq } from 'drizzle-orm';
import { experts } from '../subgraphs/experts';
import * as schema from '../subgraphs/experts/db/schema';
import { insertSyntheticExperts } from '../subgraphs/experts/seed';
import { ConfigError } from '../subgraphs/kernel/platform/env';
import { describeDatabase, openConfiguredDatabase } from '../subgraphs/kernel/subgraph/runtime';
import { seedIfEmpty } from '../subgraphs/kernel/subgraph/seed';
import { runMain } from './cli';

/**
 * `npm run generate:experts -- <N>`: grows the synthetic demo experts to N (for benchmarks)
 * with the default seed's generator: expert i is always `syntheticId('Expert', i)` with the
 * same name, areas, affiliations, memberships and engagements. Seeds an empty database first.
 */
const where = () => describeDatabase(experts);

runMain(async () => {
  const target = Number(process.argv[2]);
  if (!Number.isInteger(target) || target < 0) throw new ConfigError('Give the number of synthetic experts: npm run generate:experts -- 20000');
  const database = await openConfiguredDatabase(experts);
  try {
    await database.migrate();
    await seedIfEmpty(experts, database);
    const [row] = await database.db.select({ n: count() }).from(schema.experts).where(eq(schema.experts.synthetic, true));
    const existing = row?.n ?? 0;
    if (existing >= target) {
      console.log(`experts: already ${existing} synthetic experts (${where()})`);
      return;
    }
    const started = Date.now();
    await database.db.transaction(async (tx) => {
      await insertSyntheticExperts(tx, existing, target);
    });
    console.log(`experts: ${target - existing} synthetic experts added, ${target} in all, in ${Date.now() - started} ms (${where()})`);
  } finally {
    await database.close();
  }
});
