import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from '../gateway/compose';
import { SUBGRAPHS } from '../subgraphs';
import { runMain } from './cli';

/**
 * `npm run compose`: writes `schema/supergraph.graphql` (what the gateway loads) and
 * `schema/api.graphql` (what clients see). With `--check` it writes nothing and fails when
 * either checked-in file differs from a fresh composition (CI runs this).
 */
const SCHEMA_DIR = path.resolve(__dirname, '..', 'schema');

runMain(async () => {
  // Supergraph files name the local default URLs; deployments set <NAME>_URL for the gateway instead.
  for (const definition of SUBGRAPHS) delete process.env[`${definition.name.toUpperCase()}_URL`];
  const composed = composeSupergraph(SUBGRAPHS.map(({ name, typeDefs }) => ({ name, typeDefs })));
  const files = { 'supergraph.graphql': composed.supergraph, 'api.graphql': composed.api };
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(SCHEMA_DIR, file);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (current === content) continue;
    if (check) stale.push(`schema/${file}`);
    else writeFileSync(target, content);
  }
  if (check && stale.length) {
    console.error(`Stale: ${stale.join(', ')} no longer match the subgraph schemas. Run \`npm run compose\` and commit.`);
    process.exit(1);
  }
  console.log(check ? 'schema/ is up to date' : `Composed ${SUBGRAPHS.length} subgraphs into schema/`);
});
