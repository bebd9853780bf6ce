import type { Db } from '../kernel/db';
import type * as schema from './db/schema';

/** The DataLoaders of one request. The change log is read in pages only, so none yet. */
export function createLoaders(_db: Db<typeof schema>) {
  return {};
}

export type Loaders = ReturnType<typeof createLoaders>;
