import { execFileSync } from 'node:child_process';
import { runMain } from './cli';

/**
 * Fails when generated types no longer match the schema (CI runs this): the subgraphs'
 * resolver types (from their SDL) and the typed client example's operation types (from
 * schema/api.graphql, so a schema change that breaks a client's operations fails here).
 */
const GENERATED = [
  { config: 'codegen.ts', output: 'subgraphs/*/generated' },
  { config: 'examples/typed-client/codegen.ts', output: 'examples/typed-client/src/gql' },
];

runMain(async () => {
  for (const { config, output } of GENERATED) {
    execFileSync('npx', ['graphql-codegen', '--config', config, '--silent'], { stdio: 'inherit' });
    const changed = execFileSync('git', ['status', '--porcelain', '--', output], { encoding: 'utf8' }).trim();
    if (changed) {
      console.error(`Generated types are stale:\n${changed}\nRun \`npm run codegen\` and commit.`);
      process.exit(1);
    }
  }
  console.log('generated types are up to date');
});
