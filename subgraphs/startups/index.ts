import path from 'node:path';
import { defineSubgraph, loadTypeDefs } from '../kernel/subgraph/definition';
import * as schema from './db/schema';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seed } from './seed';

/** Startups & incubators: startups, startup projects, innovation hubs, cohorts, funding rounds. */
export const startups = defineSubgraph({
  name: 'startups',
  typeDefs: loadTypeDefs(__dirname),
  resolvers,
  schema,
  migrationsFolder: path.join(__dirname, 'db', 'migrations'),
  createLoaders,
  seed,
  outbox: schema.outbox,
  seedMarkerTable: 'startups.hubs',
});
