import DataLoader from 'dataloader';
import type { Db } from '../kernel/platform/db';
import { loaderByGroup, loaderById } from '../kernel/platform/loaders';
import type * as schema from './db/schema';
import { cohortsByHubIds, cohortsByIds, participationsByCohortIds, participationsByProjectIds, participationsByStartupIds } from './store/cohorts';
import { roundsByIds, roundsByStartupIds } from './store/funding';
import { hubsByIds, hubsByParentIds } from './store/hubs';
import { countSupportedProjects, progressByProgrammeIds, projectsByIds, supportsByProjectIds, transitionsByProjectIds } from './store/projects';
import { certificationsByStartupIds, startupsByIds, startupsByProjectIds } from './store/startups';

/** The DataLoaders of one request; built fresh per request by the kernel. */
export function createLoaders(db: Db<typeof schema>) {
  const progress = (includeSynthetic: boolean) =>
    loaderById(
      (ids) => progressByProgrammeIds(db, ids, includeSynthetic),
      (row) => row.programmeId,
    );
  return {
    hub: loaderById(
      (ids) => hubsByIds(db, ids),
      (row) => row.id,
    ),
    hubChildren: loaderByGroup(
      (ids) => hubsByParentIds(db, ids),
      (row) => row.parentId!,
    ),
    startup: loaderById(
      (ids) => startupsByIds(db, ids),
      (row) => row.id,
    ),
    startupByProject: loaderById(
      (ids) => startupsByProjectIds(db, ids),
      (row) => row.projectId!,
    ),
    certificationsByStartup: loaderByGroup(
      (ids) => certificationsByStartupIds(db, ids),
      (row) => row.startupId,
    ),
    project: loaderById(
      (ids) => projectsByIds(db, ids),
      (row) => row.id,
    ),
    transitionsByProject: loaderByGroup(
      (ids) => transitionsByProjectIds(db, ids),
      (row) => row.projectId,
    ),
    supportsByProject: loaderByGroup(
      (ids) => supportsByProjectIds(db, ids),
      (row) => row.projectId,
    ),
    cohort: loaderById(
      (ids) => cohortsByIds(db, ids),
      (row) => row.id,
    ),
    cohortsByHub: loaderByGroup(
      (ids) => cohortsByHubIds(db, ids),
      (row) => row.hubId,
    ),
    participationsByCohort: loaderByGroup(
      (ids) => participationsByCohortIds(db, ids),
      (row) => row.cohortId,
    ),
    participationsByProject: loaderByGroup(
      (ids) => participationsByProjectIds(db, ids),
      (row) => row.projectId!,
    ),
    participationsByStartup: loaderByGroup(
      (ids) => participationsByStartupIds(db, ids),
      (row) => row.ownerStartupId,
    ),
    fundingRound: loaderById(
      (ids) => roundsByIds(db, ids),
      (row) => row.id,
    ),
    roundsByStartup: loaderByGroup(
      (ids) => roundsByStartupIds(db, ids),
      (row) => row.startupId,
    ),
    realProgressByProgramme: progress(false),
    allProgressByProgramme: progress(true),
    /** Keyed by "real" or "all": the count of the startup-projects indicator, once per request. */
    supportedProjectCount: new DataLoader<'real' | 'all', number>((keys) => Promise.all(keys.map((key) => countSupportedProjects(db, key === 'all')))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
