import type { Db } from '../kernel/platform/db';
import { loaderByGroup, loaderById } from '../kernel/platform/loaders';
import type * as schema from './db/schema';
import { datasetsByIds, datasetsFeedingIndicators, datasetsServedBy, indicatorLinksOfDatasets } from './store/datasets';
import { distributionsByIds, distributionsOfDatasets } from './store/distributions';
import { allGrantsOfDatasets, grantsByIds, unrevokedGrantsOfDatasets } from './store/grants';
import { seriesByIds } from './store/series';

/**
 * The DataLoaders of one request; built fresh per request by the kernel. They load every
 * access level and status: resolvers drop what the caller may not see (store/visibility.ts).
 */
export function createLoaders(db: Db<typeof schema>) {
  return {
    dataset: loaderById(
      (ids) => datasetsByIds(db, ids),
      (row) => row.id,
    ),
    distribution: loaderById(
      (ids) => distributionsByIds(db, ids),
      (row) => row.id,
    ),
    distributionsOfDataset: loaderByGroup(
      (ids) => distributionsOfDatasets(db, ids),
      (row) => row.datasetId,
    ),
    series: loaderById(
      (ids) => seriesByIds(db, ids),
      (row) => row.id,
    ),
    datasetsFeedingIndicator: loaderByGroup(
      (ids) => datasetsFeedingIndicators(db, ids),
      (row) => row.indicatorId,
    ),
    indicatorsFedByDataset: loaderByGroup(
      (ids) => indicatorLinksOfDatasets(db, ids),
      (row) => row.datasetId,
    ),
    datasetsServedBy: loaderByGroup(
      (ids) => datasetsServedBy(db, ids),
      (row) => row.serviceId,
    ),
    /** Grants not revoked, for visibility decisions (expiry is checked against the request's day). */
    unrevokedGrantsOfDataset: loaderByGroup(
      (ids) => unrevokedGrantsOfDatasets(db, ids),
      (row) => row.datasetId,
    ),
    allGrantsOfDataset: loaderByGroup(
      (ids) => allGrantsOfDatasets(db, ids),
      (row) => row.datasetId,
    ),
    grant: loaderById(
      (ids) => grantsByIds(db, ids),
      (row) => row.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
