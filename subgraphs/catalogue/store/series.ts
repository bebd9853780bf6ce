import { inArray } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import type { DatasetSeriesModel } from '../models';

const { datasetSeries } = schema;

export function seriesByIds(db: Db<typeof schema>, ids: readonly string[]): Promise<DatasetSeriesModel[]> {
  return db
    .select()
    .from(datasetSeries)
    .where(inArray(datasetSeries.id, [...ids]));
}

/** Whether a dataset series with this id exists. */
export async function seriesExists(db: Db<typeof schema>, id: string): Promise<boolean> {
  const [series] = await seriesByIds(db, [id]);
  return series !== undefined;
}
