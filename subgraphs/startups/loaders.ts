import type { Db } from '../kernel/db';
import { loaderById } from '../kernel/loaders';
import type * as schema from './db/schema';
import { hubsByIds } from './store/hubs';

/** The DataLoaders of one request; built fresh per request by the kernel. */
export function createLoaders(db: Db<typeof schema>) {
  return {
    hub: loaderById((ids) => hubsByIds(db, ids), (row) => row.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
