import { notFound } from '../../kernel/platform/errors';
import type { ObservationResolvers } from '../generated/graphql';
import type { ObservationModel, ObservationRevisionModel } from '../models';
import { provisionalReach } from '../store/visibility';

/** `2024`, `2024-Q2`, `2024-03`. */
export function periodLabel(kind: ObservationModel['periodKind'], start: string): string {
  if (kind === 'YEAR') return start.slice(0, 4);
  if (kind === 'MONTH') return start.slice(0, 7);
  return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
}

export function sourceDocument(revision: ObservationRevisionModel) {
  return revision.sourceDocumentTitle ? { title: revision.sourceDocumentTitle, url: revision.sourceDocumentUrl } : null;
}

export const Observation: ObservationResolvers = {
  __resolveReference: (reference, { loaders, caller }) => loaders.observation.load({ id: reference.id, reach: provisionalReach(caller) }),
  async indicator(observation, _args, { loaders }) {
    const indicator = await loaders.indicator.load(observation.indicatorId);
    if (!indicator) throw notFound('Indicator', 'id', observation.indicatorId);
    return indicator;
  },
  period: (observation) => ({
    kind: observation.periodKind,
    start: observation.periodStart,
    end: observation.periodEnd,
    label: periodLabel(observation.periodKind, observation.periodStart),
  }),
  value: (observation) => observation.revision.value,
  observationStatus: (observation) => observation.revision.status,
  // The catalogue resolves `sourceDataset` from this, under its access rules (@requires).
  sourceDatasetId: (observation) => observation.revision.sourceDatasetId,
  sourceDocument: (observation) => sourceDocument(observation.revision),
  // A source's note is in Vietnamese and has no translation.
  note: (observation) => (observation.revision.note === null ? null : { vi: observation.revision.note, en: null }),
  revision: (observation) => observation.revision.revision,
  recordedAt: (observation) => observation.revision.recordedAt,
  supersededAt: (observation) => observation.revision.supersededAt,
  revisions: (observation, _args, { loaders, caller }) => loaders.revisionsByObservation.load({ id: observation.id, reach: provisionalReach(caller) }),
  provenance: (observation) => observation.revision.provenance,
};
