import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/pagination';
import type { organizations } from './db/schema';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type OrganizationModel = InferSelectModel<typeof organizations>;
export type OrganizationConnectionModel = Connection<OrganizationModel>;
export type OrganizationEdgeModel = Edge<OrganizationModel>;
