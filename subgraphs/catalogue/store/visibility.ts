import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { allows, eventVisibleTo, LEVEL_RULES, reachOf, type EventAccess, type RuleId } from '../../kernel/identity/access-policy';
import type { Caller } from '../../kernel/identity/caller';
import { datasetAccessGrants, datasets } from '../db/schema';
import type { DatasetAccessGrantModel, DatasetModel } from '../models';
import { ACCESS_LEVELS } from '../vocabularies';
import { activeGrantees } from './grants';
import { hanoiDate } from '../../kernel/platform/time';

/**
 * Who sees which datasets, in one place, derived from the kernel's ACCESS_RULES: a dataset's
 * access level picks its rule (PUBLIC: publicRecord, RESTRICTED: restrictedDataset, INTERNAL:
 * internalDataset) and a DRAFT must pass draftRecord too. The owner is the publisher; for
 * RESTRICTED datasets the organisations holding an active grant (not revoked, not past its last
 * day on the request's day) are `granted`.
 *
 * Two forms of the same decision, which the tests hold equal:
 * - SQL conditions built from `reachOf`, for lists, `totalCount`, facets, lookups by
 *   identifier and exports (grants as an indexed `exists` subquery: no N+1);
 * - `canSeeDataset` on a loaded row, for records loaded by id or through a join (references,
 *   `Query.dataset(id)`, distributions, lineage, data services); it is the kernel's
 *   `eventVisibleTo` on the dataset's access, so a dataset and its change events are decided by
 *   the same function.
 *
 * Statuses: lists, facets, lineage and data services show drafts (to those who may see them)
 * and published datasets; withdrawn datasets leave them, while a lookup by id or identifier and
 * a federation reference still answer with the tombstone (`status: WITHDRAWN`) so links to it
 * do not break. The DCAT-AP export holds published datasets only.
 */

type AccessFields = Pick<DatasetModel, 'accessLevel' | 'status' | 'publisherId'>;

/** A dataset's access as the policy (and its change events) see it. */
export function datasetAccess(dataset: AccessFields, grantedOrganizationIds: readonly string[]): EventAccess {
  return {
    level: dataset.accessLevel,
    draft: dataset.status === 'DRAFT',
    ownerOrganizationId: dataset.publisherId,
    grantedOrganizationIds: dataset.accessLevel === 'RESTRICTED' ? [...grantedOrganizationIds] : [],
  };
}

/** Whether the caller may see this dataset (withdrawn or not), given the organisations granted access today. */
export function canSeeDataset(caller: Caller, dataset: AccessFields, grantedOrganizationIds: readonly string[]): boolean {
  return eventVisibleTo(caller, datasetAccess(dataset, grantedOrganizationIds));
}

// ---------------------------------------------------------------------------------------------
// SQL

const TRUE = sql`true`;
const FALSE = sql`false`;

function ownedByCaller(caller: Caller): SQL {
  return caller.organizationId === null ? FALSE : eq(datasets.publisherId, caller.organizationId);
}

/** An active grant of the dataset to the caller's organisation on `today` (served by dataset_access_grants_active_idx). */
function grantedToCaller(caller: Caller, today: string): SQL {
  if (caller.organizationId === null) return FALSE;
  return sql`exists (select 1 from ${datasetAccessGrants} where ${datasetAccessGrants.datasetId} = ${datasets.id} and ${datasetAccessGrants.organizationId} = ${caller.organizationId} and ${datasetAccessGrants.revokedAt} is null and (${datasetAccessGrants.expiresOn} is null or ${datasetAccessGrants.expiresOn} >= ${today}::date))`;
}

/** The datasets `rule` lets the caller reach, as SQL (the `reachOf` counterpart of `allows`). */
function reachCondition(caller: Caller, rule: RuleId, today: string): SQL {
  switch (reachOf(caller, rule)) {
    case 'all':
      return TRUE;
    case 'none':
      return FALSE;
    case 'own':
      return ownedByCaller(caller);
    case 'granted':
      return or(ownedByCaller(caller), grantedToCaller(caller, today))!;
  }
}

/** Datasets the caller may look up (by id or identifier), withdrawn ones included. */
export function accessibleDatasetsCondition(caller: Caller, today: string): SQL {
  const byLevel = ACCESS_LEVELS.map((level) => {
    const reach = reachCondition(caller, LEVEL_RULES[level], today);
    return reach === FALSE ? undefined : and(eq(datasets.accessLevel, level), reach === TRUE ? undefined : reach);
  }).filter((condition): condition is SQL => condition !== undefined);
  const drafts = reachCondition(caller, 'draftRecord', today);
  return and(
    byLevel.length ? or(...byLevel) : FALSE,
    drafts === TRUE ? undefined : drafts === FALSE ? ne(datasets.status, 'DRAFT') : or(ne(datasets.status, 'DRAFT'), drafts),
  )!;
}

/** Datasets lists, `totalCount`, facets, lineage and data services show the caller: accessible, not withdrawn. */
export function listedDatasetsCondition(caller: Caller, today: string): SQL {
  return and(accessibleDatasetsCondition(caller, today), ne(datasets.status, 'WITHDRAWN'))!;
}

/** Datasets the DCAT-AP export holds for the caller: accessible and published (no drafts, no tombstones). */
export function exportedDatasetsCondition(caller: Caller, today: string): SQL {
  return and(accessibleDatasetsCondition(caller, today), eq(datasets.status, 'PUBLISHED'))!;
}

// ---------------------------------------------------------------------------------------------
// Loaded rows

/** What a decision on loaded rows needs: the caller and a batched lookup of a dataset's unrevoked grants (the request's loader). */
export interface VisibilityContext {
  caller: Caller;
  loaders: { unrevokedGrantsOfDataset: { load(datasetId: string): Promise<DatasetAccessGrantModel[]> } };
  now: Date;
}

/**
 * The organisations granted this dataset today, as far as the decision needs them: grants are
 * loaded (batched, one statement per request tick) only for a RESTRICTED dataset whose rule
 * reaches the caller through grants and that the caller's organisation does not publish.
 */
async function grantsThatMatter(context: VisibilityContext, dataset: AccessFields & Pick<DatasetModel, 'id'>): Promise<string[]> {
  const { caller } = context;
  if (dataset.accessLevel !== 'RESTRICTED' || reachOf(caller, LEVEL_RULES.RESTRICTED) !== 'granted') return [];
  if (caller.organizationId === null || caller.organizationId === dataset.publisherId) return [];
  return activeGrantees(await context.loaders.unrevokedGrantsOfDataset.load(dataset.id), hanoiDate(context.now));
}

/** Whether the caller may look up this loaded dataset (withdrawn ones included). */
export async function mayLookUpDataset(context: VisibilityContext, dataset: DatasetModel): Promise<boolean> {
  return canSeeDataset(context.caller, dataset, await grantsThatMatter(context, dataset));
}

/** The loaded datasets a list shows the caller (lineage, data services): accessible and not withdrawn, in order. */
export async function onlyListed(context: VisibilityContext, rows: readonly DatasetModel[]): Promise<DatasetModel[]> {
  const candidates = rows.filter((row) => row.status !== 'WITHDRAWN');
  const visible = await Promise.all(candidates.map((row) => mayLookUpDataset(context, row)));
  return candidates.filter((_row, index) => visible[index]);
}

/** Whether the caller may grant, revoke and read the grants of this dataset (ACCESS_RULES.grantDatasetAccess: its publisher decides). */
export function mayManageGrants(caller: Caller, dataset: Pick<DatasetModel, 'publisherId'>): boolean {
  return allows(caller, 'grantDatasetAccess', { ownerOrganizationId: dataset.publisherId });
}
