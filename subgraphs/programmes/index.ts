import path from 'node:path';
import { defineSubgraph, loadTypeDefs } from '../kernel/subgraph/definition';
import * as schema from './db/schema';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seed } from './seed';

/** Programmes & indicators: organisations, programmes, indicators, targets, tasks, research. */
export const programmes = defineSubgraph({
  name: 'programmes',
  typeDefs: loadTypeDefs(__dirname),
  resolvers,
  schema,
  migrationsFolder: path.join(__dirname, 'db', 'migrations'),
  createLoaders,
  seed,
  outbox: schema.outbox,
  seedMarkerTable: 'programmes.organizations',
});
