import { loaderByGroup, loaderById } from '../kernel/platform/loaders';
import type { Db } from '../kernel/platform/db';
import type * as schema from './db/schema';
import { loadApiKeys } from './store/api-keys';
import { loadAttempts, loadEndpoints } from './store/webhooks';

/** The DataLoaders of one request (the change log and the audit log are read in pages only). */
export function createLoaders(db: Db<typeof schema>) {
  return {
    webhookEndpoint: loaderById(
      (ids) => loadEndpoints(db, ids),
      (row) => row.id,
    ),
    webhookAttempts: loaderByGroup(
      (ids) => loadAttempts(db, ids),
      (row) => row.deliveryId,
    ),
    apiKey: loaderById(
      (ids) => loadApiKeys(db, ids),
      (row) => row.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
