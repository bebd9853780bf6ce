import { assertAllowed } from '../../kernel/identity/access-policy';
import { isUniqueViolation } from '../../kernel/platform/db';
import { badUserInput, conflict } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { createdEvent, type Emit, type WriteResult } from '../../kernel/subgraph/outbox';
import { apiProvenance } from '../../kernel/reference/provenance';
import type { ContactPointValue, SpatialValue } from '../db/schema';
import type {
  ContactPointInput,
  PublishDatasetDraftInput,
  PublishDatasetInput,
  SpatialCoverageInput,
  TemporalCoverageInput,
  UpdateDatasetInput,
  WithdrawDatasetInput,
} from '../generated/graphql';
import type { DatasetModel } from '../models';
import { datasetRow } from '../store/dataset-row';
import { identifierHeld, indicatorIdsOf, insertDataset, replaceIndicatorIds } from '../store/datasets';
import { distributionsOfDatasets, insertDistributions } from '../store/distributions';
import { seriesExists } from '../store/series';
import { datasetAccess } from '../store/visibility';
import {
  checkEmail,
  checkForeignId,
  checkIdentifier,
  checkIdList,
  checkLicence,
  checkNotBefore,
  checkNotFuture,
  checkText,
  checkWebAddress,
  given,
  normaliseKeywords,
  requiredValue,
  trimmedText,
} from '../validation';
import {
  checkDistributionState,
  distributionChanges,
  distributionSnapshot,
  EMPTY_DISTRIBUTION,
  MAX_DISTRIBUTIONS,
  type DistributionColumns,
} from './distributions';
import {
  assertNotWithdrawn,
  datasetSnapshot,
  lockDataset,
  publisherOwnership,
  saveDataset,
  write,
  WHO_MAY_WRITE,
  WHO_MAY_WRITE_DATASET,
  type CatalogueDb,
  type CatalogueWriteContext,
  type DatasetSave,
} from './writer';

const MAX_INDICATORS = 100;

/** Publishes a new dataset, or with `draft: true` saves it as a DRAFT (publishDatasetDraft publishes it later). */
export async function publishDataset(context: CatalogueWriteContext, input: PublishDatasetInput): Promise<WriteResult<DatasetModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  const fields = fieldsOf(input);
  const status = input.draft ? 'DRAFT' : 'PUBLISHED';
  const state: DatasetColumns = {
    ...EMPTY_DATASET,
    identifier: input.identifier,
    titleVi: input.titleVi,
    accessLevel: input.accessLevel,
    ...datasetChanges(fields, 'input'),
  };
  checkDatasetState(state, fields, 'input', context.now);
  checkIdList(input.feedsIndicatorIds, MAX_INDICATORS, 'input.feedsIndicatorIds');
  const indicatorIds = [...new Set(input.feedsIndicatorIds ?? [])].sort();
  const distributionInputs = input.distributions ?? [];
  if (distributionInputs.length > MAX_DISTRIBUTIONS) throw badUserInput(`"input.distributions" may list at most ${MAX_DISTRIBUTIONS}`, 'input.distributions');
  const distributionColumns = distributionInputs.map((distribution, index) => {
    const path = `input.distributions.${index}`;
    const columns: DistributionColumns = { ...EMPTY_DISTRIBUTION, titleVi: distribution.titleVi, ...distributionChanges(distribution, path) };
    checkDistributionState(columns, distribution, path);
    return columns;
  });

  return mapUniqueViolation(state.identifier, () =>
    write(context, { operation: 'publishDataset', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
      assertAllowed(context.caller, 'writeRecord', publisherOwnership(state.publisherId), WHO_MAY_WRITE_DATASET);
      await checkReferences(tx, state, null);

      const provenance = apiProvenance(context, 'Published');
      const id = newId();
      const drafts = distributionColumns.map((columns) => ({ ...columns, id: newId(), provenance, synthetic: false }));
      const dataset = await insertDataset(tx, datasetRow({ ...state, id, status, provenance, synthetic: false, distributions: drafts }));
      const inserted = await insertDistributions(
        tx,
        drafts.map((draft, position) => ({ ...draft, datasetId: id, position })),
      );
      await replaceIndicatorIds(tx, id, indicatorIds, apiProvenance(context, 'Declared'));

      // A new dataset has no grants yet.
      const access = datasetAccess(dataset, []);
      const after = datasetSnapshot(
        dataset,
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
      return dataset;
    }),
  );
}

export async function updateDataset(context: CatalogueWriteContext, input: UpdateDatasetInput): Promise<WriteResult<DatasetModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  const fields = fieldsOf(input);
  const changes = datasetChanges(fields, 'input');
  checkIdList(input.feedsIndicatorIds, MAX_INDICATORS, 'input.feedsIndicatorIds');

  return mapUniqueViolation(changes.identifier, () =>
    write(context, { operation: 'updateDataset', input }, async (tx, emit) => {
      const dataset = await lockDataset(tx, context, input.id, input.expectedVersion);
      assertNotWithdrawn(dataset);
      // Handing a dataset to another publisher takes the right to write for both.
      if (changes.publisherId !== undefined && changes.publisherId !== dataset.publisherId) {
        assertAllowed(context.caller, 'writeRecord', publisherOwnership(changes.publisherId), WHO_MAY_WRITE_DATASET);
      }
      const state: DatasetColumns = { ...dataset, ...changes };
      checkDatasetState(state, fields, 'input', context.now);
      await checkReferences(tx, state, dataset.id);

      const indicatorIdsBefore = await indicatorIdsOf(tx, dataset.id);
      let indicatorIdsAfter = indicatorIdsBefore;
      if (input.feedsIndicatorIds !== undefined) {
        indicatorIdsAfter = [...new Set(input.feedsIndicatorIds ?? [])].sort();
        await replaceIndicatorIds(tx, dataset.id, indicatorIdsAfter, apiProvenance(context, 'Declared'));
      }
      return saveUnchangedDistributions(tx, context, emit, dataset, { type: 'dataset.updated', columns: changes, indicatorIdsBefore, indicatorIdsAfter });
    }),
  );
}

export async function withdrawDataset(context: CatalogueWriteContext, input: WithdrawDatasetInput): Promise<WriteResult<DatasetModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  checkText(input.reason, 2_000, 'input.reason');
  return write(context, { operation: 'withdrawDataset', input }, async (tx, emit) => {
    const dataset = await lockDataset(tx, context, input.id, input.expectedVersion);
    assertNotWithdrawn(dataset);
    // A tombstone answers lookups as its access level allows; a draft's would show what was never published.
    if (dataset.status === 'DRAFT')
      throw conflict(`Dataset ${dataset.id} is a draft: it was never published, so it cannot be withdrawn`, { id: dataset.id, status: dataset.status });
    const indicatorIds = await indicatorIdsOf(tx, dataset.id);
    return saveUnchangedDistributions(tx, context, emit, dataset, {
      type: 'dataset.withdrawn',
      columns: { status: 'WITHDRAWN', withdrawnAt: new Date(), withdrawalReason: input.reason.trim() },
      indicatorIdsBefore: indicatorIds,
      indicatorIdsAfter: indicatorIds,
    });
  });
}

/** Publishes a draft as it stands; its event is public as far as its access level allows (no longer a draft). */
export async function publishDatasetDraft(context: CatalogueWriteContext, input: PublishDatasetDraftInput): Promise<WriteResult<DatasetModel>> {
  assertAllowed(context.caller, 'writeRecord', 'any', WHO_MAY_WRITE);
  return write(context, { operation: 'publishDatasetDraft', input }, async (tx, emit) => {
    const dataset = await lockDataset(tx, context, input.id, input.expectedVersion);
    if (dataset.status !== 'DRAFT')
      throw conflict(`Dataset ${dataset.id} is not a draft (it is ${dataset.status})`, { id: dataset.id, status: dataset.status });
    const indicatorIds = await indicatorIdsOf(tx, dataset.id);
    return saveUnchangedDistributions(tx, context, emit, dataset, {
      type: 'dataset.published',
      columns: { status: 'PUBLISHED' },
      indicatorIdsBefore: indicatorIds,
      indicatorIdsAfter: indicatorIds,
    });
  });
}

/** `saveDataset` for a write that leaves the dataset's distributions as they are. */
async function saveUnchangedDistributions(
  tx: CatalogueDb,
  context: CatalogueWriteContext,
  emit: Emit,
  dataset: DatasetModel,
  save: Omit<DatasetSave, 'distributionsBefore' | 'distributionsAfter'>,
): Promise<DatasetModel> {
  const current = await distributionsOfDatasets(tx, [dataset.id]);
  return saveDataset(tx, context, emit, dataset, { ...save, distributionsBefore: current, distributionsAfter: current });
}

function identifierTaken(identifier: string) {
  return conflict(`The identifier "${identifier}" is already used by another dataset (withdrawn ones keep theirs)`, { field: 'input.identifier', identifier });
}

async function checkReferences(tx: CatalogueDb, state: Pick<DatasetColumns, 'identifier' | 'seriesId'>, datasetId: string | null): Promise<void> {
  if (state.seriesId && !(await seriesExists(tx, state.seriesId))) throw badUserInput(`No dataset series with id "${state.seriesId}"`, 'input.seriesId');
  if (await identifierHeld(tx, state.identifier, datasetId)) throw identifierTaken(state.identifier);
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

// ---------------------------------------------------------------------------------------------
// Input: a dataset's fields turned into column changes, field by field, then as a whole

type DatasetColumns = Pick<
  DatasetModel,
  | 'identifier'
  | 'titleVi'
  | 'titleEn'
  | 'descriptionVi'
  | 'descriptionEn'
  | 'publisherId'
  | 'contactPoint'
  | 'themes'
  | 'keywords'
  | 'accessLevel'
  | 'licenceId'
  | 'updateFrequency'
  | 'temporalStart'
  | 'temporalEnd'
  | 'spatial'
  | 'issued'
  | 'modified'
  | 'lastReviewed'
  | 'versionInfo'
  | 'landingPage'
  | 'seriesId'
>;

/** The dataset fields of publishDataset and updateDataset (all optional here; the SDL requires some on publish). */
type DatasetFieldsInput = Omit<UpdateDatasetInput, 'id' | 'expectedVersion' | 'feedsIndicatorIds'>;

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
  if ('expectedVersion' in input) {
    const { id: _id, expectedVersion: _version, feedsIndicatorIds: _lineage, ...fields } = input;
    return fields;
  }
  const { feedsIndicatorIds: _lineage, distributions: _distributions, idempotencyKey: _key, draft: _draft, ...fields } = input;
  return fields;
}

function contactPoint(input: ContactPointInput | null, field: string): ContactPointValue | null {
  if (input === null) return null;
  checkText(input.name, 200, `${field}.name`);
  checkEmail(input.email, `${field}.email`);
  checkWebAddress(input.url, `${field}.url`);
  return { name: input.name.trim(), email: input.email ?? null, url: input.url ?? null };
}

function spatial(input: SpatialCoverageInput | null, field: string): SpatialValue | null {
  if (input === null) return null;
  checkText(input.nameVi, 200, `${field}.nameVi`);
  checkText(input.nameEn, 200, `${field}.nameEn`);
  checkWebAddress(input.uri, `${field}.uri`);
  return { nameVi: input.nameVi.trim(), nameEn: input.nameEn?.trim() ?? null, uri: input.uri ?? null };
}

function temporal(input: TemporalCoverageInput | null, field: string): Pick<DatasetColumns, 'temporalStart' | 'temporalEnd'> {
  const start = input?.start ?? null;
  const end = input?.end ?? null;
  checkNotBefore(end, start, `${field}.end`, 'the start');
  return { temporalStart: start, temporalEnd: end };
}

/**
 * Mutation input turned into column changes, validated field by field: a field left out is no
 * change, an explicit null clears it (or is refused, for a column that cannot be empty).
 */
function datasetChanges(input: DatasetFieldsInput, path: string): Partial<DatasetColumns> {
  const at = (name: string) => `${path}.${name}`;
  const changes: Partial<DatasetColumns> = {};
  if (given(input.identifier)) {
    checkIdentifier(input.identifier, at('identifier'));
    changes.identifier = requiredValue(input.identifier, at('identifier'));
  }
  if (given(input.titleVi)) changes.titleVi = requiredValue(trimmedText(input.titleVi, 500, at('titleVi')), at('titleVi'));
  if (given(input.titleEn)) changes.titleEn = trimmedText(input.titleEn, 500, at('titleEn'));
  if (given(input.descriptionVi)) changes.descriptionVi = trimmedText(input.descriptionVi, 10_000, at('descriptionVi'));
  if (given(input.descriptionEn)) changes.descriptionEn = trimmedText(input.descriptionEn, 10_000, at('descriptionEn'));
  if (given(input.publisherId)) {
    checkForeignId(input.publisherId, at('publisherId'));
    changes.publisherId = input.publisherId;
  }
  if (given(input.contactPoint)) changes.contactPoint = contactPoint(input.contactPoint, at('contactPoint'));
  if (given(input.themes)) changes.themes = [...new Set(input.themes ?? [])];
  if (given(input.keywords)) changes.keywords = normaliseKeywords(input.keywords ?? [], at('keywords'));
  if (given(input.accessLevel)) changes.accessLevel = requiredValue(input.accessLevel, at('accessLevel'));
  if (given(input.licenceId)) {
    checkLicence(input.licenceId, at('licenceId'));
    changes.licenceId = input.licenceId;
  }
  if (given(input.updateFrequency)) changes.updateFrequency = input.updateFrequency;
  if (given(input.temporalCoverage)) Object.assign(changes, temporal(input.temporalCoverage, at('temporalCoverage')));
  if (given(input.spatialCoverage)) changes.spatial = spatial(input.spatialCoverage, at('spatialCoverage'));
  if (given(input.issued)) changes.issued = input.issued;
  if (given(input.modified)) changes.modified = input.modified;
  if (given(input.lastReviewed)) changes.lastReviewed = input.lastReviewed;
  if (given(input.versionInfo)) changes.versionInfo = trimmedText(input.versionInfo, 50, at('versionInfo'));
  if (given(input.landingPage)) {
    checkWebAddress(input.landingPage, at('landingPage'));
    changes.landingPage = input.landingPage;
  }
  if (given(input.seriesId)) changes.seriesId = input.seriesId;
  return changes;
}

/** Rules across fields, on the dataset as it will be; `input` says which field to blame. */
function checkDatasetState(state: DatasetColumns, input: DatasetFieldsInput, path: string, now: Date): void {
  const blame = (preferred: keyof DatasetFieldsInput, other: keyof DatasetFieldsInput) => `${path}.${given(input[preferred]) ? preferred : other}`;
  checkNotFuture(state.modified, now, `${path}.modified`);
  checkNotFuture(state.lastReviewed, now, `${path}.lastReviewed`);
  checkNotBefore(state.modified, state.issued, blame('modified', 'issued'), 'the issue date');
  checkNotBefore(state.lastReviewed, state.issued, blame('lastReviewed', 'issued'), 'the issue date');
}
