import type { cohorts, fundingRounds, hubs, participations, projectTransitions, projects, startups } from '../db/schema';

/**
 * What the change feed carries about each entity: its GraphQL-visible fields as plain JSON
 * (references as ids). Nothing here is restricted: every record of this subgraph is public.
 */
type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];
export type Snapshot = Record<string, unknown>;

export function startupSnapshot(startup: Row<typeof startups>): Snapshot {
  return {
    id: startup.id,
    name: startup.name,
    registrationCode: startup.registrationCode,
    foundedOn: startup.foundedOn,
    sectors: startup.sectors,
    stage: startup.stage,
    status: startup.status,
    district: startup.district,
    address: startup.address,
    website: startup.website,
    teamSize: startup.teamSize,
    projectId: startup.projectId,
  };
}

export function projectSnapshot(project: Row<typeof projects>, transitions: Array<Row<typeof projectTransitions>>): Snapshot {
  return {
    id: project.id,
    title: { vi: project.titleVi, en: project.titleEn },
    summary: project.summary,
    team: project.team,
    sectors: project.sectors,
    district: project.district,
    stage: project.stage,
    startedOn: project.startedOn,
    transitions: transitions.map((transition) => ({ stage: transition.stage, occurredOn: transition.occurredOn, note: transition.note })),
  };
}

export function hubSnapshot(hub: Row<typeof hubs>): Snapshot {
  return {
    id: hub.id,
    kind: hub.kind,
    status: hub.status,
    name: { vi: hub.nameVi, en: hub.nameEn },
    aliases: hub.aliases,
    operatorId: hub.operatorId,
    parentId: hub.parentId,
    address: hub.address,
    district: hub.district,
    location:
      hub.latitude != null && hub.longitude != null && hub.coordinatePrecision
        ? { latitude: hub.latitude, longitude: hub.longitude, precision: hub.coordinatePrecision }
        : null,
    focusSectors: hub.focusSectors,
    establishedOn: hub.establishedOn,
    capacity: hub.capacity,
  };
}

export function cohortSnapshot(cohort: Row<typeof cohorts>, participants: Array<Row<typeof participations>>): Snapshot {
  return {
    id: cohort.id,
    hubId: cohort.hubId,
    name: cohort.name,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    participants: participants.map((p) => ({
      id: p.id,
      startupId: p.startupId,
      projectId: p.projectId,
      joinedOn: p.joinedOn,
      leftOn: p.leftOn,
      outcome: p.outcome,
    })),
  };
}

export function fundingRoundSnapshot(round: Row<typeof fundingRounds>): Snapshot {
  return {
    id: round.id,
    startupId: round.startupId,
    type: round.type,
    announcedOn: round.announcedOn,
    amount: round.amount,
    currency: round.currency,
    investors: round.investors,
  };
}
