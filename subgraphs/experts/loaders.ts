import DataLoader from 'dataloader';
import type { Db } from '../kernel/platform/db';
import { loaderByGroup, loaderById, loaderOfPages } from '../kernel/platform/loaders';
import type * as schema from './db/schema';
import type { EngagementModel, ExpertiseAreaModel, ExpertModel } from './models';
import { areasByIds, areasByParentIds, areasOfExperts } from './store/areas';
import { engagementsByIds, engagementsOfExperts } from './store/engagements';
import { affiliationsOfExperts, contactsByExpertIds, expertsAffiliatedWith, expertsByIds, expertsEngagedOn } from './store/experts';
import { membershipsByIds, membershipsOfExperts } from './store/memberships';
import { memberCounts, memberPagesByNetwork, networksByIds } from './store/networks';

type ExpertsDb = Db<typeof schema>;

/** Experts engaged in one role on one kind of target, grouped by target id. */
function engagedExperts(db: ExpertsDb, role: EngagementModel['role'], targetType: EngagementModel['targetType']) {
  return new DataLoader<string, ExpertModel[]>(async (targetIds) => {
    const rows = await expertsEngagedOn(db, role, targetType, targetIds);
    const groups = new Map<string, ExpertModel[]>(targetIds.map((id) => [id, []]));
    for (const row of rows) groups.get(row.targetId)?.push(row.expert);
    return targetIds.map((id) => groups.get(id) ?? []);
  });
}

/** The DataLoaders of one request; built fresh per request by the kernel. */
export function createLoaders(db: ExpertsDb) {
  // One loader per (page size, current-only) pair a request asks for: each batches all organisations.
  const affiliatedLoaders = new Map<string, DataLoader<string, ExpertModel[]>>();
  // One member-count loader per synthetic scope (true, false, null) a request asks for.
  const memberCountLoaders = new Map<boolean | null, DataLoader<string, number>>();
  return {
    expert: loaderById(
      (ids) => expertsByIds(db, ids),
      (row) => row.id,
    ),
    /** Personal data: load only after `canReadPersonalData`. */
    contact: loaderById(
      (ids) => contactsByExpertIds(db, ids),
      (row) => row.expertId,
    ),
    affiliationsOfExpert: loaderByGroup(
      (ids) => affiliationsOfExperts(db, ids),
      (row) => row.expertId,
    ),
    areasOfExpert: new DataLoader<string, ExpertiseAreaModel[]>(async (expertIds) => {
      const rows = await areasOfExperts(db, expertIds);
      const groups = new Map<string, ExpertiseAreaModel[]>(expertIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row.expertId)?.push(row.area);
      return expertIds.map((id) => groups.get(id) ?? []);
    }),
    area: loaderById(
      (ids) => areasByIds(db, ids),
      (row) => row.id,
    ),
    childrenOfArea: loaderByGroup(
      (ids) => areasByParentIds(db, ids),
      (row) => row.parentId ?? '',
    ),
    network: loaderById(
      (ids) => networksByIds(db, ids),
      (row) => row.id,
    ),
    memberCount(scope: boolean | null): DataLoader<string, number> {
      let loader = memberCountLoaders.get(scope);
      if (!loader) {
        loader = new DataLoader<string, number>(async (networkIds) => {
          const counts = await memberCounts(db, networkIds, scope);
          return networkIds.map((id) => counts.get(id) ?? 0);
        });
        memberCountLoaders.set(scope, loader);
      }
      return loader;
    },
    /** A page of each network's members (of one kind, see syntheticScope): one statement per page of networks. */
    memberPagesOfNetwork: loaderOfPages((ids, args, synthetic) => memberPagesByNetwork(db, ids, args, synthetic)),
    membership: loaderById(
      (ids) => membershipsByIds(db, ids),
      (row) => row.id,
    ),
    membershipsOfExpert: loaderByGroup(
      (ids) => membershipsOfExperts(db, ids),
      (row) => row.expertId,
    ),
    engagement: loaderById(
      (ids) => engagementsByIds(db, ids),
      (row) => row.id,
    ),
    engagementsOfExpert: loaderByGroup(
      (ids) => engagementsOfExperts(db, ids),
      (row) => row.expertId,
    ),
    reviewersOfResearchProject: engagedExperts(db, 'REVIEWER', 'ResearchProject'),
    councilMembersOfResearchProject: engagedExperts(db, 'COUNCIL_MEMBER', 'ResearchProject'),
    advisersOfProgramme: engagedExperts(db, 'ADVISER', 'Programme'),
    advisersOfTask: engagedExperts(db, 'ADVISER', 'Task'),
    mentorsOfStartup: engagedExperts(db, 'MENTOR', 'Startup'),
    mentorsOfStartupProject: engagedExperts(db, 'MENTOR', 'StartupProject'),
    affiliatedExperts(perOrganization: number, currentOnly: boolean, scope: boolean | null): DataLoader<string, ExpertModel[]> {
      const key = `${perOrganization}:${currentOnly}:${scope}`;
      let loader = affiliatedLoaders.get(key);
      if (!loader) {
        loader = loaderByGroup(
          (ids) => expertsAffiliatedWith(db, ids, perOrganization, currentOnly, scope),
          (row) => row.organizationId,
        );
        affiliatedLoaders.set(key, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
