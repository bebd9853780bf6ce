import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { insertRow, updateRowById } from '../../kernel/subgraph/rows';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import * as schema from '../db/schema';
import type { FundingRoundModel } from '../models';

const { fundingRounds } = schema;
type StartupsDb = Db<typeof schema>;

export interface FundingRoundFilter {
  startupId?: string | null;
  types?: Array<(typeof schema.ROUND_TYPES)[number]> | null;
  currency?: string | null;
  minAmount?: number | null;
  maxAmount?: number | null;
  announcedFrom?: string | null;
  announcedTo?: string | null;
  synthetic?: boolean | null;
}

export function roundsByIds(db: StartupsDb, ids: readonly string[]): Promise<FundingRoundModel[]> {
  return db
    .select()
    .from(fundingRounds)
    .where(inArray(fundingRounds.id, [...ids]));
}

export function roundsByStartupIds(db: StartupsDb, startupIds: readonly string[]): Promise<FundingRoundModel[]> {
  return db
    .select()
    .from(fundingRounds)
    .where(inArray(fundingRounds.startupId, [...startupIds]))
    .orderBy(fundingRounds.announcedOn, fundingRounds.id);
}

function roundCondition(filter: FundingRoundFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.startupId ? eq(fundingRounds.startupId, filter.startupId) : undefined,
    filter.types?.length ? inArray(fundingRounds.type, filter.types) : undefined,
    filter.currency ? eq(fundingRounds.currency, filter.currency) : undefined,
    filter.minAmount != null ? gte(fundingRounds.amount, filter.minAmount) : undefined,
    filter.maxAmount != null ? lte(fundingRounds.amount, filter.maxAmount) : undefined,
    filter.announcedFrom ? gte(fundingRounds.announcedOn, filter.announcedFrom) : undefined,
    filter.announcedTo ? lte(fundingRounds.announcedOn, filter.announcedTo) : undefined,
    filter.synthetic != null ? eq(fundingRounds.synthetic, filter.synthetic) : undefined,
  );
}

export function listFundingRounds(db: StartupsDb, args: ConnectionArgs, filter?: FundingRoundFilter | null) {
  const where = roundCondition(filter);
  return tableConnection(db, {
    table: fundingRounds,
    rows: db.select().from(fundingRounds).$dynamic(),
    args,
    filter: where,
    descending: true,
    sortKeys: [
      { column: fundingRounds.announcedOn, value: (row) => row.announcedOn },
      { column: fundingRounds.id, value: (row) => row.id },
    ],
  }).then((connection) => ({
    ...connection,
    /** Sums of the disclosed amounts of every matching round, per currency (one statement, when asked for). */
    totalAmounts: () =>
      db
        .select({ currency: sql<string>`${fundingRounds.currency}`, amount: sql<number>`coalesce(sum(${fundingRounds.amount}), 0)`.mapWith(Number) })
        .from(fundingRounds)
        .where(and(where, sql`${fundingRounds.currency} is not null`))
        .groupBy(fundingRounds.currency)
        .orderBy(fundingRounds.currency),
  }));
}

type FundingRoundValues = typeof fundingRounds.$inferInsert;

export function insertFundingRound(tx: StartupsDb, values: FundingRoundValues): Promise<FundingRoundModel> {
  return insertRow(tx, fundingRounds, values);
}

/** Writes `changes` to round `id` and returns the row as written. */
export function saveFundingRound(tx: StartupsDb, id: string, changes: Partial<FundingRoundValues>): Promise<FundingRoundModel> {
  return updateRowById(tx, fundingRounds, id, changes);
}
