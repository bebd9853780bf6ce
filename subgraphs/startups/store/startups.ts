import { and, arrayOverlaps, eq, gte, inArray, like, lte, ne, not, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { insertRow, updateRowById } from '../../kernel/subgraph/rows';
import { keysetConnection, tableConnection, type Connection, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import type { StartupCertificationModel, StartupModel } from '../models';
import { innovativeFoundedFrom } from '../rules/innovative-startup';

const { startups, certifications, participations, cohorts } = schema;
type StartupsDb = Db<typeof schema>;

export interface StartupFilter {
  search?: string | null;
  sectors?: Array<(typeof schema.SECTORS)[number]> | null;
  stages?: Array<(typeof schema.STARTUP_STAGES)[number]> | null;
  statuses?: Array<(typeof schema.STARTUP_STATUSES)[number]> | null;
  districts?: string[] | null;
  hubId?: string | null;
  foundedFrom?: string | null;
  foundedTo?: string | null;
  certification?: (typeof schema.CERTIFICATION_KINDS)[number] | null;
  innovative?: boolean | null;
  synthetic?: boolean | null;
}

export function startupsByIds(db: StartupsDb, ids: readonly string[]): Promise<StartupModel[]> {
  return db
    .select()
    .from(startups)
    .where(inArray(startups.id, [...ids]));
}

export function startupsByProjectIds(db: StartupsDb, projectIds: readonly string[]): Promise<StartupModel[]> {
  return db
    .select()
    .from(startups)
    .where(inArray(startups.projectId, [...projectIds]));
}

export function certificationsByStartupIds(db: StartupsDb, startupIds: readonly string[]): Promise<StartupCertificationModel[]> {
  return db
    .select()
    .from(certifications)
    .where(inArray(certifications.startupId, [...startupIds]))
    .orderBy(certifications.issuedOn, certifications.id);
}

/**
 * A startup took part in a hub when it, or the project it grew from, is a participant of
 * one of the hub's cohorts. Metrics by hub use the same rule.
 *
 * Two `in` lists, not one `exists` whose join condition ORs the two columns: PostgreSQL runs
 * each list once into a hash and probes it per startup, where the OR forced a scan of the
 * hub's participations for every startup (seconds at 100,000 startups). The participant
 * columns are never null in their lists, so a startup matches exactly when the `exists` did.
 * The leading uncorrelated `exists` is checked once, before any startup is read: a hub
 * without participants answers at once instead of probing every startup (the planner
 * cannot tell the lists are empty). It holds whenever a startup matches, so it changes no row.
 */
export function participatedInHub(hubId: string): SQL {
  const ofHub = sql`from ${participations} join ${cohorts} on ${cohorts.id} = ${participations.cohortId} where ${cohorts.hubId} = ${hubId}`;
  const participantsOfHub = (participant: typeof participations.startupId | typeof participations.projectId) =>
    sql`select ${participant} ${ofHub} and ${participant} is not null`;
  return sql`(exists (select 1 ${ofHub}) and (${startups.id} in (${participantsOfHub(participations.startupId)}) or ${startups.projectId} in (${participantsOfHub(participations.projectId)})))`;
}

/** The 5-year rule as a condition on the founding date, for the Hanoi date `today`. */
export function innovativeCondition(today: string): SQL {
  return and(gte(startups.foundedOn, innovativeFoundedFrom(today)), lte(startups.foundedOn, today))!;
}

export function startupCondition(filter: StartupFilter | null | undefined, today: string): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.search ? like(startups.searchText, likePattern(filter.search)) : undefined,
    filter.sectors?.length ? arrayOverlaps(startups.sectors, filter.sectors) : undefined,
    filter.stages?.length ? inArray(startups.stage, filter.stages) : undefined,
    filter.statuses?.length ? inArray(startups.status, filter.statuses) : undefined,
    filter.districts?.length ? inArray(startups.district, filter.districts) : undefined,
    filter.hubId ? participatedInHub(filter.hubId) : undefined,
    filter.foundedFrom ? gte(startups.foundedOn, filter.foundedFrom) : undefined,
    filter.foundedTo ? lte(startups.foundedOn, filter.foundedTo) : undefined,
    filter.certification
      ? sql`exists (select 1 from ${certifications} where ${certifications.startupId} = ${startups.id} and ${certifications.kind} = ${filter.certification})`
      : undefined,
    filter.innovative === true ? innovativeCondition(today) : undefined,
    filter.innovative === false ? not(innovativeCondition(today)) : undefined,
    filter.synthetic != null ? eq(startups.synthetic, filter.synthetic) : undefined,
  );
}

export function listStartups(db: StartupsDb, args: ConnectionArgs, filter: StartupFilter | null | undefined, today: string): Promise<Connection<StartupModel>> {
  const where = startupCondition(filter, today);
  if (filter?.search) return searchedStartups(db, args, where);
  if (!where) {
    return tableConnection(db, {
      table: startups,
      rows: db.select().from(startups).$dynamic(),
      args,
      sortKeys: [
        { column: startups.name, value: (row) => row.name },
        { column: startups.id, value: (row) => row.id },
      ],
    });
  }
  return filteredStartups(db, args, where);
}

/**
 * A filtered list without a search term: the page's ids first, then their rows. Every column a
 * plain filter reads is in the directory index (name and id first, in list order), so the
 * ids come from an index-only walk in page order that skips non-matching startups without
 * reading the table: a rare filter (a hub, a district and a founding year) costs index pages,
 * not a table row per startup passed over. Only the page's rows are then read. Same rows,
 * order and cursors as the plain list.
 */
function filteredStartups(db: StartupsDb, args: ConnectionArgs, where: SQL): Promise<Connection<StartupModel>> {
  return keysetConnection<StartupModel>({
    args,
    sortKeys: [
      { column: startups.name, value: (row) => row.name },
      { column: startups.id, value: (row) => row.id },
    ],
    fetch: async (matching, orderBy, limit) => {
      const page = db
        .select({ id: startups.id })
        .from(startups)
        .where(matching)
        .orderBy(...orderBy)
        .limit(limit);
      return db
        .select()
        .from(startups)
        .where(inArray(startups.id, page))
        .orderBy(...orderBy);
    },
    count: async () => await db.$count(startups, where),
    filter: where,
  });
}

/**
 * A searched list: the matches first (through the trigram index), then the page. A search
 * term is usually a name ("Zentho" finds the Zentho companies, which sort last), a
 * correlation the planner cannot see: left alone it walks the name index expecting a match
 * every few rows and reads most of the table before a page is full. A subquery that sorts
 * its own rows is planned on its own, for all of them (PostgreSQL does not merge a sorted
 * subquery into the outer query), so the matches come from the trigram index and a page
 * costs about what counting them costs. Same rows, order and cursors as the unsearched list.
 */
function searchedStartups(db: StartupsDb, args: ConnectionArgs, where: SQL | undefined): Promise<Connection<StartupModel>> {
  const matches = db.select().from(startups).where(where).orderBy(startups.name, startups.id).as('matches');
  return keysetConnection<StartupModel>({
    args,
    sortKeys: [
      { column: matches.name, value: (row) => row.name },
      { column: matches.id, value: (row) => row.id },
    ],
    fetch: (seek, orderBy, limit) =>
      db
        .select()
        .from(matches)
        .where(seek)
        .orderBy(...orderBy)
        .limit(limit),
    count: async () => await db.$count(startups, where),
  });
}

/** The written columns of a startup (what an insert or an update may set). */
type StartupValues = typeof startups.$inferInsert;

export function insertStartup(tx: StartupsDb, values: StartupValues): Promise<StartupModel> {
  return insertRow(tx, startups, values);
}

/** Writes `changes` to startup `id` and returns the row as written. */
export function saveStartup(tx: StartupsDb, id: string, changes: Partial<StartupValues>): Promise<StartupModel> {
  return updateRowById(tx, startups, id, changes);
}

/** The id of another startup registered under `code` (not `exceptId`), if any. */
export async function startupIdWithCode(tx: StartupsDb, code: string, exceptId: string | null): Promise<string | null> {
  const [other] = await tx
    .select({ id: startups.id })
    .from(startups)
    .where(and(eq(startups.registrationCode, code), exceptId ? ne(startups.id, exceptId) : undefined))
    .limit(1);
  return other?.id ?? null;
}

/** The startup, locked for the rest of the transaction (a write that changes it as a side effect). */
export async function startupForUpdate(tx: StartupsDb, id: string): Promise<StartupModel | null> {
  const [row] = await tx.select().from(startups).where(eq(startups.id, id)).for('update').limit(1);
  return row ?? null;
}
