import path from 'node:path';
import { defineSubgraph, loadTypeDefs } from '../kernel/subgraph/definition';
import * as schema from './db/schema';
import { dcatRoutes } from './export/routes';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seed } from './seed';

/** Data catalogue: datasets, distributions, data services, lineage to indicators, DCAT-AP export. */
export const catalogue = defineSubgraph({
  name: 'catalogue',
  typeDefs: loadTypeDefs(__dirname),
  resolvers,
  schema,
  migrationsFolder: path.join(__dirname, 'db', 'migrations'),
  createLoaders,
  seed,
  outbox: schema.outbox,
  seedMarkerTable: 'catalogue.datasets',
  routes: dcatRoutes,
});
