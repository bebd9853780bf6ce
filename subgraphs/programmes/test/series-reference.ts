import type { Db } from '../../kernel/platform/db';
import type * as schema from '../db/schema';
import { indicators, observationRevisions, observations } from '../db/schema';
import type { ObservationModel, ObservationRevisionModel } from '../models';
import type { ProvisionalReach } from '../store/visibility';

/** One observation with the revision a reader sees, as computed here from the tables. */
export interface ReferenceObservation {
  indicatorId: string;
  periodStart: string;
  periodKind: ObservationModel['periodKind'];
  periodEnd: string;
  synthetic: boolean;
  id: string;
  revisionId: string;
  value: number;
  status: ObservationRevisionModel['status'];
}

/**
 * Every indicator's series as a reader with `reach` sees it, computed in JavaScript over the
 * tables read whole (a reference for the store's SQL): the revisions they see (PROVISIONAL ones
 * only for `all`, or of the indicators their organisation is responsible for), each superseded
 * by the next one they see; the one valid now or at `asOf`; by indicator, in series order.
 */
export async function seriesAsComputed(db: Db<typeof schema>, reach: ProvisionalReach, asOf: Date | null): Promise<ReferenceObservation[]> {
  const owned = new Set(
    (await db.select().from(indicators))
      .filter((indicator) => typeof reach === 'object' && indicator.responsibleOrganizationId === reach.ownerOrganizationId)
      .map((indicator) => indicator.id),
  );
  const revisionsOf = new Map<string, ObservationRevisionModel[]>();
  for (const revision of await db.select().from(observationRevisions))
    revisionsOf.set(revision.observationId, [...(revisionsOf.get(revision.observationId) ?? []), revision]);
  return (await db.select().from(observations))
    .flatMap((observation) => {
      const seen = (revisionsOf.get(observation.id) ?? [])
        .filter((revision) => reach === 'all' || revision.status !== 'PROVISIONAL' || owned.has(observation.indicatorId))
        .sort((a, b) => a.revision - b.revision);
      const valid = seen.find((revision, at) => {
        const next = seen[at + 1]?.recordedAt ?? null;
        return asOf ? revision.recordedAt <= asOf && (next === null || next > asOf) : next === null;
      });
      if (!valid) return [];
      const { indicatorId, periodStart, periodKind, periodEnd, synthetic, id } = observation;
      return [{ indicatorId, periodStart, periodKind, periodEnd, synthetic, id, revisionId: valid.id, value: valid.value, status: valid.status }];
    })
    .sort(
      (a, b) =>
        a.indicatorId.localeCompare(b.indicatorId) ||
        a.periodStart.localeCompare(b.periodStart) ||
        a.periodKind.localeCompare(b.periodKind) ||
        a.id.localeCompare(b.id),
    );
}
