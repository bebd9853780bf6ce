import { openConfiguredDatabase } from '../subgraphs/kernel/subgraph/runtime';
import { seedIfEmpty } from '../subgraphs/kernel/subgraph/seed';
import { SUBGRAPHS } from '../subgraphs';
import { runMain } from './cli';

/** `npm run db:seed`: migrates and seeds every empty subgraph database. */
runMain(async () => {
  for (const definition of SUBGRAPHS) {
    const database = await openConfiguredDatabase(definition);
    try {
      await database.migrate();
      const seeded = await seedIfEmpty(definition, database);
      console.log(`${definition.name}: ${seeded ? 'seeded' : 'already has data, left alone'}`);
    } finally {
      await database.close();
    }
  }
});
