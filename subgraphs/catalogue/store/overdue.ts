import { sql, type SQL } from 'drizzle-orm';
import { datasets } from '../db/schema';

/** Past a Decree 47 deadline on `today` (see rules/decree47.ts); unknown deadlines are not overdue. */
export function overdueCondition(today: string): SQL {
  return sql`(coalesce(${datasets.reviewDueOn} < ${today}::date, false) or coalesce(${datasets.updateDueOn} < ${today}::date, false))`;
}
