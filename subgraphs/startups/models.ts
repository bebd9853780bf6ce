import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/pagination';
import type { hubs } from './db/schema';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type InnovationHubModel = InferSelectModel<typeof hubs>;
export type InnovationHubConnectionModel = Connection<InnovationHubModel>;
export type InnovationHubEdgeModel = Edge<InnovationHubModel>;
/** Another subgraph's entity: only its key is known here. */
export type OrganizationModel = { id: string };
