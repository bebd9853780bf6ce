import { inArray } from 'drizzle-orm';
import type { Db } from '../../kernel/db';
import * as schema from '../db/schema';
import type { DatasetSeriesModel } from '../models';

const { datasetSeries } = schema;

export function seriesByIds(db: Db<typeof schema>, ids: readonly string[]): Promise<DatasetSeriesModel[]> {
  return db
    .select()
    .from(datasetSeries)
    .where(inArray(datasetSeries.id, [...ids]));
}
