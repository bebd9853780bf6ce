import { eq, max, sql } from 'drizzle-orm';
import { badUserInput } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { createdEvent, updatedEvent, type WriteResult } from '../../kernel/outbox';
import { distributions } from '../db/schema';
import type { CreateDistributionInput, RemoveDistributionInput, UpdateDistributionInput } from '../generated/graphql';
import {
  assertMayEver,
  assertNotWithdrawn,
  distributionSnapshot,
  distributionsOf,
  eventAccess,
  indicatorIdsOf,
  lockDataset,
  lockDistributionForWrite,
  saveDataset,
  write,
  type CatalogueWriteContext,
} from './catalogue-state';
import { checkDistributionState, distributionChanges, EMPTY_DISTRIBUTION, type DistributionColumns, type DistributionFieldsInput } from './input-changes';

/**
 * A distribution is part of its dataset: every distribution write locks the dataset first,
 * recomputes its quality score and formats, moves its version and emits `dataset.updated`
 * beside the distribution's own event. Events carry the dataset's access level.
 */

const MAX_DISTRIBUTIONS = 50;

function fieldsOf(input: CreateDistributionInput | UpdateDistributionInput): DistributionFieldsInput {
  const {
    datasetId: _dataset,
    idempotencyKey: _key,
    id: _id,
    expectedVersion: _version,
    ...fields
  } = input as Partial<CreateDistributionInput & UpdateDistributionInput>;
  return fields;
}

export async function createDistribution(context: CatalogueWriteContext, input: CreateDistributionInput): Promise<WriteResult> {
  assertMayEver(context);
  const fields = fieldsOf(input);
  const columns = { ...EMPTY_DISTRIBUTION, ...distributionChanges(fields, 'input') } as DistributionColumns;
  checkDistributionState(columns, fields, 'input');

  return write(context, { operation: 'createDistribution', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
    const dataset = await lockDataset(tx, context, input.datasetId, null, {
      missing: () => badUserInput(`No dataset with id "${input.datasetId}"`, 'input.datasetId'),
    });
    assertNotWithdrawn(dataset);
    const before = await distributionsOf(tx, dataset.id);
    if (before.length >= MAX_DISTRIBUTIONS) throw badUserInput(`A dataset has at most ${MAX_DISTRIBUTIONS} distributions`, 'input.datasetId');
    const [last] = await tx
      .select({ position: max(distributions.position) })
      .from(distributions)
      .where(eq(distributions.datasetId, dataset.id));
    const [distribution] = await tx
      .insert(distributions)
      .values({
        ...columns,
        id: newId(),
        datasetId: dataset.id,
        position: (last?.position ?? -1) + 1,
        synthetic: dataset.synthetic,
        provenance: { synthetic: dataset.synthetic, note: `Added through the API (request ${context.requestId}).` },
      })
      .returning();
    const after = distributionSnapshot(distribution!);
    await emit(
      createdEvent({
        type: 'distribution.created',
        entityType: 'Distribution',
        entityId: distribution!.id,
        after,
        access: await eventAccess(tx, context, dataset),
      }),
    );
    const indicatorIds = await indicatorIdsOf(tx, dataset.id);
    await saveDataset(tx, context, emit, dataset, {
      type: 'dataset.updated',
      columns: {},
      distributionsBefore: before,
      distributionsAfter: [...before, distribution!],
      indicatorIdsBefore: indicatorIds,
      indicatorIdsAfter: indicatorIds,
    });
    return distribution!.id;
  });
}

export async function updateDistribution(context: CatalogueWriteContext, input: UpdateDistributionInput): Promise<WriteResult> {
  assertMayEver(context);
  const fields = fieldsOf(input);
  const changes = distributionChanges(fields, 'input');

  return write(context, { operation: 'updateDistribution', input }, async (tx, emit) => {
    const { dataset, distribution } = await lockDistributionForWrite(tx, context, input.id, input.expectedVersion);
    checkDistributionState({ ...distribution, ...changes }, fields, 'input');

    const before = await distributionsOf(tx, dataset.id);
    const [updated] = await tx
      .update(distributions)
      .set({ ...changes, version: sql`${distributions.version} + 1`, updatedAt: new Date() })
      .where(eq(distributions.id, distribution.id))
      .returning();
    await emit(
      updatedEvent({
        type: 'distribution.updated',
        entityType: 'Distribution',
        entityId: distribution.id,
        version: updated!.version,
        before: distributionSnapshot(distribution),
        after: distributionSnapshot(updated!),
        access: await eventAccess(tx, context, dataset),
      }),
    );
    const indicatorIds = await indicatorIdsOf(tx, dataset.id);
    await saveDataset(tx, context, emit, dataset, {
      type: 'dataset.updated',
      columns: {},
      distributionsBefore: before,
      distributionsAfter: before.map((d) => (d.id === updated!.id ? updated! : d)),
      indicatorIdsBefore: indicatorIds,
      indicatorIdsAfter: indicatorIds,
    });
    return distribution.id;
  });
}

/** Removes a distribution; answers with its dataset's id (the payload shows the dataset). */
export async function removeDistribution(context: CatalogueWriteContext, input: RemoveDistributionInput): Promise<WriteResult> {
  assertMayEver(context);
  return write(context, { operation: 'removeDistribution', input }, async (tx, emit) => {
    const { dataset, distribution } = await lockDistributionForWrite(tx, context, input.id, input.expectedVersion);

    const before = await distributionsOf(tx, dataset.id);
    await tx.delete(distributions).where(eq(distributions.id, distribution.id));
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
    const indicatorIds = await indicatorIdsOf(tx, dataset.id);
    await saveDataset(tx, context, emit, dataset, {
      type: 'dataset.updated',
      columns: {},
      distributionsBefore: before,
      distributionsAfter: before.filter((d) => d.id !== distribution.id),
      indicatorIdsBefore: indicatorIds,
      indicatorIdsAfter: indicatorIds,
    });
    return dataset.id;
  });
}
