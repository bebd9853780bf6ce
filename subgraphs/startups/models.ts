import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/platform/pagination';
import type { Provenance } from '../kernel/reference/provenance';
import type { HubFigure } from './db/schema';
import type { certifications, cohorts, fundingRounds, hubs, participations, projectSupports, projectTransitions, projects, startups } from './db/schema';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type StartupModel = InferSelectModel<typeof startups>;
export type StartupConnectionModel = Connection<StartupModel>;
export type StartupEdgeModel = Edge<StartupModel>;
export type StartupCertificationModel = InferSelectModel<typeof certifications>;

export type StartupProjectModel = InferSelectModel<typeof projects>;
export type StartupProjectConnectionModel = Connection<StartupProjectModel>;
export type StartupProjectEdgeModel = Edge<StartupProjectModel>;
export type StartupProjectTransitionModel = InferSelectModel<typeof projectTransitions>;
export type StartupProjectSupportModel = InferSelectModel<typeof projectSupports>;

/** A hub row; `distanceKm` is present when it was listed around a point. */
export type InnovationHubModel = InferSelectModel<typeof hubs> & { distanceKm?: number | null };
export type InnovationHubConnectionModel = Connection<InnovationHubModel>;
export type InnovationHubEdgeModel = Edge<InnovationHubModel>;

export type CohortModel = InferSelectModel<typeof cohorts>;
export type CohortConnectionModel = Connection<CohortModel>;
export type CohortEdgeModel = Edge<CohortModel>;
export type CohortParticipationModel = InferSelectModel<typeof participations>;

export type FundingRoundModel = InferSelectModel<typeof fundingRounds>;
export type FundingRoundConnectionModel = Connection<FundingRoundModel> & {
  totalAmounts: () => Promise<Array<{ currency: string; amount: number }>>;
};
export type FundingRoundEdgeModel = Edge<FundingRoundModel>;
export type FundingInvestorModel = { name: string; organizationId: string | null };

/** The metrics object only carries its arguments; each field runs its own grouped query. */
/** Which records the metrics count: true demo, false real, null both. */
export type EcosystemMetricsModel = { synthetic: boolean | null };
export type StartupHubCountModel = { hubId: string; count: number };

export type StartupProjectProgressModel = {
  supportedCount: number;
  incorporatedCount: number;
  fundedCount: number;
  includesSynthetic: boolean;
};

/** Other subgraphs' entities: only their key is known here. */
/** Another subgraph's entity: its id, and its provenance where a field @requires it. */
export type ForeignEntity = { id: string; provenance?: { synthetic?: boolean | null } | null };
export type OrganizationModel = ForeignEntity;
export type ProgrammeModel = ForeignEntity;
export type IndicatorModel = { id: string };

/** A figure a source reports about a hub (stored on the hub, see db/schema.ts). */
export type HubFigureModel = HubFigure;
/** Provenance as stored (fields a record lacks resolve to null). */
export type ProvenanceModel = Provenance;
