import { and, count, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { countByParent, tableConnection, keysetConnectionsByParent, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import type { MembershipModel, NetworkModel } from '../models';

const { networks, memberships } = schema;
type ExpertsDb = Db<typeof schema>;

export interface NetworkFilter {
  search?: string | null;
  kinds?: NetworkModel['kind'][] | null;
  synthetic?: boolean | null;
}

export function networksByIds(db: ExpertsDb, ids: readonly string[]): Promise<NetworkModel[]> {
  return db
    .select()
    .from(networks)
    .where(inArray(networks.id, [...ids]));
}

export async function networkByCode(db: ExpertsDb, code: string): Promise<NetworkModel | null> {
  const [row] = await db.select().from(networks).where(eq(networks.code, code)).limit(1);
  return row ?? null;
}

export function listNetworks(db: ExpertsDb, args: ConnectionArgs, filter?: NetworkFilter | null) {
  const where = and(
    filter?.search ? like(networks.searchText, likePattern(filter.search)) : undefined,
    filter?.kinds?.length ? inArray(networks.kind, filter.kinds) : undefined,
    filter?.synthetic != null ? eq(networks.synthetic, filter.synthetic) : undefined,
  );
  return tableConnection(db, {
    table: networks,
    rows: db.select().from(networks).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: networks.nameVi, value: (row) => row.nameVi },
      { column: networks.id, value: (row) => row.id },
    ],
  });
}

/** Membership counts of several networks in one statement. */
export async function memberCounts(db: ExpertsDb, networkIds: readonly string[], scope: boolean | null): Promise<Map<string, number>> {
  const rows = await db
    .select({ networkId: memberships.networkId, n: count() })
    .from(memberships)
    .where(and(inArray(memberships.networkId, [...networkIds]), scope === null ? undefined : eq(memberships.synthetic, scope)))
    .groupBy(memberships.networkId);
  return new Map(rows.map((row) => [row.networkId, Number(row.n)]));
}

/** A page of each network's memberships in `scope` (true: demo, false: real, null: both), by id (one statement for all the networks). */
export function memberPagesByNetwork(db: ExpertsDb, networkIds: readonly string[], args: ConnectionArgs, scope: boolean | null) {
  return keysetConnectionsByParent<MembershipModel>({
    filter: scope === null ? undefined : eq(memberships.synthetic, scope),
    args,
    parentIds: networkIds,
    table: memberships,
    id: memberships.id,
    parentColumn: memberships.networkId,
    parentOf: (row) => row.networkId,
    sortKeys: [{ column: memberships.id, value: (row) => row.id }],
    fetch: (where, orderBy) =>
      db
        .select()
        .from(memberships)
        .where(where)
        .orderBy(...orderBy),
    count: (where) => countByParent(db, memberships, memberships.networkId, where),
  });
}
