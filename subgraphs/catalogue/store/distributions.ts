import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../kernel/db';
import * as schema from '../db/schema';
import type { DistributionModel } from '../models';

const { distributions } = schema;

/** The distributions of these datasets, in their order within each dataset. */
export function distributionsOfDatasets(db: Db<typeof schema>, datasetIds: readonly string[]): Promise<DistributionModel[]> {
  return db
    .select()
    .from(distributions)
    .where(inArray(distributions.datasetId, [...datasetIds]))
    .orderBy(asc(distributions.datasetId), asc(distributions.position));
}

export function distributionsByIds(db: Db<typeof schema>, ids: readonly string[]): Promise<DistributionModel[]> {
  return db
    .select()
    .from(distributions)
    .where(inArray(distributions.id, [...ids]));
}
