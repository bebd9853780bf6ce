import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { reachOf } from '../../kernel/access-policy';
import type { Caller } from '../../kernel/caller';
import { datasets } from '../db/schema';
import type { AccessLevel } from '../vocabularies';

/**
 * Who sees which datasets, in one place: anonymous callers see PUBLIC datasets only, on
 * every path (lists, counts, facets, references, lineage, exports). Lists apply the SQL
 * condition; records loaded by id or through a join are checked with `canSeeDataset`.
 *
 * Withdrawn datasets (withdrawDataset) leave every list, count, facet, lineage list and
 * export; a lookup by id or identifier and a federation reference still answer with the
 * tombstone (`status: WITHDRAWN`), so links to it (observations citing it, the change feed)
 * do not break. Access levels apply to tombstones as to any dataset.
 */
// Interim (the catalogue's grants replace it): levels whose rule reaches every record.
export function visibleAccessLevels(caller: Caller): AccessLevel[] {
  const levels: AccessLevel[] = ['PUBLIC'];
  if (reachOf(caller, 'restrictedDataset') === 'all') levels.push('RESTRICTED');
  if (reachOf(caller, 'internalDataset') === 'all') levels.push('INTERNAL');
  return levels;
}

/** Datasets the caller may look up (by id or identifier), withdrawn ones included. */
export function accessibleDatasetsCondition(caller: Caller): SQL {
  return inArray(datasets.accessLevel, visibleAccessLevels(caller));
}

/** Datasets lists, facets, lineage and exports show the caller: accessible and not withdrawn. */
export function visibleDatasetsCondition(caller: Caller): SQL {
  return and(accessibleDatasetsCondition(caller), eq(datasets.status, 'PUBLISHED'))!;
}

/** Whether the caller may look up this dataset (withdrawn or not). */
export function canSeeDataset(caller: Caller, dataset: { accessLevel: AccessLevel }): boolean {
  return visibleAccessLevels(caller).includes(dataset.accessLevel);
}

/** The rows a list shows the caller: accessible and not withdrawn. */
export function onlyVisible<T extends { accessLevel: AccessLevel; status: 'PUBLISHED' | 'WITHDRAWN' }>(caller: Caller, rows: readonly T[]): T[] {
  const levels = visibleAccessLevels(caller);
  return rows.filter((row) => row.status === 'PUBLISHED' && levels.includes(row.accessLevel));
}
