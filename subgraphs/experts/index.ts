import path from 'node:path';
import { defineSubgraph, loadTypeDefs } from '../kernel/subgraph/definition';
import * as schema from './db/schema';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seed } from './seed';

/** Experts network: experts, expertise areas (FOS 2007, priority areas), networks, memberships, engagements. */
export const experts = defineSubgraph({
  name: 'experts',
  typeDefs: loadTypeDefs(__dirname),
  resolvers,
  schema,
  migrationsFolder: path.join(__dirname, 'db', 'migrations'),
  createLoaders,
  seed,
  outbox: schema.outbox,
  seedMarkerTable: 'experts.expertise_areas',
});
