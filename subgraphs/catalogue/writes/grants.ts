import { assertAllowed, type EventAccess } from '../../kernel/identity/access-policy';
import { badUserInput, notFound } from '../../kernel/platform/errors';
import { newId } from '../../kernel/platform/ids';
import { createdEvent, updatedEvent, type WriteResult } from '../../kernel/subgraph/outbox';
import { apiProvenance } from '../../kernel/reference/provenance';
import { hanoiDate } from '../../kernel/platform/time';
import type { GrantDatasetAccessInput, RevokeDatasetAccessInput } from '../generated/graphql';
import type { DatasetAccessGrantModel, DatasetModel } from '../models';
import { insertGrant, lockUnrevokedGrant, updateGrant } from '../store/grants';
import { datasetAccess } from '../store/visibility';
import { checkForeignId, checkText } from '../validation';
import { assertNotWithdrawn, lockDataset, write, type CatalogueDb, type CatalogueWriteContext } from './writer';

/**
 * Grants of RESTRICTED datasets (ACCESS_RULES.grantDatasetAccess): the publisher's editors and
 * admins share a dataset with another organisation, renew or revoke that grant. Each write
 * locks the dataset first (as every dataset write does), so grants of one dataset queue and
 * the unique index on grants in force is never raced.
 */

const WHO_MAY_GRANT = 'Only editors of the dataset’s publisher and admins may decide who it is shared with';

export async function grantDatasetAccess(context: CatalogueWriteContext, input: GrantDatasetAccessInput): Promise<WriteResult<DatasetAccessGrantModel>> {
  assertAllowed(context.caller, 'grantDatasetAccess', 'any', WHO_MAY_GRANT);
  checkIds(input);
  checkText(input.note, 2_000, 'input.note');
  const today = hanoiDate(context.now);
  if (input.expiresOn != null && input.expiresOn < today)
    throw badUserInput(`"input.expiresOn" (${input.expiresOn}) is in the past (today is ${today})`, 'input.expiresOn');

  return write(context, { operation: 'grantDatasetAccess', idempotencyKey: input.idempotencyKey, input }, async (tx, emit) => {
    const dataset = await lockDatasetForGrants(tx, context, input.datasetId);
    assertNotWithdrawn(dataset);
    if (dataset.accessLevel !== 'RESTRICTED') {
      throw badUserInput(`Dataset ${dataset.id} is ${dataset.accessLevel}: only RESTRICTED datasets are shared by grant`, 'input.datasetId');
    }
    if (input.organizationId === dataset.publisherId) {
      throw badUserInput('The publisher always sees its own datasets; grant access to another organisation', 'input.organizationId');
    }
    const terms = {
      grantedBy: context.caller.subject,
      grantedAt: new Date(),
      expiresOn: input.expiresOn ?? null,
      note: input.note?.trim() || null,
    };
    const existing = await lockUnrevokedGrant(tx, dataset.id, input.organizationId);
    const grant = existing
      ? await updateGrant(tx, existing.id, { ...terms, updatedAt: terms.grantedAt })
      : await insertGrant(tx, {
          ...terms,
          id: newId(),
          datasetId: dataset.id,
          organizationId: input.organizationId,
          provenance: apiProvenance(context, 'Granted'),
        });
    const event = {
      type: 'dataset.accessGranted',
      entityType: 'DatasetAccessGrant',
      entityId: grant.id,
      after: grantSnapshot(grant),
      access: grantEventAccess(dataset, grant.organizationId),
    };
    // Renewing a grant that stands updates it; otherwise the grant is new (version 1).
    await emit(existing ? updatedEvent({ ...event, version: grant.version, before: grantSnapshot(existing) }) : createdEvent(event));
    return grant;
  });
}

export async function revokeDatasetAccess(context: CatalogueWriteContext, input: RevokeDatasetAccessInput): Promise<WriteResult<DatasetAccessGrantModel>> {
  assertAllowed(context.caller, 'grantDatasetAccess', 'any', WHO_MAY_GRANT);
  checkIds(input);
  return write(context, { operation: 'revokeDatasetAccess', input }, async (tx, emit) => {
    const dataset = await lockDatasetForGrants(tx, context, input.datasetId);
    const existing = await lockUnrevokedGrant(tx, dataset.id, input.organizationId);
    if (!existing) throw notFound('DatasetAccessGrant', 'organizationId', input.organizationId);
    const revokedAt = new Date();
    const grant = await updateGrant(tx, existing.id, { revokedAt, revokedBy: context.caller.subject, updatedAt: revokedAt });
    await emit(
      updatedEvent({
        type: 'dataset.accessRevoked',
        entityType: 'DatasetAccessGrant',
        entityId: grant.id,
        version: grant.version,
        before: grantSnapshot(existing),
        after: grantSnapshot(grant),
        access: grantEventAccess(dataset, grant.organizationId),
      }),
    );
    return grant;
  });
}

/**
 * Locks the dataset whose grants change (`lockDataset`: a dataset the caller may not read is as
 * unknown as a missing one) and checks that the caller may manage its grants (its publisher decides).
 */
function lockDatasetForGrants(tx: CatalogueDb, context: CatalogueWriteContext, datasetId: string): Promise<DatasetModel> {
  return lockDataset(tx, context, datasetId, null, {
    missing: () => badUserInput(`No dataset with id "${datasetId}"`, 'input.datasetId'),
    assertMayWrite: (dataset) => assertAllowed(context.caller, 'grantDatasetAccess', { ownerOrganizationId: dataset.publisherId }, WHO_MAY_GRANT),
  });
}

function checkIds(input: { datasetId: string; organizationId: string }): void {
  checkForeignId(input.datasetId, 'input.datasetId');
  checkForeignId(input.organizationId, 'input.organizationId');
}

function grantSnapshot(grant: DatasetAccessGrantModel): Record<string, unknown> {
  return {
    id: grant.id,
    datasetId: grant.datasetId,
    organizationId: grant.organizationId,
    grantedBy: grant.grantedBy,
    grantedAt: grant.grantedAt.toISOString(),
    expiresOn: grant.expiresOn,
    note: grant.note,
    revokedAt: grant.revokedAt ? grant.revokedAt.toISOString() : null,
    revokedBy: grant.revokedBy,
  };
}

/**
 * Who sees a grant's events: the dataset's publisher (its partners and editors), admins, and
 * the organisation the grant names, but not the other grantees (who is shared with is the
 * publisher's business). At least as strict as RESTRICTED whatever the dataset's level now is.
 */
function grantEventAccess(dataset: DatasetModel, organizationId: string): EventAccess {
  return datasetAccess({ ...dataset, accessLevel: dataset.accessLevel === 'INTERNAL' ? 'INTERNAL' : 'RESTRICTED' }, [organizationId]);
}
