import { eq, inArray, ne, or, type SQL } from 'drizzle-orm';
import { reachOf } from '../../kernel/identity/access-policy';
import type { Caller } from '../../kernel/identity/caller';
import { indicators, observationRevisions, observations } from '../db/schema';
import type { ProgrammesDb } from './db';

/**
 * Who sees which observation values, in one place. PROVISIONAL revisions are draft records
 * (ACCESS_RULES.draftRecord): partners and admins see them all, editors those of the indicators
 * their organisation is responsible for, everyone else none. For a reader who may not see a
 * provisional revision it is as if it had never been recorded, on every path: the current
 * value is the latest revision they may see, `revisions` and `asOf` skip it, an observation
 * with only such revisions does not exist for them, and computed statuses are computed on what
 * they see (so a public status never reveals a provisional value).
 *
 * The store applies this in SQL (`provisionalCondition`); loaders take the reach as part of
 * their keys, so one request's rows are still loaded in one statement.
 */
export type ProvisionalReach = 'all' | 'none' | { ownerOrganizationId: string };

/**
 * The caller's reach over provisional values. An editor's named domains widen what it may
 * write, not what it may read (as in the catalogue and the change feed, which knows no
 * domains); such an editor may not write provisional values either (writes/observations.ts).
 */
export function provisionalReach(caller: Caller): ProvisionalReach {
  const reach = reachOf(caller, 'draftRecord');
  if (reach === 'all') return 'all';
  if (reach !== 'none' && caller.organizationId !== null) return { ownerOrganizationId: caller.organizationId };
  return 'none';
}

/** A stable string for the reach, for loader cache keys. */
export function reachKey(reach: ProvisionalReach): string {
  return typeof reach === 'string' ? reach : `own:${reach.ownerOrganizationId}`;
}

/**
 * The revisions a reader with `reach` sees, as a condition on a query that joins
 * `observation_revisions` to `observations` (undefined: all of them).
 */
export function provisionalCondition(db: ProgrammesDb, reach: ProvisionalReach): SQL | undefined {
  if (reach === 'all') return undefined;
  const settled = ne(observationRevisions.status, 'PROVISIONAL');
  if (reach === 'none') return settled;
  const owned = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.responsibleOrganizationId, reach.ownerOrganizationId));
  return or(settled, inArray(observations.indicatorId, owned));
}
