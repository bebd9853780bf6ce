import { count } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { keysetConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import * as schema from '../db/schema';
import type { DataServiceModel } from '../models';

const { dataServices } = schema;

/** Data services by Vietnamese title; services themselves are public (what they serve is filtered per caller). */
export function listDataServices(db: Db<typeof schema>, args: ConnectionArgs) {
  return keysetConnection<DataServiceModel>({
    args,
    sortKeys: [
      { column: dataServices.titleVi, value: (row) => row.titleVi },
      { column: dataServices.id, value: (row) => row.id },
    ],
    fetch: (condition, orderBy, limit) =>
      db
        .select()
        .from(dataServices)
        .where(condition)
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => (await db.select({ n: count() }).from(dataServices))[0]?.n ?? 0,
  });
}
