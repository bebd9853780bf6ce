import DataLoader from 'dataloader';
import type { Db } from '../kernel/db';
import { loaderByGroup, loaderById } from '../kernel/loaders';
import type * as schema from './db/schema';
import type { ObservationModel } from './models';
import { indicatorsByIds, indicatorsByProgrammeIds, indicatorsByResponsibleIds, reportedAssessmentsByIndicatorIds, targetsByIds, targetsByIndicatorIds } from './store/indicators';
import { observationsByIds, observationsForIndicators, revisionsByObservationIds, type ObservationWindow } from './store/observations';
import { organizationsByIds } from './store/organizations';
import { linksByProgrammeIds, programmesByIds, progressReportsByProgrammeIds, taskGroupsByIds, taskGroupsByProgrammeIds } from './store/programmes';
import { programmeBoardsByIds, researchProjectsByIds } from './store/research';
import { progressUpdatesByTaskIds, tasksByGroupIds, tasksByIds, tasksByProgrammeIds } from './store/tasks';

/** The DataLoaders of one request; built fresh per request by the kernel. */
export function createLoaders(db: Db<typeof schema>) {
  const byId = <T extends { id: string }>(fetch: (db: Db<typeof schema>, ids: readonly string[]) => Promise<T[]>) =>
    loaderById((ids) => fetch(db, ids), (row) => row.id);
  return {
    organization: byId(organizationsByIds),
    programme: byId(programmesByIds),
    taskGroup: byId(taskGroupsByIds),
    indicator: byId(indicatorsByIds),
    target: byId(targetsByIds),
    observation: byId(observationsByIds),
    task: byId(tasksByIds),
    researchProject: byId(researchProjectsByIds),
    programmeBoard: byId(programmeBoardsByIds),

    /** A link belongs to both its ends, so it is filed under each. */
    linksOfProgramme: new DataLoader<string, Awaited<ReturnType<typeof linksByProgrammeIds>>>(async (ids) => {
      const links = await linksByProgrammeIds(db, ids);
      return ids.map((id) => links.filter((link) => link.fromId === id || link.toId === id));
    }),
    taskGroupsByProgramme: loaderByGroup((ids) => taskGroupsByProgrammeIds(db, ids), (row) => row.programmeId),
    progressReportsByProgramme: loaderByGroup((ids) => progressReportsByProgrammeIds(db, ids), (row) => row.programmeId),
    indicatorsByProgramme: loaderByGroup((ids) => indicatorsByProgrammeIds(db, ids), (row) => row.programmeId),
    indicatorsByResponsible: loaderByGroup((ids) => indicatorsByResponsibleIds(db, ids), (row) => row.responsibleOrganizationId ?? ''),
    targetsByIndicator: loaderByGroup((ids) => targetsByIndicatorIds(db, ids), (row) => row.indicatorId),
    reportedAssessmentsByIndicator: loaderByGroup((ids) => reportedAssessmentsByIndicatorIds(db, ids), (row) => row.indicatorId),
    observationsByIndicator: observationSeriesLoader(db),
    revisionsByObservation: loaderByGroup((ids) => revisionsByObservationIds(db, ids), (row) => row.observationId),
    tasksByProgramme: loaderByGroup((ids) => tasksByProgrammeIds(db, ids), (row) => row.programmeId ?? ''),
    tasksByGroup: loaderByGroup((ids) => tasksByGroupIds(db, ids), (row) => row.taskGroupId ?? ''),
    progressUpdatesByTask: loaderByGroup((ids) => progressUpdatesByTaskIds(db, ids), (row) => row.taskId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** One indicator's time series, for one window (period range and as-of instant). */
export interface SeriesKey extends ObservationWindow {
  indicatorId: string;
}

function windowKey(window: ObservationWindow): string {
  return JSON.stringify([window.from ?? null, window.to ?? null, window.asOf ? window.asOf.toISOString() : null]);
}

/**
 * Time series of many indicators: keys with the same window (the usual case: every row of a
 * page asks the same arguments) share one SQL statement.
 */
function observationSeriesLoader(db: Db<typeof schema>) {
  return new DataLoader<SeriesKey, ObservationModel[], string>(
    async (keys) => {
      const byWindow = new Map<string, SeriesKey[]>();
      for (const key of keys) {
        const group = byWindow.get(windowKey(key)) ?? [];
        group.push(key);
        byWindow.set(windowKey(key), group);
      }
      const series = new Map<string, ObservationModel[]>();
      await Promise.all(
        [...byWindow.entries()].map(async ([wk, group]) => {
          const rows = await observationsForIndicators(db, [...new Set(group.map((key) => key.indicatorId))], group[0]!);
          for (const key of group) series.set(`${key.indicatorId}|${wk}`, []);
          for (const row of rows) series.get(`${row.indicatorId}|${wk}`)?.push(row);
        }),
      );
      return keys.map((key) => series.get(`${key.indicatorId}|${windowKey(key)}`) ?? []);
    },
    { cacheKeyFn: (key) => `${key.indicatorId}|${windowKey(key)}` },
  );
}
