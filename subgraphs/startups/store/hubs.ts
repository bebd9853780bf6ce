import { count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/db';
import { keysetConnection, type ConnectionArgs } from '../../kernel/pagination';
import * as schema from '../db/schema';
import type { InnovationHubModel } from '../models';

const { hubs } = schema;
type StartupsDb = Db<typeof schema>;

export function hubsByIds(db: StartupsDb, ids: readonly string[]): Promise<InnovationHubModel[]> {
  return db.select().from(hubs).where(inArray(hubs.id, [...ids]));
}

export function listHubs(db: StartupsDb, args: ConnectionArgs, where?: SQL) {
  return keysetConnection<InnovationHubModel>({
    args,
    filter: where,
    sortKeys: [
      { column: hubs.nameVi, value: (row) => row.nameVi },
      { column: hubs.id, value: (row) => row.id },
    ],
    fetch: (condition, orderBy, limit) => db.select().from(hubs).where(condition).orderBy(...orderBy).limit(limit),
    count: async () => (await db.select({ n: count() }).from(hubs).where(where))[0]?.n ?? 0,
  });
}

export function listHubsOperatedBy(db: StartupsDb, organizationId: string, args: ConnectionArgs) {
  return listHubs(db, args, eq(hubs.operatorId, organizationId));
}
