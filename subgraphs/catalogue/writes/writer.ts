import type { GraphQLError } from 'graphql';
import { assertAllowed, type EventAccess, type Ownership } from '../../kernel/identity/access-policy';
import type { Db } from '../../kernel/platform/db';
import { conflict } from '../../kernel/platform/errors';
import { admitWrite, type WriteGuard } from '../../kernel/subgraph/locking';
import { createWriter, updatedEvent, type Emit, type WriteContext } from '../../kernel/subgraph/outbox';
import { hanoiDate } from '../../kernel/platform/time';
import * as schema from '../db/schema';
import type { DatasetModel, DistributionModel } from '../models';
import { datasetRow, type DatasetDraft } from '../store/dataset-row';
import { lockDatasetRow, updateDatasetRow } from '../store/datasets';
import { activeGrantees, unrevokedGrantsOfDatasets } from '../store/grants';
import { canSeeDataset, datasetAccess } from '../store/visibility';
import type { AccessLevel } from '../vocabularies';

/**
 * What every catalogue write shares. The dataset is the unit of every write: a write locks its
 * dataset first (distributions and grants queue behind it), its publisher owns what it holds,
 * its access decides who sees the write's events, and a change to a distribution moves the
 * dataset too (`saveDataset`: derived columns recomputed, version moved, `dataset.updated`).
 */

export type CatalogueDb = Db<typeof schema>;

/** Runs a write and its events in one transaction of the catalogue's database (kernel/subgraph/outbox.ts). */
export const write = createWriter<typeof schema>(schema.outbox, schema.idempotencyKeys);

/** Writes need the request's clock too (dates may not be in the future, grants apply by day). */
export type CatalogueWriteContext = WriteContext<typeof schema> & { now: Date };

export const WHO_MAY_WRITE = 'Only editors of the dataset’s publisher and admins may change the catalogue';
export const WHO_MAY_WRITE_DATASET = 'Only editors of the dataset’s publisher may change it';

/** A dataset and what it holds belong to its publisher, in the catalogue domain. */
export function publisherOwnership(publisherId: string | null): Ownership {
  return { ownerOrganizationId: publisherId, domain: 'catalogue' };
}

/**
 * How a write is admitted to a dataset (kernel `admitWrite`): the caller must be able to look it
 * up as `dataset(id)` would (level, draft, grants in force today), else it is as missing as an
 * unknown id; then `assertMayWrite` (by default: may write for its publisher).
 */
function datasetGuard(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  options: { missing?: () => GraphQLError; assertMayWrite?: (dataset: DatasetModel) => void },
): WriteGuard<DatasetModel> {
  return {
    typename: 'Dataset',
    mayRead: async (dataset) => canSeeDataset(context.caller, dataset, await granteesAtWrite(tx, context, dataset.id)),
    assertMayWrite:
      options.assertMayWrite ?? ((dataset) => assertAllowed(context.caller, 'writeRecord', publisherOwnership(dataset.publisherId), WHO_MAY_WRITE_DATASET)),
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
  return admitWrite(await lockDatasetRow(tx, id), id, expectedVersion, datasetGuard(tx, context, options));
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

const RESTRICTIVENESS: Record<AccessLevel, number> = { PUBLIC: 0, RESTRICTED: 1, INTERNAL: 2 };

/** The organisations holding a grant of the dataset in force on the write's day (Vietnam time). */
async function granteesAtWrite(tx: CatalogueDb, context: CatalogueWriteContext, datasetId: string): Promise<string[]> {
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

/** The dataset columns computed from its metadata and distributions, exactly as the seed computes them. */
function derivedColumns(dataset: DatasetModel, distributions: readonly DistributionModel[]) {
  const draft: DatasetDraft = { ...dataset, distributions: [...distributions] };
  const row = datasetRow(draft);
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
 * distributions it now has, its version moved, and the event describing the change. Answers
 * with the dataset as written.
 */
export async function saveDataset(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  emit: Emit,
  dataset: DatasetModel,
  save: DatasetSave,
): Promise<DatasetModel> {
  const merged = { ...dataset, ...save.columns };
  const updated = await updateDatasetRow(tx, dataset.id, { ...save.columns, ...derivedColumns(merged, save.distributionsAfter) });
  const ids = (distributions: readonly DistributionModel[]) => distributions.map((distribution) => distribution.id);
  await emit(
    updatedEvent({
      type: save.type,
      entityType: 'Dataset',
      entityId: dataset.id,
      version: updated.version,
      before: datasetSnapshot(dataset, ids(save.distributionsBefore), save.indicatorIdsBefore),
      after: datasetSnapshot(updated, ids(save.distributionsAfter), save.indicatorIdsAfter),
      access: await eventAccess(tx, context, updated, dataset),
    }),
  );
  return updated;
}
