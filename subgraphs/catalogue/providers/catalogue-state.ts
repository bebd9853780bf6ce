import { and, asc, eq, sql } from 'drizzle-orm';
import { mayEver, type RuleId } from '../../kernel/access-policy';
import { canWrite } from '../../kernel/caller';
import { conflict, forbidden, notFound } from '../../kernel/errors';
import type { GraphQLError } from 'graphql';
import { admitWrite, type WriteGuard } from '../../kernel/locking';
import { createWriter, updatedEvent, type Emit, type EventAccess } from '../../kernel/outbox';
import type { Db } from '../../kernel/db';
import * as schema from '../db/schema';
import type { DatasetModel, DistributionModel } from '../models';
import { datasetRow, type DatasetDraft } from '../store/dataset-row';
import { activeGrantees, unrevokedGrantsOfDatasets } from '../store/grants';
import { canSeeDataset, datasetAccess } from '../store/visibility';
import type { AccessLevel } from '../vocabularies';
import type { WriteContext } from '../../kernel/outbox';
import { hanoiDate } from '../../kernel/time';

/**
 * What dataset and distribution writes share: the columns derived from a dataset's metadata
 * (recomputed by the store's `datasetRow`), locking, authorisation, and the snapshots the
 * change events carry.
 */
export type CatalogueDb = Db<typeof schema>;
const { datasets, distributions, datasetIndicators } = schema;

/** Runs a write and its events in one transaction of the catalogue's database (kernel/outbox.ts). */
export const write = createWriter<typeof schema>(schema.outbox, schema.idempotencyKeys);

/** Writes need the request's clock too (dates may not be in the future). */
export type CatalogueWriteContext = WriteContext<typeof schema> & { now: Date };

/** The dataset columns computed from its metadata and distributions, exactly as the seed computes them. */
export function derivedColumns(dataset: DatasetModel | DatasetDraft, datasetDistributions: readonly DistributionModel[] | DatasetDraft['distributions']) {
  const row = datasetRow({ ...(dataset as DatasetDraft), distributions: [...datasetDistributions] });
  return {
    formats: row.formats,
    reviewDueOn: row.reviewDueOn,
    updateDueOn: row.updateDueOn,
    qualityFindability: row.qualityFindability,
    qualityAccessibility: row.qualityAccessibility,
    qualityInteroperability: row.qualityInteroperability,
    qualityReusability: row.qualityReusability,
    qualityContextuality: row.qualityContextuality,
    qualityPoints: row.qualityPoints,
    qualityScore: row.qualityScore,
    searchText: row.searchText,
  };
}

export function distributionsOf(tx: CatalogueDb, datasetId: string): Promise<DistributionModel[]> {
  return tx.select().from(distributions).where(eq(distributions.datasetId, datasetId)).orderBy(asc(distributions.position));
}

export async function indicatorIdsOf(tx: CatalogueDb, datasetId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: datasetIndicators.indicatorId })
    .from(datasetIndicators)
    .where(eq(datasetIndicators.datasetId, datasetId))
    .orderBy(asc(datasetIndicators.indicatorId));
  return rows.map((row) => row.id);
}

/**
 * How a write is admitted to a dataset (kernel `admitWrite`): the caller must be able to look it
 * up as `dataset(id)` would (level, draft, grants in force today), else it is as missing as an
 * unknown id; then `assertMayWrite` (by default: may write for its publisher).
 */
export function datasetGuard(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  options: { missing?: () => GraphQLError; assertMayWrite?: (dataset: DatasetModel) => void } = {},
): WriteGuard<DatasetModel> {
  return {
    typename: 'Dataset',
    mayRead: async (dataset) => canSeeDataset(context.caller, dataset, await granteesAtWrite(tx, context, dataset.id)),
    assertMayWrite: options.assertMayWrite ?? ((dataset) => assertMayWrite(context, dataset.publisherId)),
    missing: options.missing,
  };
}

/**
 * Locks a dataset for a write (concurrent writes to it, its distributions included, queue
 * here) and admits it (`datasetGuard`): NOT_FOUND (or `missing()`) for an unknown dataset and
 * for one the caller may not read, FORBIDDEN unless the caller may write for its publisher,
 * then, with `expectedVersion`, CONFLICT when it moved.
 */
export async function lockDataset(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  id: string,
  expectedVersion: number | null,
  options: Parameters<typeof datasetGuard>[2] = {},
): Promise<DatasetModel> {
  const [dataset] = await tx.select().from(datasets).where(eq(datasets.id, id)).for('update').limit(1);
  return admitWrite(dataset, id, expectedVersion, datasetGuard(tx, context, options));
}

/**
 * Refuses a caller whom `rule` never lets write (anonymous, partner, integrator, an API key
 * without the scope) before anything else, so they learn nothing about inputs or records.
 */
export function assertMayEver(context: WriteContext, rule: Extract<RuleId, 'writeRecord' | 'grantDatasetAccess'> = 'writeRecord'): void {
  if (!mayEver(context.caller, rule)) throw forbidden('Only editors of the dataset’s publisher and admins may change the catalogue');
}

export function assertMayWrite(context: WriteContext, publisherId: string | null): void {
  if (!canWrite(context.caller, publisherId, 'catalogue')) throw forbidden('Only editors of the dataset’s publisher may change it');
}

/** Drafts and published datasets change; withdrawn ones do not. */
export function assertNotWithdrawn(dataset: DatasetModel): void {
  if (dataset.status === 'WITHDRAWN') {
    throw conflict(`Dataset ${dataset.id} is withdrawn; a withdrawn dataset and its distributions cannot be changed`, {
      id: dataset.id,
      status: dataset.status,
    });
  }
}

async function findDistribution(tx: CatalogueDb, id: string): Promise<DistributionModel | undefined> {
  const [distribution] = await tx.select().from(distributions).where(eq(distributions.id, id)).limit(1);
  return distribution;
}

/** Re-reads a distribution under lock once its dataset is locked (datasets first, always: no deadlock). */
async function relockDistribution(tx: CatalogueDb, id: string, datasetId: string): Promise<DistributionModel | undefined> {
  const [distribution] = await tx
    .select()
    .from(distributions)
    .where(and(eq(distributions.id, id), eq(distributions.datasetId, datasetId)))
    .for('update')
    .limit(1);
  return distribution;
}

/**
 * What updating or removing a distribution does first, in this order: NOT_FOUND when there is
 * no such distribution or the caller may not read its dataset (the same error); its dataset
 * locked (`lockDataset`: FORBIDDEN unless the caller may write for its publisher); the
 * distribution re-read under lock; CONFLICT when its version is not the one the caller read,
 * then CONFLICT when its dataset is withdrawn.
 */
export async function lockDistributionForWrite(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  id: string,
  expectedVersion: number,
): Promise<{ dataset: DatasetModel; distribution: DistributionModel }> {
  const missing = () => notFound('Distribution', 'id', id);
  const found = await findDistribution(tx, id);
  if (!found) throw missing();
  const dataset = await lockDataset(tx, context, found.datasetId, null, { missing });
  // Its dataset was admitted just above: a distribution is read and written as its dataset is.
  const distribution = await admitWrite(await relockDistribution(tx, id, dataset.id), id, expectedVersion, {
    typename: 'Distribution',
    mayRead: () => true,
    assertMayWrite: () => undefined,
    missing,
  });
  assertNotWithdrawn(dataset);
  return { dataset, distribution };
}

const RESTRICTIVENESS: Record<AccessLevel, number> = { PUBLIC: 0, RESTRICTED: 1, INTERNAL: 2 };

/** The organisations holding a grant of the dataset in force on the write's day (Vietnam time). */
export async function granteesAtWrite(tx: CatalogueDb, context: CatalogueWriteContext, datasetId: string): Promise<string[]> {
  return activeGrantees(await unrevokedGrantsOfDatasets(tx, [datasetId]), hanoiDate(context.now));
}

/**
 * Who may see an event about a dataset or its distributions, decided as the dataset itself is
 * (store/visibility.ts `datasetAccess`): its access level, whether it is a draft, its publisher
 * and, for a RESTRICTED dataset, the organisations granted access when the event is written.
 * When a write changes the level, the stricter of the two applies, since the event shows both
 * states. `dataset` is the state after the write, `before` the one before it.
 */
export async function eventAccess(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  dataset: DatasetModel,
  before: DatasetModel = dataset,
): Promise<EventAccess> {
  const level = RESTRICTIVENESS[before.accessLevel] > RESTRICTIVENESS[dataset.accessLevel] ? before.accessLevel : dataset.accessLevel;
  const grantees = level === 'RESTRICTED' ? await granteesAtWrite(tx, context, dataset.id) : [];
  return datasetAccess({ ...dataset, accessLevel: level }, grantees);
}

/** A dataset as the change feed carries it: its GraphQL-visible fields as plain JSON. */
export function datasetSnapshot(dataset: DatasetModel, distributionIds: readonly string[], indicatorIds: readonly string[]): Record<string, unknown> {
  return {
    id: dataset.id,
    identifier: dataset.identifier,
    title: { vi: dataset.titleVi, en: dataset.titleEn },
    description: dataset.descriptionVi ? { vi: dataset.descriptionVi, en: dataset.descriptionEn } : null,
    publisherId: dataset.publisherId,
    contactPoint: dataset.contactPoint,
    themes: dataset.themes,
    keywords: dataset.keywords,
    accessLevel: dataset.accessLevel,
    licenceId: dataset.licenceId,
    updateFrequency: dataset.updateFrequency,
    temporalCoverage: dataset.temporalStart || dataset.temporalEnd ? { start: dataset.temporalStart, end: dataset.temporalEnd } : null,
    spatialCoverage: dataset.spatial,
    issued: dataset.issued,
    modified: dataset.modified,
    lastReviewed: dataset.lastReviewed,
    versionInfo: dataset.versionInfo,
    landingPage: dataset.landingPage,
    seriesId: dataset.seriesId,
    feedsIndicatorIds: [...indicatorIds],
    distributionIds: [...distributionIds],
    compliance: { reviewDueOn: dataset.reviewDueOn, updateDueOn: dataset.updateDueOn },
    quality: {
      score: dataset.qualityScore,
      points: dataset.qualityPoints,
      findability: dataset.qualityFindability,
      accessibility: dataset.qualityAccessibility,
      interoperability: dataset.qualityInteroperability,
      reusability: dataset.qualityReusability,
      contextuality: dataset.qualityContextuality,
    },
    status: dataset.status,
    withdrawnAt: dataset.withdrawnAt ? dataset.withdrawnAt.toISOString() : null,
    withdrawalReason: dataset.withdrawalReason,
    synthetic: dataset.synthetic,
  };
}

export function distributionSnapshot(distribution: DistributionModel): Record<string, unknown> {
  return {
    id: distribution.id,
    datasetId: distribution.datasetId,
    position: distribution.position,
    title: { vi: distribution.titleVi, en: distribution.titleEn },
    format: distribution.format,
    mediaType: distribution.mediaType,
    accessUrl: distribution.accessUrl,
    downloadUrl: distribution.downloadUrl,
    byteSize: distribution.byteSize,
    checksum:
      distribution.checksumAlgorithm && distribution.checksumValue ? { algorithm: distribution.checksumAlgorithm, value: distribution.checksumValue } : null,
    issued: distribution.issued,
    modified: distribution.modified,
    licenceId: distribution.licenceId,
  };
}

export interface DatasetSave {
  /** `dataset.updated`, `dataset.withdrawn`... */
  type: string;
  /** Columns the write sets; derived columns are recomputed from the result. */
  columns: Partial<DatasetModel>;
  distributionsBefore: readonly DistributionModel[];
  distributionsAfter: readonly DistributionModel[];
  indicatorIdsBefore: readonly string[];
  indicatorIdsAfter: readonly string[];
}

/**
 * Writes a locked dataset's new state: its derived columns recomputed from the metadata and
 * distributions it now has, its version moved, and the event describing the change.
 */
export async function saveDataset(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  emit: Emit,
  dataset: DatasetModel,
  save: DatasetSave,
): Promise<DatasetModel> {
  const merged = { ...dataset, ...save.columns };
  const [updated] = await tx
    .update(datasets)
    .set({ ...save.columns, ...derivedColumns(merged, save.distributionsAfter), version: sql`${datasets.version} + 1`, updatedAt: new Date() })
    .where(eq(datasets.id, dataset.id))
    .returning();
  const before = datasetSnapshot(
    dataset,
    save.distributionsBefore.map((d) => d.id),
    save.indicatorIdsBefore,
  );
  const after = datasetSnapshot(
    updated!,
    save.distributionsAfter.map((d) => d.id),
    save.indicatorIdsAfter,
  );
  await emit(
    updatedEvent({
      type: save.type,
      entityType: 'Dataset',
      entityId: dataset.id,
      version: updated!.version,
      before,
      after,
      access: await eventAccess(tx, context, updated!, dataset),
    }),
  );
  return updated!;
}
