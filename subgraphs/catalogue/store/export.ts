import { and, asc, eq, exists, getTableColumns, inArray } from 'drizzle-orm';
import type { Caller } from '../../kernel/identity/caller';
import type { Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import type { DatasetModel, DatasetSeriesModel, DataServiceModel, DistributionModel } from '../models';
import { exportedDatasetsCondition } from './visibility';

const { datasets, datasetSeries, distributions, dataServices, dataServiceDatasets } = schema;
type CatalogueDb = Db<typeof schema>;

/** What a DCAT-AP export holds: datasets the caller may see, their distributions and series, and the services. */
export interface CatalogueExport {
  datasets: DatasetModel[];
  distributions: DistributionModel[];
  /** The series the exported datasets are in. */
  series: DatasetSeriesModel[];
  services: DataServiceModel[];
  /** Which of the exported datasets each service serves. */
  served: Array<{ serviceId: string; datasetId: string }>;
}

const isUuid = (key: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key);

/** The series of `rows`, in one statement. */
async function seriesOf(db: CatalogueDb, rows: DatasetModel[]): Promise<DatasetSeriesModel[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.seriesId ? [row.seriesId] : [])))];
  return ids.length ? db.select().from(datasetSeries).where(inArray(datasetSeries.id, ids)).orderBy(asc(datasetSeries.id)) : [];
}

async function distributionsOf(db: CatalogueDb, rows: DatasetModel[]): Promise<DistributionModel[]> {
  const ids = rows.map((row) => row.id);
  return ids.length
    ? db.select().from(distributions).where(inArray(distributions.datasetId, ids)).orderBy(asc(distributions.datasetId), asc(distributions.position))
    : [];
}

/** The whole published catalogue as `caller` may see it on `today`, in five statements whatever its size. */
export async function catalogueForExport(db: CatalogueDb, caller: Caller, today: string): Promise<CatalogueExport> {
  const visible = exportedDatasetsCondition(caller, today);
  const [datasetRows, distributionRows, services, served] = await Promise.all([
    db.select().from(datasets).where(visible).orderBy(asc(datasets.titleVi), asc(datasets.id)),
    db
      .select(getTableColumns(distributions))
      .from(distributions)
      .innerJoin(datasets, eq(distributions.datasetId, datasets.id))
      .where(visible)
      .orderBy(asc(distributions.datasetId), asc(distributions.position)),
    db.select().from(dataServices).orderBy(asc(dataServices.titleVi), asc(dataServices.id)),
    db
      .select({ serviceId: dataServiceDatasets.serviceId, datasetId: dataServiceDatasets.datasetId })
      .from(dataServiceDatasets)
      .innerJoin(datasets, eq(dataServiceDatasets.datasetId, datasets.id))
      .where(visible),
  ]);
  return { datasets: datasetRows, distributions: distributionRows, series: await seriesOf(db, datasetRows), services, served };
}

/** One published dataset (by id or identifier) with its distributions and series, if the caller may see it on `today`. */
export async function datasetForExport(db: CatalogueDb, key: string, caller: Caller, today: string): Promise<CatalogueExport | null> {
  const byKey = isUuid(key) ? eq(datasets.id, key) : eq(datasets.identifier, key);
  const rows = await db
    .select()
    .from(datasets)
    .where(and(byKey, exportedDatasetsCondition(caller, today)));
  if (!rows.length) return null;
  const [distributionRows, series] = await Promise.all([distributionsOf(db, rows), seriesOf(db, rows)]);
  return { datasets: rows, distributions: distributionRows, series, services: [], served: [] };
}

/** One distribution, if its dataset is in the export. */
export async function distributionForExport(db: CatalogueDb, id: string, caller: Caller, today: string): Promise<DistributionModel | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(getTableColumns(distributions))
    .from(distributions)
    .innerJoin(datasets, eq(distributions.datasetId, datasets.id))
    .where(and(eq(distributions.id, id), exportedDatasetsCondition(caller, today)));
  return row ?? null;
}

/** One series, if a dataset of the export is in it (a series of hidden datasets is not shown). */
export async function seriesForExport(db: CatalogueDb, id: string, caller: Caller, today: string): Promise<DatasetSeriesModel | null> {
  if (!isUuid(id)) return null;
  const exportedMember = db
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.seriesId, datasetSeries.id), exportedDatasetsCondition(caller, today)));
  const [row] = await db
    .select()
    .from(datasetSeries)
    .where(and(eq(datasetSeries.id, id), exists(exportedMember)));
  return row ?? null;
}

/** One data service with the exported datasets it serves (their distributions and series too). */
export async function serviceForExport(
  db: CatalogueDb,
  id: string,
  caller: Caller,
  today: string,
): Promise<{ service: DataServiceModel; content: CatalogueExport } | null> {
  if (!isUuid(id)) return null;
  const [service] = await db.select().from(dataServices).where(eq(dataServices.id, id));
  if (!service) return null;
  const rows = await db
    .select(getTableColumns(datasets))
    .from(datasets)
    .innerJoin(dataServiceDatasets, eq(dataServiceDatasets.datasetId, datasets.id))
    .where(and(eq(dataServiceDatasets.serviceId, id), exportedDatasetsCondition(caller, today)))
    .orderBy(asc(datasets.titleVi), asc(datasets.id));
  const [distributionRows, series] = await Promise.all([distributionsOf(db, rows), seriesOf(db, rows)]);
  return { service, content: { datasets: rows, distributions: distributionRows, series, services: [], served: [] } };
}
