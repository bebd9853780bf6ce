import { assertAllowed } from '../../kernel/identity/access-policy';
import { badUserInput, notFound } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { admitWrite } from '../../kernel/subgraph/locking';
import { createdEvent, updatedEvent, type Emit, type WriteResult } from '../../kernel/subgraph/outbox';
import { apiProvenance } from '../../kernel/reference/provenance';
import type { CreateDistributionInput, DistributionInput, RemoveDistributionInput, UpdateDistributionInput } from '../generated/graphql';
import type { DatasetModel, DistributionModel } from '../models';
import { indicatorIdsOf } from '../store/datasets';
import {
  deleteDistribution,
  distributionsByIds,
  distributionsOfDatasets,
  insertDistributions,
  lockDistributionOfDataset,
  nextPosition,
  updateDistributionRow,
} from '../store/distributions';
import {
  checkByteSize,
  checkLicence,
  checkMediaType,
  checkNotBefore,
  checkWebAddress,
  given,
  normaliseChecksum,
  requiredValue,
  trimmedText,
} from '../validation';
import { assertNotWithdrawn, eventAccess, lockDataset, saveDataset, write, WHO_MAY_WRITE, type CatalogueDb, type CatalogueWriteContext } from './writer';

/**
 * A distribution is part of its dataset: every distribution write locks the dataset first,
 * recomputes its quality score and formats, moves its version and emits `dataset.updated`
 * beside the distribution's own event. Events carry the dataset's access level.
 */

export const MAX_DISTRIBUTIONS = 50;

export async function createDistribution(context: CatalogueWriteContext, input: CreateDistributionInput): Promise<WriteResult<DistributionModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  const fields = fieldsOf(input);
  const columns: DistributionColumns = { ...EMPTY_DISTRIBUTION, titleVi: input.titleVi, ...distributionChanges(fields, 'input') };
  checkDistributionState(columns, fields, 'input');

  return write(context, { operation: 'createDistribution', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
    const dataset = await lockDataset(tx, context, input.datasetId, null, {
      missing: () => badUserInput(`No dataset with id "${input.datasetId}"`, 'input.datasetId'),
    });
    assertNotWithdrawn(dataset);
    const before = await distributionsOfDatasets(tx, [dataset.id]);
    if (before.length >= MAX_DISTRIBUTIONS) throw badUserInput(`A dataset has at most ${MAX_DISTRIBUTIONS} distributions`, 'input.datasetId');
    const [distribution] = await insertDistributions(tx, [
      {
        ...columns,
        id: newId(),
        datasetId: dataset.id,
        position: await nextPosition(tx, dataset.id),
        synthetic: dataset.synthetic,
        provenance: apiProvenance(context, 'Added', dataset.synthetic),
      },
    ]);
    await emit(
      createdEvent({
        type: 'distribution.created',
        entityType: 'Distribution',
        entityId: distribution!.id,
        after: distributionSnapshot(distribution!),
        access: await eventAccess(tx, context, dataset),
      }),
    );
    await moveDataset(tx, context, emit, dataset, before, [...before, distribution!]);
    return distribution!;
  });
}

export async function updateDistribution(context: CatalogueWriteContext, input: UpdateDistributionInput): Promise<WriteResult<DistributionModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  const fields = fieldsOf(input);
  const changes = distributionChanges(fields, 'input');

  return write(context, { operation: 'updateDistribution', input }, async (tx, emit) => {
    const { dataset, distribution } = await lockDistribution(tx, context, input.id, input.expectedVersion);
    checkDistributionState({ ...distribution, ...changes }, fields, 'input');

    const before = await distributionsOfDatasets(tx, [dataset.id]);
    const updated = await updateDistributionRow(tx, distribution.id, changes);
    await emit(
      updatedEvent({
        type: 'distribution.updated',
        entityType: 'Distribution',
        entityId: distribution.id,
        version: updated.version,
        before: distributionSnapshot(distribution),
        after: distributionSnapshot(updated),
        access: await eventAccess(tx, context, dataset),
      }),
    );
    await moveDataset(
      tx,
      context,
      emit,
      dataset,
      before,
      before.map((d) => (d.id === updated.id ? updated : d)),
    );
    return updated;
  });
}

/** Removes a distribution; answers with its dataset (the payload shows the dataset). */
export async function removeDistribution(context: CatalogueWriteContext, input: RemoveDistributionInput): Promise<WriteResult<DatasetModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  return write(context, { operation: 'removeDistribution', input }, async (tx, emit) => {
    const { dataset, distribution } = await lockDistribution(tx, context, input.id, input.expectedVersion);

    const before = await distributionsOfDatasets(tx, [dataset.id]);
    await deleteDistribution(tx, distribution.id);
    const snapshot = distributionSnapshot(distribution);
    await emit({
      type: 'distribution.removed',
      entityType: 'Distribution',
      entityId: distribution.id,
      operation: 'DELETE',
      version: distribution.version + 1,
      changedFields: Object.keys(snapshot).sort(),
      before: snapshot,
      after: null,
      access: await eventAccess(tx, context, dataset),
    });
    return moveDataset(
      tx,
      context,
      emit,
      dataset,
      before,
      before.filter((d) => d.id !== distribution.id),
    );
  });
}

/** A distribution's change moves its dataset: derived columns, version and `dataset.updated`. */
async function moveDataset(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  emit: Emit,
  dataset: DatasetModel,
  distributionsBefore: readonly DistributionModel[],
  distributionsAfter: readonly DistributionModel[],
): Promise<DatasetModel> {
  const indicatorIds = await indicatorIdsOf(tx, dataset.id);
  return saveDataset(tx, context, emit, dataset, {
    type: 'dataset.updated',
    columns: {},
    distributionsBefore,
    distributionsAfter,
    indicatorIdsBefore: indicatorIds,
    indicatorIdsAfter: indicatorIds,
  });
}

/**
 * What updating or removing a distribution does first, in this order: NOT_FOUND when there is
 * no such distribution or the caller may not read its dataset (the same error); its dataset
 * locked (`lockDataset`: FORBIDDEN unless the caller may write for its publisher); the
 * distribution re-read under lock; CONFLICT when its version is not the one the caller read,
 * then CONFLICT when its dataset is withdrawn.
 */
async function lockDistribution(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  id: string,
  expectedVersion: number,
): Promise<{ dataset: DatasetModel; distribution: DistributionModel }> {
  const missing = () => notFound('Distribution', 'id', id);
  const [found] = await distributionsByIds(tx, [id]);
  if (!found) throw missing();
  const dataset = await lockDataset(tx, context, found.datasetId, null, { missing });
  // Its dataset was admitted just above: a distribution is read and written as its dataset is.
  const distribution = await admitWrite(await lockDistributionOfDataset(tx, id, dataset.id), id, expectedVersion, {
    typename: 'Distribution',
    mayRead: () => true,
    assertMayWrite: () => undefined,
    missing,
  });
  assertNotWithdrawn(dataset);
  return { dataset, distribution };
}

// ---------------------------------------------------------------------------------------------
// Input: a distribution's fields turned into column changes, field by field, then as a whole

export type DistributionColumns = Pick<
  DistributionModel,
  | 'titleVi'
  | 'titleEn'
  | 'format'
  | 'mediaType'
  | 'accessUrl'
  | 'downloadUrl'
  | 'byteSize'
  | 'checksumAlgorithm'
  | 'checksumValue'
  | 'issued'
  | 'modified'
  | 'licenceId'
>;

/** A distribution's fields as creates (all given) and updates (any left out) send them. */
export type DistributionFieldsInput = { [K in keyof DistributionInput]?: DistributionInput[K] | null };

export const EMPTY_DISTRIBUTION: Omit<DistributionColumns, 'titleVi'> = {
  titleEn: null,
  format: null,
  mediaType: null,
  accessUrl: null,
  downloadUrl: null,
  byteSize: null,
  checksumAlgorithm: null,
  checksumValue: null,
  issued: null,
  modified: null,
  licenceId: null,
};

function fieldsOf(input: CreateDistributionInput | UpdateDistributionInput): DistributionFieldsInput {
  if ('datasetId' in input) {
    const { datasetId: _dataset, idempotencyKey: _key, ...fields } = input;
    return fields;
  }
  const { id: _id, expectedVersion: _version, ...fields } = input;
  return fields;
}

/**
 * Mutation input turned into column changes, validated field by field: a field left out is no
 * change, an explicit null clears it (or is refused, for a column that cannot be empty).
 */
export function distributionChanges(input: DistributionFieldsInput, path: string): Partial<DistributionColumns> {
  const at = (name: string) => `${path}.${name}`;
  const changes: Partial<DistributionColumns> = {};
  if (given(input.titleVi)) changes.titleVi = requiredValue(trimmedText(input.titleVi, 500, at('titleVi')), at('titleVi'));
  if (given(input.titleEn)) changes.titleEn = trimmedText(input.titleEn, 500, at('titleEn'));
  if (given(input.format)) changes.format = input.format;
  if (given(input.mediaType)) {
    checkMediaType(input.mediaType, at('mediaType'));
    changes.mediaType = input.mediaType?.toLowerCase() ?? null;
  }
  if (given(input.accessUrl)) {
    checkWebAddress(input.accessUrl, at('accessUrl'));
    changes.accessUrl = input.accessUrl;
  }
  if (given(input.downloadUrl)) {
    checkWebAddress(input.downloadUrl, at('downloadUrl'));
    changes.downloadUrl = input.downloadUrl;
  }
  if (given(input.byteSize)) {
    checkByteSize(input.byteSize, at('byteSize'));
    changes.byteSize = input.byteSize;
  }
  if (given(input.checksum)) {
    changes.checksumAlgorithm = input.checksum?.algorithm ?? null;
    changes.checksumValue = input.checksum ? normaliseChecksum(input.checksum.value, input.checksum.algorithm, at('checksum.value')) : null;
  }
  if (given(input.issued)) changes.issued = input.issued;
  if (given(input.modified)) changes.modified = input.modified;
  if (given(input.licenceId)) {
    checkLicence(input.licenceId, at('licenceId'));
    changes.licenceId = input.licenceId;
  }
  return changes;
}

/** DCAT-AP: a distribution says where its data can be accessed (`dcat:accessURL` is mandatory). */
export function checkDistributionState(state: DistributionColumns, input: DistributionFieldsInput, path: string): void {
  if (!state.accessUrl) {
    throw badUserInput(
      `"${path}.accessUrl" is required: DCAT-AP needs every distribution to say where its data can be accessed (the download URL, if that is the only address)`,
      `${path}.accessUrl`,
    );
  }
  checkNotBefore(state.modified, state.issued, `${path}.${given(input.modified) ? 'modified' : 'issued'}`, 'the issue date');
}

/** A distribution as the change feed carries it. */
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
