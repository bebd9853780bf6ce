import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { Caller } from '../../kernel/caller';
import type { Db } from '../../kernel/db';
import * as schema from '../db/schema';
import type { DatasetModel, DataServiceModel, DistributionModel } from '../models';
import { exportedDatasetsCondition } from './visibility';

const { datasets, distributions, dataServices, dataServiceDatasets } = schema;
type CatalogueDb = Db<typeof schema>;

/** What a DCAT-AP export holds: datasets the caller may see, their distributions, and the services. */
export interface CatalogueExport {
  datasets: DatasetModel[];
  distributions: DistributionModel[];
  services: DataServiceModel[];
  /** Which of the exported datasets each service serves. */
  served: Array<{ serviceId: string; datasetId: string }>;
}

/** The whole published catalogue as `caller` may see it on `today`, in four statements whatever its size. */
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
  return { datasets: datasetRows, distributions: distributionRows, services, served };
}

/** One published dataset (by id or identifier) with its distributions, if the caller may see it on `today`. */
export async function datasetForExport(db: CatalogueDb, key: string, caller: Caller, today: string): Promise<CatalogueExport | null> {
  const byKey = /^[0-9a-f-]{36}$/i.test(key) ? eq(datasets.id, key) : eq(datasets.identifier, key);
  const [dataset] = await db.select().from(datasets).where(and(byKey, exportedDatasetsCondition(caller, today)));
  if (!dataset) return null;
  const distributionRows = await db
    .select()
    .from(distributions)
    .where(eq(distributions.datasetId, dataset.id))
    .orderBy(asc(distributions.position));
  return { datasets: [dataset], distributions: distributionRows, services: [], served: [] };
}
