import type { Db } from '../kernel/db';
import { loaderById } from '../kernel/loaders';
import type * as schema from './db/schema';
import { organizationsByIds } from './store/organizations';

/** The DataLoaders of one request; built fresh per request by the kernel. */
export function createLoaders(db: Db<typeof schema>) {
  return {
    organization: loaderById((ids) => organizationsByIds(db, ids), (row) => row.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
