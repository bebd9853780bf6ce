import { inArray, type SQL } from 'drizzle-orm';
import { canReadInternalData, canReadRestrictedData, type Caller } from '../../kernel/caller';
import { datasets } from '../db/schema';
import type { AccessLevel } from '../vocabularies';

/**
 * Who sees which datasets, in one place: anonymous callers see PUBLIC datasets only, on
 * every path (lists, counts, facets, references, lineage, exports). Lists apply the SQL
 * condition; records loaded by id or through a join are checked with `canSeeDataset`.
 */
export function visibleAccessLevels(caller: Caller): AccessLevel[] {
  const levels: AccessLevel[] = ['PUBLIC'];
  if (canReadRestrictedData(caller)) levels.push('RESTRICTED');
  if (canReadInternalData(caller)) levels.push('INTERNAL');
  return levels;
}

export function visibleDatasetsCondition(caller: Caller): SQL {
  return inArray(datasets.accessLevel, visibleAccessLevels(caller));
}

export function canSeeDataset(caller: Caller, dataset: { accessLevel: AccessLevel }): boolean {
  return visibleAccessLevels(caller).includes(dataset.accessLevel);
}

export function onlyVisible<T extends { accessLevel: AccessLevel }>(caller: Caller, rows: readonly T[]): T[] {
  const levels = visibleAccessLevels(caller);
  return rows.filter((row) => levels.includes(row.accessLevel));
}
