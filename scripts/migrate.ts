import { openConfiguredDatabase, describeDatabase } from '../subgraphs/kernel/subgraph/runtime';
import { SUBGRAPHS, subgraphByName } from '../subgraphs';
import { ConfigError } from '../subgraphs/kernel/platform/env';
import { runMain } from './cli';

/** `npm run db:migrate [-- <name>]`: applies checked-in migrations, nothing else. */
runMain(async () => {
  const name = process.argv[2];
  const targets = name ? [subgraphByName(name)] : SUBGRAPHS;
  if (targets.some((target) => !target)) throw new ConfigError(`Unknown subgraph "${name}"`);
  for (const definition of targets) {
    const database = await openConfiguredDatabase(definition!);
    try {
      await database.migrate();
      console.log(`${definition!.name}: migrated (${describeDatabase(definition!)})`);
    } finally {
      await database.close();
    }
  }
});
