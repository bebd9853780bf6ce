import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/platform/pagination';
import type { affiliations, engagements, expertContacts, expertiseAreas, experts, memberships, networks } from './db/schema';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type ExpertModel = InferSelectModel<typeof experts>;
export type ExpertConnectionModel = Connection<ExpertModel>;
export type ExpertEdgeModel = Edge<ExpertModel>;
/** Personal data: only ever built after the caller check. */
export type ExpertContactModel = InferSelectModel<typeof expertContacts>;
export type AffiliationModel = InferSelectModel<typeof affiliations>;

/** A finder result: the expert, its relevance score and the ids of its areas that matched. */
export type ExpertMatch = ExpertModel & { score: number; matchedAreaIds: string[] };
export type ExpertMatchConnectionModel = Connection<ExpertMatch>;
export type ExpertMatchEdgeModel = Edge<ExpertMatch>;

export type ExpertiseAreaModel = InferSelectModel<typeof expertiseAreas>;
export type ExpertiseAreaConnectionModel = Connection<ExpertiseAreaModel>;
export type ExpertiseAreaEdgeModel = Edge<ExpertiseAreaModel>;

export type NetworkModel = InferSelectModel<typeof networks>;
export type NetworkConnectionModel = Connection<NetworkModel>;
export type NetworkEdgeModel = Edge<NetworkModel>;
export type MembershipModel = InferSelectModel<typeof memberships>;
export type MembershipConnectionModel = Connection<MembershipModel>;
export type MembershipEdgeModel = Edge<MembershipModel>;

export type EngagementModel = InferSelectModel<typeof engagements>;
/** The record an engagement points at: another subgraph's entity, known by type and key only. */
export type EngagementTargetModel = { __typename: EngagementModel['targetType']; id: string };

/** Other subgraphs' entities: only their key is known here. */
export type ResearchProjectModel = { id: string };
/** Another subgraph's entity: its id, and its provenance where a field @requires it. */
export type ForeignEntity = { id: string; provenance?: { synthetic?: boolean | null } | null };
export type ProgrammeModel = ForeignEntity;
export type TaskModel = ForeignEntity;
export type StartupModel = { id: string };
export type StartupProjectModel = { id: string };
export type OrganizationModel = ForeignEntity;
