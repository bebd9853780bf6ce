import { and, arrayOverlaps, asc, between, eq, inArray, like, ne, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Caller } from '../../kernel/identity/caller';
import type { Db } from '../../kernel/platform/db';
import { badUserInput } from '../../kernel/platform/errors';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import type { Provenance } from '../../kernel/reference/provenance';
import { likePattern } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import type { DatasetConnectionModel, DatasetModel } from '../models';
import { ratingRange, type QualityRating } from '../rules/quality';
import type { AccessLevel, DataThemeCode, FileFormat } from '../vocabularies';
import { datasetFacets } from './facets';
import { overdueCondition } from './overdue';
import { accessibleDatasetsCondition, listedDatasetsCondition } from './visibility';

const { datasets, datasetIndicators, dataServiceDatasets } = schema;
type CatalogueDb = Db<typeof schema>;

export interface DatasetFilter {
  search?: string | null;
  themes?: DataThemeCode[] | null;
  publisherIds?: string[] | null;
  formats?: FileFormat[] | null;
  accessLevels?: AccessLevel[] | null;
  draft?: boolean | null;
  licenceIds?: string[] | null;
  overdue?: boolean | null;
  minQuality?: number | null;
  qualityRatings?: QualityRating[] | null;
  seriesId?: string | null;
  synthetic?: boolean | null;
}

export type DatasetOrder = 'TITLE' | 'QUALITY';

export function datasetsByIds(db: CatalogueDb, ids: readonly string[]): Promise<DatasetModel[]> {
  return db
    .select()
    .from(datasets)
    .where(inArray(datasets.id, [...ids]));
}

/** A dataset by identifier, if the caller may look it up (`today` decides which grants apply). */
export async function datasetByIdentifier(db: CatalogueDb, identifier: string, caller: Caller, today: string): Promise<DatasetModel | null> {
  const rows = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.identifier, identifier), accessibleDatasetsCondition(caller, today)));
  return rows[0] ?? null;
}

function filterCondition(filter: DatasetFilter | null | undefined, today: string): SQL | undefined {
  if (!filter) return undefined;
  if (filter.minQuality != null && (!Number.isInteger(filter.minQuality) || filter.minQuality < 0 || filter.minQuality > 100)) {
    throw badUserInput(`"minQuality" must be a whole number from 0 to 100, got ${filter.minQuality}`, 'filter.minQuality');
  }
  return and(
    filter.search ? like(datasets.searchText, likePattern(filter.search)) : undefined,
    filter.themes ? arrayOverlaps(datasets.themes, filter.themes) : undefined,
    filter.publisherIds ? anyOf(datasets.publisherId, filter.publisherIds) : undefined,
    filter.formats ? arrayOverlaps(datasets.formats, filter.formats) : undefined,
    filter.accessLevels ? anyOf(datasets.accessLevel, filter.accessLevels) : undefined,
    filter.draft != null ? eq(datasets.status, filter.draft ? 'DRAFT' : 'PUBLISHED') : undefined,
    filter.licenceIds ? anyOf(datasets.licenceId, filter.licenceIds) : undefined,
    filter.overdue != null ? (filter.overdue ? overdueCondition(today) : sql`not ${overdueCondition(today)}`) : undefined,
    filter.minQuality != null ? sql`${datasets.qualityScore} >= ${filter.minQuality}` : undefined,
    filter.qualityRatings ? (or(...filter.qualityRatings.map((rating) => between(datasets.qualityScore, ...ratingRange(rating)))) ?? sql`false`) : undefined,
    filter.seriesId ? eq(datasets.seriesId, filter.seriesId) : undefined,
    filter.synthetic != null ? eq(datasets.synthetic, filter.synthetic) : undefined,
  );
}

/** `column in (values)`, and no row for an empty list (which `inArray` cannot express). */
function anyOf<T extends string>(column: Column, values: readonly T[]): SQL {
  return values.length ? inArray(column, [...values]) : sql`false`;
}

export interface ListDatasetsOptions {
  args: ConnectionArgs;
  filter?: DatasetFilter | null;
  orderBy?: DatasetOrder | null;
  caller: Caller;
  /** Today in Vietnam (`YYYY-MM-DD`), for the overdue filter and facet and for which grants apply. */
  today: string;
  /** A further condition, e.g. one publisher's datasets. */
  scope?: SQL;
}

/** One page of datasets the caller may see, with lazy `totalCount` and `facets` (one statement each). */
export async function listDatasets(db: CatalogueDb, options: ListDatasetsOptions): Promise<DatasetConnectionModel> {
  const where = and(listedDatasetsCondition(options.caller, options.today), options.scope, filterCondition(options.filter, options.today));
  const byQuality = options.orderBy === 'QUALITY';
  const connection = await tableConnection(db, {
    table: datasets,
    rows: db.select().from(datasets).$dynamic(),
    args: options.args,
    filter: where,
    descending: byQuality,
    sortKeys: byQuality
      ? [
          { column: datasets.qualityScore, value: (row) => row.qualityScore },
          { column: datasets.id, value: (row) => row.id },
        ]
      : [
          { column: datasets.titleVi, value: (row) => row.titleVi },
          { column: datasets.id, value: (row) => row.id },
        ],
  });
  let facets: ReturnType<DatasetConnectionModel['facets']> | undefined;
  return { ...connection, facets: () => (facets ??= datasetFacets(db, where, options.today)) };
}

/** The datasets feeding each of these indicators (any access level and status: the caller filters). */
export function datasetsFeedingIndicators(db: CatalogueDb, indicatorIds: readonly string[]) {
  return db
    .select({ indicatorId: datasetIndicators.indicatorId, dataset: datasets })
    .from(datasetIndicators)
    .innerJoin(datasets, eq(datasetIndicators.datasetId, datasets.id))
    .where(inArray(datasetIndicators.indicatorId, [...indicatorIds]))
    .orderBy(asc(datasets.titleVi), asc(datasets.id));
}

/** The indicators each of these datasets feeds. */
export function indicatorLinksOfDatasets(db: CatalogueDb, datasetIds: readonly string[]) {
  return db
    .select({ datasetId: datasetIndicators.datasetId, indicatorId: datasetIndicators.indicatorId })
    .from(datasetIndicators)
    .where(inArray(datasetIndicators.datasetId, [...datasetIds]))
    .orderBy(asc(datasetIndicators.indicatorId));
}

/** The datasets each of these data services serves (any access level and status: the caller filters). */
export function datasetsServedBy(db: CatalogueDb, serviceIds: readonly string[]) {
  return db
    .select({ serviceId: dataServiceDatasets.serviceId, dataset: datasets })
    .from(dataServiceDatasets)
    .innerJoin(datasets, eq(dataServiceDatasets.datasetId, datasets.id))
    .where(inArray(dataServiceDatasets.serviceId, [...serviceIds]))
    .orderBy(asc(datasets.titleVi), asc(datasets.id));
}

/** The datasets one organisation publishes that the caller may see. */
/** Datasets `organizationId` publishes, of the kind `synthetic` asks for (true: demo, false: real, null: both). */
export function listDatasetsPublishedBy(db: CatalogueDb, organizationId: string, synthetic: boolean | null, options: Omit<ListDatasetsOptions, 'scope'>) {
  return listDatasets(db, {
    ...options,
    scope: and(eq(datasets.publisherId, organizationId), synthetic === null ? undefined : eq(datasets.synthetic, synthetic)),
  });
}

// ---------------------------------------------------------------------------------------------
// Writes (writes/datasets.ts and writes/writer.ts): every statement that changes a dataset

type NewDataset = typeof datasets.$inferInsert;

/** The dataset locked for the rest of the transaction (every catalogue write locks its dataset first). */
export async function lockDatasetRow(tx: CatalogueDb, id: string): Promise<DatasetModel | undefined> {
  const [dataset] = await tx.select().from(datasets).where(eq(datasets.id, id)).for('update').limit(1);
  return dataset;
}

export async function insertDataset(tx: CatalogueDb, row: NewDataset): Promise<DatasetModel> {
  const [dataset] = await tx.insert(datasets).values(row).returning();
  return dataset!;
}

/** Sets a dataset's columns and moves its version; the row as written. */
export async function updateDatasetRow(tx: CatalogueDb, id: string, columns: Partial<NewDataset>): Promise<DatasetModel> {
  const [dataset] = await tx
    .update(datasets)
    .set({ ...columns, version: sql`${datasets.version} + 1`, updatedAt: new Date() })
    .where(eq(datasets.id, id))
    .returning();
  return dataset!;
}

/** Whether a dataset other than `exceptId` holds this identifier (withdrawn ones keep theirs). */
export async function identifierHeld(tx: CatalogueDb, identifier: string, exceptId: string | null): Promise<boolean> {
  const [holder] = await tx
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.identifier, identifier), exceptId ? ne(datasets.id, exceptId) : undefined))
    .limit(1);
  return holder !== undefined;
}

/** The ids of the indicators a dataset feeds (its declared lineage), in id order. */
export async function indicatorIdsOf(tx: CatalogueDb, datasetId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: datasetIndicators.indicatorId })
    .from(datasetIndicators)
    .where(eq(datasetIndicators.datasetId, datasetId))
    .orderBy(asc(datasetIndicators.indicatorId));
  return rows.map((row) => row.id);
}

/** Declares the indicators a dataset feeds, replacing what it declared before. */
export async function replaceIndicatorIds(tx: CatalogueDb, datasetId: string, indicatorIds: readonly string[], provenance: Provenance): Promise<void> {
  await tx.delete(datasetIndicators).where(eq(datasetIndicators.datasetId, datasetId));
  if (indicatorIds.length === 0) return;
  await tx.insert(datasetIndicators).values(indicatorIds.map((indicatorId) => ({ datasetId, indicatorId, provenance })));
}
