import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { insertRow, updateRowById } from '../../kernel/subgraph/rows';
import * as schema from '../db/schema';
import type { MembershipModel } from '../models';

const { memberships } = schema;
type ExpertsDb = Db<typeof schema>;
type MembershipValues = typeof memberships.$inferInsert;

/** Each expert's memberships, oldest first. */
export function membershipsOfExperts(db: ExpertsDb, expertIds: readonly string[]): Promise<MembershipModel[]> {
  return db
    .select()
    .from(memberships)
    .where(inArray(memberships.expertId, [...expertIds]))
    .orderBy(asc(memberships.since), asc(memberships.id));
}

export function membershipsByIds(db: ExpertsDb, ids: readonly string[]): Promise<MembershipModel[]> {
  return db
    .select()
    .from(memberships)
    .where(inArray(memberships.id, [...ids]));
}

/** The expert's memberships of one network, but `exceptId`. */
export function membershipsOfExpertIn(db: ExpertsDb, expertId: string, networkId: string, exceptId: string | null): Promise<MembershipModel[]> {
  return db
    .select()
    .from(memberships)
    .where(and(eq(memberships.expertId, expertId), eq(memberships.networkId, networkId), exceptId ? ne(memberships.id, exceptId) : undefined));
}

export function insertMembership(tx: ExpertsDb, values: MembershipValues): Promise<MembershipModel> {
  return insertRow(tx, memberships, values);
}

/** Writes `changes` to membership `id` and returns the row as written. */
export function saveMembership(tx: ExpertsDb, id: string, changes: Partial<MembershipValues>): Promise<MembershipModel> {
  return updateRowById(tx, memberships, id, changes);
}
