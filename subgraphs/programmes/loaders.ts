import DataLoader from 'dataloader';
import type { Db } from '../kernel/platform/db';
import { loaderByGroup, loaderById, loaderOfPages } from '../kernel/platform/loaders';
import type * as schema from './db/schema';
import type { ObservationModel, ObservationRevisionModel } from './models';
import {
  indicatorPagesByProgramme,
  indicatorPagesByResponsible,
  indicatorsByIds,
  indicatorsByProgrammeIds,
  reportedAssessmentsByIndicatorIds,
  targetPagesByIndicator,
  targetsByIds,
  targetsByIndicatorIds,
} from './store/indicators';
import {
  latestUsableObservations,
  observationsByIds,
  observationsForIndicators,
  revisionsByIds,
  revisionsByObservationIds,
  type ObservationWindow,
  type UsableWindow,
} from './store/observations';
import { organizationsByIds } from './store/organizations';
import { linksByProgrammeIds, programmesByIds, progressReportsByProgrammeIds, taskGroupsByIds, taskGroupsByProgrammeIds } from './store/programmes';
import { programmeBoardsByIds, researchProjectsByIds } from './store/research';
import { progressUpdatesByTaskIds, taskPagesByGroup, taskPagesByProgramme, tasksByIds } from './store/tasks';
import { reachKey, type ProvisionalReach } from './store/visibility';

/** The DataLoaders of one request; built fresh per request by the kernel. */
export function createLoaders(db: Db<typeof schema>) {
  const byId = <T extends { id: string }>(fetch: (db: Db<typeof schema>, ids: readonly string[]) => Promise<T[]>) =>
    loaderById(
      (ids) => fetch(db, ids),
      (row) => row.id,
    );
  return {
    organization: byId(organizationsByIds),
    programme: byId(programmesByIds),
    taskGroup: byId(taskGroupsByIds),
    indicator: byId(indicatorsByIds),
    target: byId(targetsByIds),
    task: byId(tasksByIds),
    researchProject: byId(researchProjectsByIds),
    programmeBoard: byId(programmeBoardsByIds),

    /** A link belongs to both its ends, so it is filed under each. */
    linksOfProgramme: new DataLoader<string, Awaited<ReturnType<typeof linksByProgrammeIds>>>(async (ids) => {
      const links = await linksByProgrammeIds(db, ids);
      return ids.map((id) => links.filter((link) => link.fromId === id || link.toId === id));
    }),
    taskGroupsByProgramme: loaderByGroup(
      (ids) => taskGroupsByProgrammeIds(db, ids),
      (row) => row.programmeId,
    ),
    progressReportsByProgramme: loaderByGroup(
      (ids) => progressReportsByProgrammeIds(db, ids),
      (row) => row.programmeId,
    ),
    indicatorsByProgramme: loaderByGroup(
      (ids) => indicatorsByProgrammeIds(db, ids),
      (row) => row.programmeId,
    ),
    /** Pages of nested connections: one statement per page of parents. */
    indicatorPagesOfProgramme: loaderOfPages((ids, args, synthetic) => indicatorPagesByProgramme(db, ids, args, synthetic)),
    indicatorPagesOfResponsible: loaderOfPages((ids, args, synthetic) => indicatorPagesByResponsible(db, ids, args, synthetic)),
    targetPagesOfIndicator: loaderOfPages((ids, args, synthetic) => targetPagesByIndicator(db, ids, args, synthetic)),
    taskPagesOfProgramme: loaderOfPages((ids, args, synthetic) => taskPagesByProgramme(db, ids, args, synthetic)),
    taskPagesOfGroup: loaderOfPages((ids, args, synthetic) => taskPagesByGroup(db, ids, args, synthetic)),
    targetsByIndicator: loaderByGroup(
      (ids) => targetsByIndicatorIds(db, ids),
      (row) => row.indicatorId,
    ),
    reportedAssessmentsByIndicator: loaderByGroup(
      (ids) => reportedAssessmentsByIndicatorIds(db, ids),
      (row) => row.indicatorId,
    ),
    observation: readerLoader<ObservationKey, ObservationModel | null>({
      queryOf: (key) => reachKey(key.reach),
      idOf: (key) => key.id,
      fetch: async (keys) =>
        new Map(
          (
            await observationsByIds(
              db,
              keys.map((key) => key.id),
              keys[0]!.reach,
            )
          ).map((row) => [row.id, row]),
        ),
      missing: () => null,
    }),
    observationsByIndicator: readerLoader<SeriesKey, ObservationModel[]>({
      queryOf: (key) => JSON.stringify([reachKey(key.reach), key.from ?? null, key.to ?? null, key.asOf ? key.asOf.toISOString() : null]),
      idOf: (key) => key.indicatorId,
      fetch: async (keys) =>
        groupBy(await observationsForIndicators(db, [...new Set(keys.map((key) => key.indicatorId))], keys[0]!, keys[0]!.reach), (row) => row.indicatorId),
      missing: () => [],
    }),
    /** The candidates of the observation an indicator's status compares, per target window (see `latestUsableObservations`). */
    latestUsableObservations: readerLoader<UsableKey, ObservationModel[]>({
      queryOf: (key) => JSON.stringify([reachKey(key.reach), key.asOf ? key.asOf.toISOString() : null]),
      idOf: usableId,
      fetch: async (keys) => {
        const found = new Map<string, ObservationModel[]>();
        // One statement per round; an indicator asked with several windows (rare: several targets) gets a round each.
        for (const round of rounds(keys, (key) => key.indicatorId)) {
          const byIndicator = groupBy(await latestUsableObservations(db, round, keys[0]!.asOf, keys[0]!.reach), (row) => row.indicatorId);
          for (const key of round) found.set(usableId(key), byIndicator.get(key.indicatorId) ?? []);
        }
        return found;
      },
      missing: () => [],
    }),
    revisionsByObservation: readerLoader<ObservationKey, ObservationRevisionModel[]>({
      queryOf: (key) => reachKey(key.reach),
      idOf: (key) => key.id,
      fetch: async (keys) =>
        groupBy(
          await revisionsByObservationIds(
            db,
            keys.map((key) => key.id),
            keys[0]!.reach,
          ),
          (row) => row.observationId,
        ),
      missing: () => [],
    }),
    revision: readerLoader<ObservationKey, ObservationRevisionModel | null>({
      queryOf: (key) => reachKey(key.reach),
      idOf: (key) => key.id,
      fetch: async (keys) =>
        new Map(
          (
            await revisionsByIds(
              db,
              keys.map((key) => key.id),
              keys[0]!.reach,
            )
          ).map((row) => [row.id, row]),
        ),
      missing: () => null,
    }),
    progressUpdatesByTask: loaderByGroup(
      (ids) => progressUpdatesByTaskIds(db, ids),
      (row) => row.taskId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Loads for one reader: whose provisional values they see is part of every query (store/visibility.ts). */
interface ReaderKey {
  reach: ProvisionalReach;
}

/** One observation (or its revisions), or one revision, by id, as a reader sees it. */
export interface ObservationKey extends ReaderKey {
  id: string;
}

/** One indicator's time series, for one window (period range and as-of instant), as a reader sees it. */
export interface SeriesKey extends ObservationWindow, ReaderKey {
  indicatorId: string;
}

/**
 * A loader whose keys carry query arguments (the reader's reach, a window): keys asking the
 * same query (the usual case: every key of one request, or every row of a page) share one SQL
 * statement; `fetch` answers a batch of them by id, and ids it leaves out get `missing()`.
 */
function readerLoader<K, V>(options: {
  /** The arguments of the statement a key needs. */
  queryOf: (key: K) => string;
  /** What the key asks of that statement (an id). */
  idOf: (key: K) => string;
  fetch: (keys: K[]) => Promise<Map<string, V>>;
  missing: () => V;
}) {
  const cacheKey = (key: K) => `${options.queryOf(key)}|${options.idOf(key)}`;
  return new DataLoader<K, V, string>(
    async (keys) => {
      const byQuery = groupBy(keys, options.queryOf);
      const answers = new Map<string, Map<string, V>>();
      await Promise.all([...byQuery.entries()].map(async ([query, group]) => answers.set(query, await options.fetch(group))));
      return keys.map((key) => answers.get(options.queryOf(key))!.get(options.idOf(key)) ?? options.missing());
    },
    { cacheKeyFn: cacheKey },
  );
}

interface UsableKey extends UsableWindow {
  asOf: Date | null;
  reach: ProvisionalReach;
}
const usableId = (key: UsableWindow) => JSON.stringify([key.indicatorId, key.from, key.to]);

/** `items` split so that no round holds two items of the same `keyOf`, in as few rounds as that allows. */
function rounds<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const result: T[][] = [];
  const seen: Array<Set<string>> = [];
  for (const item of items) {
    const key = keyOf(item);
    let at = seen.findIndex((keys) => !keys.has(key));
    if (at === -1) {
      at = result.length;
      result.push([]);
      seen.push(new Set());
    }
    result[at]!.push(item);
    seen[at]!.add(key);
  }
  return result;
}

/** Rows filed under their key, in fetch order. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}
