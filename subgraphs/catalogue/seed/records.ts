import type { InferInsertModel } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import { datasetRow, type DatasetDraft } from '../store/dataset-row';

/** The records a seed or the benchmark generator writes; datasets are drafted with their distributions (`store/dataset-row.ts` derives their columns). */
export interface CatalogueRecords {
  series: Array<InferInsertModel<typeof schema.datasetSeries>>;
  datasets: DatasetDraft[];
  lineage: Array<InferInsertModel<typeof schema.datasetIndicators>>;
  services: Array<InferInsertModel<typeof schema.dataServices>>;
  servedDatasets: Array<InferInsertModel<typeof schema.dataServiceDatasets>>;
}

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await insert(rows.slice(start, start + CHUNK));
}

/** Bulk-inserts records; series and services already present are left alone. */
export async function writeCatalogue(db: Db<typeof schema>, records: CatalogueRecords): Promise<void> {
  await insertChunked(records.series, (chunk) => db.insert(schema.datasetSeries).values(chunk).onConflictDoNothing());
  await insertChunked(records.datasets.map(datasetRow), (chunk) => db.insert(schema.datasets).values(chunk));
  const distributions = records.datasets.flatMap((dataset) =>
    dataset.distributions.map((distribution, position) => ({ ...distribution, datasetId: dataset.id, position })),
  );
  await insertChunked(distributions, (chunk) => db.insert(schema.distributions).values(chunk));
  await insertChunked(records.lineage, (chunk) => db.insert(schema.datasetIndicators).values(chunk));
  await insertChunked(records.services, (chunk) => db.insert(schema.dataServices).values(chunk).onConflictDoNothing());
  await insertChunked(records.servedDatasets, (chunk) => db.insert(schema.dataServiceDatasets).values(chunk).onConflictDoNothing());
}
