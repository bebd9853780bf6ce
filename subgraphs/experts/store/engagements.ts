import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { insertRow, updateRowById } from '../../kernel/subgraph/rows';
import * as schema from '../db/schema';
import type { EngagementModel } from '../models';

const { engagements } = schema;
type ExpertsDb = Db<typeof schema>;

/** Each expert's engagements, newest first (undated ones last). */
export function engagementsOfExperts(db: ExpertsDb, expertIds: readonly string[]): Promise<EngagementModel[]> {
  return db
    .select()
    .from(engagements)
    .where(inArray(engagements.expertId, [...expertIds]))
    .orderBy(sql`${engagements.startedOn} is null`, desc(engagements.startedOn), asc(engagements.id));
}

export function engagementsByIds(db: ExpertsDb, ids: readonly string[]): Promise<EngagementModel[]> {
  return db
    .select()
    .from(engagements)
    .where(inArray(engagements.id, [...ids]));
}

type EngagementValues = typeof engagements.$inferInsert;

/** Another engagement (not `exceptId`, not declined) of the expert in the same role on the same record, if any. */
export async function sameEngagement(
  db: ExpertsDb,
  engagement: Pick<EngagementModel, 'expertId' | 'role' | 'targetType' | 'targetId'>,
  exceptId: string | null,
): Promise<string | null> {
  const [existing] = await db
    .select({ id: engagements.id })
    .from(engagements)
    .where(
      and(
        eq(engagements.expertId, engagement.expertId),
        eq(engagements.role, engagement.role),
        eq(engagements.targetType, engagement.targetType),
        eq(engagements.targetId, engagement.targetId),
        ne(engagements.status, 'DECLINED'),
        exceptId ? ne(engagements.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return existing?.id ?? null;
}

export function insertEngagement(tx: ExpertsDb, values: EngagementValues): Promise<EngagementModel> {
  return insertRow(tx, engagements, values);
}

/** Writes `changes` to engagement `id` and returns the row as written. */
export function saveEngagement(tx: ExpertsDb, id: string, changes: Partial<EngagementValues>): Promise<EngagementModel> {
  return updateRowById(tx, engagements, id, changes);
}
