import { execFileSync } from 'node:child_process';
import { SUBGRAPHS, subgraphByName } from '../subgraphs';
import { ConfigError } from '../subgraphs/kernel/platform/env';
import { runMain } from './cli';

/** `npm run db:generate -- <name> [migration-name]`: drizzle-kit generate for one subgraph's schema. */
runMain(async () => {
  const [name, migrationName] = process.argv.slice(2);
  if (!name || !subgraphByName(name)) {
    throw new ConfigError(`Name a subgraph: npm run db:generate -- <${SUBGRAPHS.map((s) => s.name).join('|')}> [migration-name]`);
  }
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', `subgraphs/${name}/drizzle.config.ts`, ...(migrationName ? ['--name', migrationName] : [])], {
    stdio: 'inherit',
  });
});
