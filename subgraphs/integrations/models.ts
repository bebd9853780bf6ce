import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/pagination';
import type { changeLog } from './db/schema';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type ChangeModel = InferSelectModel<typeof changeLog>;
export type ChangeConnectionModel = Connection<ChangeModel>;
export type ChangeEdgeModel = Edge<ChangeModel>;
export type ChangeActorModel = import('../kernel/outbox').EventActor;
