import { and, eq, ne } from 'drizzle-orm';
import { isUniqueViolation } from '../../kernel/db';
import { badUserInput, conflict } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { createdEvent, type WriteContext, type WriteResult } from '../../kernel/outbox';
import type { Provenance } from '../../kernel/provenance';
import { datasetIndicators, datasets, datasetSeries, distributions } from '../db/schema';
import type { PublishDatasetDraftInput, PublishDatasetInput, UpdateDatasetInput, WithdrawDatasetInput } from '../generated/graphql';
import { datasetRow } from '../store/dataset-row';
import { datasetAccess } from '../store/visibility';
import { checkIdList, checkText } from '../validation';
import {
  assertMayEver,
  assertMayWrite,
  assertNotWithdrawn,
  datasetSnapshot,
  distributionSnapshot,
  distributionsOf,
  indicatorIdsOf,
  lockDataset,
  saveDataset,
  write,
  type CatalogueDb,
  type CatalogueWriteContext,
} from './catalogue-state';
import {
  checkDatasetState,
  checkDistributionState,
  datasetChanges,
  distributionChanges,
  EMPTY_DISTRIBUTION,
  type DatasetColumns,
  type DatasetFieldsInput,
  type DistributionColumns,
} from './input-changes';

const MAX_DISTRIBUTIONS = 50;
const MAX_INDICATORS = 100;

const EMPTY_DATASET: Omit<DatasetColumns, 'identifier' | 'titleVi' | 'accessLevel'> = {
  titleEn: null,
  descriptionVi: null,
  descriptionEn: null,
  publisherId: null,
  contactPoint: null,
  themes: [],
  keywords: [],
  licenceId: null,
  updateFrequency: null,
  temporalStart: null,
  temporalEnd: null,
  spatial: null,
  issued: null,
  modified: null,
  lastReviewed: null,
  versionInfo: null,
  landingPage: null,
  seriesId: null,
};

function fieldsOf(input: PublishDatasetInput | UpdateDatasetInput): DatasetFieldsInput {
  const { feedsIndicatorIds: _lineage, ...rest } = input as UpdateDatasetInput & Partial<PublishDatasetInput>;
  const { id: _id, expectedVersion: _version, distributions: _distributions, idempotencyKey: _key, draft: _draft, ...fields } = rest;
  return fields;
}

function identifierTaken(identifier: string) {
  return conflict(`The identifier "${identifier}" is already used by another dataset (withdrawn ones keep theirs)`, { field: 'input.identifier', identifier });
}

async function checkReferences(tx: CatalogueDb, state: Pick<DatasetColumns, 'identifier' | 'seriesId'>, datasetId: string | null): Promise<void> {
  if (state.seriesId) {
    const [series] = await tx.select({ id: datasetSeries.id }).from(datasetSeries).where(eq(datasetSeries.id, state.seriesId)).limit(1);
    if (!series) throw badUserInput(`No dataset series with id "${state.seriesId}"`, 'input.seriesId');
  }
  const [holder] = await tx
    .select({ id: datasets.id })
    .from(datasets)
    .where(and(eq(datasets.identifier, state.identifier), datasetId ? ne(datasets.id, datasetId) : undefined))
    .limit(1);
  if (holder) throw identifierTaken(state.identifier);
}

function apiProvenance(context: WriteContext, verb: string): Provenance {
  return { synthetic: false, note: `${verb} through the API (request ${context.requestId}).` };
}

/** Same-identifier races end in the unique index: the loser gets the same CONFLICT as a late request. */
async function mapUniqueViolation<T>(identifier: string | null | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw identifierTaken(identifier ?? '');
    throw error;
  }
}

/** Publishes a new dataset, or with `draft: true` saves it as a DRAFT (publishDatasetDraft publishes it later). */
export async function publishDataset(context: CatalogueWriteContext, input: PublishDatasetInput): Promise<WriteResult> {
  assertMayEver(context);
  const fields = fieldsOf(input);
  const status = input.draft ? 'DRAFT' : 'PUBLISHED';
  const state: DatasetColumns = { ...EMPTY_DATASET, ...(datasetChanges(fields, 'input') as DatasetColumns) };
  checkDatasetState(state, fields, 'input', context.now);
  checkIdList(input.feedsIndicatorIds, MAX_INDICATORS, 'input.feedsIndicatorIds');
  const indicatorIds = [...new Set(input.feedsIndicatorIds ?? [])].sort();
  const distributionInputs = input.distributions ?? [];
  if (distributionInputs.length > MAX_DISTRIBUTIONS) throw badUserInput(`"input.distributions" may list at most ${MAX_DISTRIBUTIONS}`, 'input.distributions');
  const distributionColumns = distributionInputs.map((distribution, index) => {
    const path = `input.distributions.${index}`;
    const columns = { ...EMPTY_DISTRIBUTION, ...distributionChanges(distribution, path) } as DistributionColumns;
    checkDistributionState(columns, distribution, path);
    return columns;
  });

  return mapUniqueViolation(state.identifier, () =>
    write(context, { operation: 'publishDataset', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
      assertMayWrite(context, state.publisherId);
      await checkReferences(tx, state, null);

      const provenance = apiProvenance(context, 'Published');
      const id = newId();
      const drafts = distributionColumns.map((columns) => ({ ...columns, id: newId(), provenance, synthetic: false }));
      const [dataset] = await tx
        .insert(datasets)
        .values(datasetRow({ ...state, id, status, provenance, synthetic: false, distributions: drafts }))
        .returning();
      const inserted = drafts.length
        ? await tx
            .insert(distributions)
            .values(drafts.map((draft, position) => ({ ...draft, datasetId: id, position })))
            .returning()
        : [];
      if (indicatorIds.length) {
        await tx
          .insert(datasetIndicators)
          .values(indicatorIds.map((indicatorId) => ({ datasetId: id, indicatorId, provenance: apiProvenance(context, 'Declared') })));
      }

      // A new dataset has no grants yet.
      const access = datasetAccess(dataset!, []);
      const after = datasetSnapshot(
        dataset!,
        inserted.map((d) => d.id),
        indicatorIds,
      );
      await emit(createdEvent({ type: status === 'DRAFT' ? 'dataset.drafted' : 'dataset.published', entityType: 'Dataset', entityId: id, after, access }));
      for (const distribution of inserted) {
        await emit(
          createdEvent({
            type: 'distribution.created',
            entityType: 'Distribution',
            entityId: distribution.id,
            after: distributionSnapshot(distribution),
            access,
          }),
        );
      }
      return id;
    }),
  );
}

export async function updateDataset(context: CatalogueWriteContext, input: UpdateDatasetInput): Promise<WriteResult> {
  assertMayEver(context);
  const fields = fieldsOf(input);
  const changes = datasetChanges(fields, 'input');
  checkIdList(input.feedsIndicatorIds, MAX_INDICATORS, 'input.feedsIndicatorIds');

  return mapUniqueViolation(changes.identifier, () =>
    write(context, { operation: 'updateDataset', input }, async (tx, emit) => {
      const dataset = await lockDataset(tx, context, input.id, input.expectedVersion);
      assertNotWithdrawn(dataset);
      // Handing a dataset to another publisher takes the right to write for both.
      if (changes.publisherId !== undefined && changes.publisherId !== dataset.publisherId) assertMayWrite(context, changes.publisherId);
      const state: DatasetColumns = { ...dataset, ...changes };
      checkDatasetState(state, fields, 'input', context.now);
      await checkReferences(tx, state, dataset.id);

      const indicatorIdsBefore = await indicatorIdsOf(tx, dataset.id);
      let indicatorIdsAfter = indicatorIdsBefore;
      if (input.feedsIndicatorIds !== undefined) {
        indicatorIdsAfter = [...new Set(input.feedsIndicatorIds ?? [])].sort();
        await tx.delete(datasetIndicators).where(eq(datasetIndicators.datasetId, dataset.id));
        if (indicatorIdsAfter.length) {
          await tx
            .insert(datasetIndicators)
            .values(indicatorIdsAfter.map((indicatorId) => ({ datasetId: dataset.id, indicatorId, provenance: apiProvenance(context, 'Declared') })));
        }
      }
      const current = await distributionsOf(tx, dataset.id);
      await saveDataset(tx, context, emit, dataset, {
        type: 'dataset.updated',
        columns: changes,
        distributionsBefore: current,
        distributionsAfter: current,
        indicatorIdsBefore,
        indicatorIdsAfter,
      });
      return dataset.id;
    }),
  );
}

export async function withdrawDataset(context: CatalogueWriteContext, input: WithdrawDatasetInput): Promise<WriteResult> {
  assertMayEver(context);
  checkText(input.reason, 2_000, 'input.reason');
  return write(context, { operation: 'withdrawDataset', input }, async (tx, emit) => {
    const dataset = await lockDataset(tx, context, input.id, input.expectedVersion);
    assertNotWithdrawn(dataset);
    // A tombstone answers lookups as its access level allows; a draft's would show what was never published.
    if (dataset.status === 'DRAFT')
      throw conflict(`Dataset ${dataset.id} is a draft: it was never published, so it cannot be withdrawn`, { id: dataset.id, status: dataset.status });
    const current = await distributionsOf(tx, dataset.id);
    const indicatorIds = await indicatorIdsOf(tx, dataset.id);
    await saveDataset(tx, context, emit, dataset, {
      type: 'dataset.withdrawn',
      columns: { status: 'WITHDRAWN', withdrawnAt: new Date(), withdrawalReason: input.reason.trim() },
      distributionsBefore: current,
      distributionsAfter: current,
      indicatorIdsBefore: indicatorIds,
      indicatorIdsAfter: indicatorIds,
    });
    return dataset.id;
  });
}

/** Publishes a draft as it stands; its event is public as far as its access level allows (no longer a draft). */
export async function publishDatasetDraft(context: CatalogueWriteContext, input: PublishDatasetDraftInput): Promise<WriteResult> {
  assertMayEver(context);
  return write(context, { operation: 'publishDatasetDraft', input }, async (tx, emit) => {
    const dataset = await lockDataset(tx, context, input.id, input.expectedVersion);
    if (dataset.status !== 'DRAFT')
      throw conflict(`Dataset ${dataset.id} is not a draft (it is ${dataset.status})`, { id: dataset.id, status: dataset.status });
    const current = await distributionsOf(tx, dataset.id);
    const indicatorIds = await indicatorIdsOf(tx, dataset.id);
    await saveDataset(tx, context, emit, dataset, {
      type: 'dataset.published',
      columns: { status: 'PUBLISHED' },
      distributionsBefore: current,
      distributionsAfter: current,
      indicatorIdsBefore: indicatorIds,
      indicatorIdsAfter: indicatorIds,
    });
    return dataset.id;
  });
}
