import { asc, desc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db';
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
