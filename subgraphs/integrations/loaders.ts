import { loaderByGroup, loaderById } from '../kernel/loaders';
import type { Db } from '../kernel/db';
import type * as schema from './db/schema';
import { loadAttempts, loadEndpoints } from './store/webhooks';

/** The DataLoaders of one request (the change log is read in pages only). */
export function createLoaders(db: Db<typeof schema>) {
  return {
    webhookEndpoint: loaderById((ids) => loadEndpoints(db, ids), (row) => row.id),
    webhookAttempts: loaderByGroup((ids) => loadAttempts(db, ids), (row) => row.deliveryId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
