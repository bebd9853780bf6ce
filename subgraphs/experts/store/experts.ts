import { and, arrayOverlaps, asc, count, eq, getTableColumns, inArray, isNotNull, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { insertRow, updateRowById } from '../../kernel/subgraph/rows';
import { newId } from '../../kernel/platform/ids';
import { keysetConnection, tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import type { AffiliationModel, EngagementModel, ExpertContactModel, ExpertMatch, ExpertModel } from '../models';
import { requireCountryCodes, requireLanguageTags } from '../validation';
import { allAreaIds, expandAreaCodes, type ExpandedArea } from './areas';

const { experts, expertAreas, expertContacts, affiliations, memberships, engagements } = schema;
type ExpertsDb = Db<typeof schema>;

export interface ExpertFilter {
  search?: string | null;
  areas?: string[] | null;
  keywords?: string[] | null;
  languages?: string[] | null;
  countries?: string[] | null;
  residence?: ExpertModel['residence'] | null;
  availability?: ExpertModel['availability'][] | null;
  willingTo?: Array<'MENTOR' | 'REVIEW' | 'ADVISE'> | null;
  networkId?: string | null;
  synthetic?: boolean | null;
}

/** A filter checked and turned into SQL, with what the finder needs to score it. */
interface CompiledFilter {
  where: SQL | undefined;
  /** The same filter with another test of "has one of the requested areas" (the finder joins the areas instead). */
  whereWithAreaTest: (hasRequestedArea: SQL) => SQL | undefined;
  areas: ExpandedArea[];
  keywordPatterns: string[];
}

const WILLING_COLUMN = { MENTOR: experts.willingToMentor, REVIEW: experts.willingToReview, ADVISE: experts.willingToAdvise } as const;

/** `ea.area_id in (...)` for the expert of the current row. */
function hasAreaIn(areaIds: readonly string[]): SQL {
  return sql`exists (select 1 from ${expertAreas} where ${expertAreas.expertId} = ${experts.id} and ${expertAreas.areaId} in (${idList(areaIds)}))`;
}

/** Validates a filter (area codes, languages, countries) and compiles it; one SQL statement when areas are given. */
async function compileFilter(db: ExpertsDb, filter: ExpertFilter | null | undefined, field: string): Promise<CompiledFilter> {
  if (!filter) return { where: undefined, whereWithAreaTest: () => undefined, areas: [], keywordPatterns: [] };
  const areas = filter.areas?.length ? await expandAreaCodes(db, filter.areas, `${field}.areas`) : [];
  const keywordPatterns = (filter.keywords ?? [])
    .map((keyword) => keyword.trim())
    .filter(Boolean)
    .map(likePattern);
  const languages = filter.languages?.length ? requireLanguageTags(filter.languages, `${field}.languages`) : [];
  const countries = filter.countries?.length ? requireCountryCodes(filter.countries, `${field}.countries`) : [];
  const whereWithAreaTest = (hasRequestedArea: SQL): SQL | undefined => {
    const topical = [areas.length ? hasRequestedArea : undefined, ...keywordPatterns.map((pattern) => like(experts.keywordsText, pattern))].filter(
      (condition): condition is SQL => condition !== undefined,
    );
    return and(
      filter.search ? like(experts.searchText, likePattern(filter.search)) : undefined,
      topical.length ? or(...topical) : undefined,
      languages.length ? arrayOverlaps(experts.languages, languages) : undefined,
      countries.length ? inArray(experts.countryOfResidence, countries) : undefined,
      filter.residence ? eq(experts.residence, filter.residence) : undefined,
      filter.availability?.length ? inArray(experts.availability, filter.availability) : undefined,
      ...(filter.willingTo ?? []).map((kind) => eq(WILLING_COLUMN[kind], true)),
      filter.networkId
        ? sql`exists (select 1 from ${memberships} where ${memberships.expertId} = ${experts.id} and ${memberships.networkId} = ${filter.networkId})`
        : undefined,
      filter.synthetic != null ? eq(experts.synthetic, filter.synthetic) : undefined,
    );
  };
  const where = whereWithAreaTest(hasAreaIn(allAreaIds(areas)));
  return { where, whereWithAreaTest, areas, keywordPatterns };
}

export function expertsByIds(db: ExpertsDb, ids: readonly string[]): Promise<ExpertModel[]> {
  return db
    .select()
    .from(experts)
    .where(inArray(experts.id, [...ids]));
}

export async function expertByOrcid(db: ExpertsDb, orcid: string): Promise<ExpertModel | null> {
  const [row] = await db.select().from(experts).where(eq(experts.orcid, orcid)).limit(1);
  return row ?? null;
}

/** Experts ordered by full name (then id), filtered. */
export async function listExperts(db: ExpertsDb, args: ConnectionArgs, filter?: ExpertFilter | null) {
  const { where } = await compileFilter(db, filter, 'filter');
  return tableConnection(db, {
    table: experts,
    rows: db.select().from(experts).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: experts.fullName, value: (row) => row.fullName },
      { column: experts.id, value: (row) => row.id },
    ],
  });
}

/** Points of the relevance score, as `Query.findExperts` documents them. */
export const SCORE = { exactArea: 3, descendantArea: 2, keyword: 1, available: 2, limited: 1 } as const;

/** A score constant written into the SQL (not a parameter): it types as integer on every driver. */
const points = (value: number): SQL => sql.raw(String(Math.trunc(value)));

/** `a, b, c` for an SQL `in` list. */
function idList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
}

/**
 * The requested areas each expert has, from one pass over the (area, expert, position) index:
 * per expert, the area points (for each requested area, the exact area or else one below it)
 * and its matched areas in its own order (main area first).
 */
function areaHits(db: ExpertsDb, areas: readonly ExpandedArea[]) {
  const pointsOfArea = areas.map((area) => {
    const below = area.descendantIds.length ? sql` when ${expertAreas.areaId} in (${idList(area.descendantIds)}) then ${points(SCORE.descendantArea)}` : sql``;
    return sql`max(case when ${expertAreas.areaId} = ${area.id} then ${points(SCORE.exactArea)}${below} else 0 end)`;
  });
  return db
    .select({
      expertId: expertAreas.expertId,
      areaPoints: sql<number>`(${sql.join(pointsOfArea, sql` + `)})`.as('area_points'),
      matchedAreaIds: sql<string[]>`array_agg(${expertAreas.areaId} order by ${expertAreas.position})`.as('matched_area_ids'),
    })
    .from(expertAreas)
    .where(inArray(expertAreas.areaId, allAreaIds(areas)))
    .groupBy(expertAreas.expertId)
    .as('hits');
}

/** The points of the current expert row that do not come from its areas: keywords and availability. */
function ownPoints(compiled: CompiledFilter): SQL {
  const parts = compiled.keywordPatterns.map((pattern) => sql`(case when ${experts.keywordsText} like ${pattern} then ${points(SCORE.keyword)} else 0 end)`);
  parts.push(sql`(case ${experts.availability} when 'AVAILABLE' then ${points(SCORE.available)} when 'LIMITED' then ${points(SCORE.limited)} else 0 end)`);
  return sql.join(parts, sql` + `);
}

/**
 * The expert finder: experts matching `filter`, by relevance score descending then id.
 * The requested areas are read once, grouped by expert (`areaHits`), and joined to the
 * experts: no subquery per candidate. The score is computed in SQL inside a ranked subquery
 * of ids, so the keyset seeks on it and only the page's rows are read whole; the cursor holds
 * the negated score and the id (ascending on both is the documented order).
 */
export async function findExperts(db: ExpertsDb, args: ConnectionArgs, filter: ExpertFilter) {
  const compiled = await compileFilter(db, filter, 'filter');
  const hits = compiled.areas.length ? areaHits(db, compiled.areas) : null;
  const where = hits ? compiled.whereWithAreaTest(isNotNull(hits.expertId)) : compiled.where;
  const score = sql<number>`(${hits ? sql`coalesce(${hits.areaPoints}, 0) + ` : sql``}${ownPoints(compiled)})::int`.as('score');
  const matchedAreaIds = sql<string[]>`${hits ? sql`coalesce(${hits.matchedAreaIds}, array[]::text[])` : sql`array[]::text[]`}`.as('matched_area_ids');
  const candidates = db.select({ id: experts.id, score, matchedAreaIds }).from(experts).$dynamic();
  const ranked = (hits ? candidates.leftJoin(hits, eq(hits.expertId, experts.id)) : candidates).where(where).as('ranked');
  return keysetConnection<ExpertMatch>({
    args,
    sortKeys: [
      { column: sql`(-${ranked.score})`, value: (row) => -row.score },
      { column: ranked.id, value: (row) => row.id },
    ],
    fetch: async (condition, orderBy, limit) => {
      const page = await db
        .select()
        .from(ranked)
        .where(condition)
        .orderBy(...orderBy)
        .limit(limit);
      if (!page.length) return [];
      const rows = new Map(
        (
          await expertsByIds(
            db,
            page.map((row) => row.id),
          )
        ).map((row) => [row.id, row]),
      );
      // A page row deleted between the two statements is left out (as if read a moment later).
      return page.flatMap((row) => {
        const expert = rows.get(row.id);
        return expert ? [{ ...expert, score: Number(row.score), matchedAreaIds: row.matchedAreaIds ?? [] }] : [];
      });
    },
    count: async () => {
      const matching = db.select({ id: experts.id }).from(experts).$dynamic();
      const [row] = await db
        .select({ n: count() })
        .from((hits ? matching.leftJoin(hits, eq(hits.expertId, experts.id)) : matching).where(where).as('matching'));
      return row?.n ?? 0;
    },
  });
}

/** Experts engaged in `role` on each target (declined engagements left out), by full name then id. */
export function expertsEngagedOn(
  db: ExpertsDb,
  role: EngagementModel['role'],
  targetType: EngagementModel['targetType'],
  targetIds: readonly string[],
): Promise<Array<{ targetId: string; expert: ExpertModel }>> {
  return db
    .select({ targetId: engagements.targetId, expert: experts })
    .from(engagements)
    .innerJoin(experts, eq(experts.id, engagements.expertId))
    .where(
      and(
        inArray(engagements.targetId, [...targetIds]),
        eq(engagements.role, role),
        eq(engagements.targetType, targetType),
        ne(engagements.status, 'DECLINED'),
      ),
    )
    .orderBy(asc(experts.fullName), asc(experts.id));
}

/**
 * Up to `perOrganization` experts affiliated with each organisation, by full name then id,
 * in one statement for every organisation (a window function numbers each one's experts).
 */
export async function expertsAffiliatedWith(
  db: ExpertsDb,
  organizationIds: readonly string[],
  perOrganization: number,
  currentOnly: boolean,
  scope: boolean | null,
): Promise<Array<ExpertModel & { organizationId: string }>> {
  // Distinct: an expert with two affiliations to one organisation is listed once.
  const affiliated = db
    .selectDistinctOn([affiliations.organizationId, experts.id], {
      ...getTableColumns(experts),
      organizationId: sql<string>`${affiliations.organizationId}`.as('organization_id'),
    })
    .from(affiliations)
    .innerJoin(experts, eq(experts.id, affiliations.expertId))
    .where(
      and(
        inArray(affiliations.organizationId, [...organizationIds]),
        currentOnly ? isNull(affiliations.endedOn) : undefined,
        scope === null ? undefined : eq(experts.synthetic, scope),
      ),
    )
    .orderBy(affiliations.organizationId, experts.id)
    .as('affiliated');
  const ranked = db
    .select({
      // Every column of the subquery (the expert and its organisation), plus its rank there.
      ...affiliated._.selectedFields,
      rank: sql<number>`row_number() over (partition by ${affiliated.organizationId} order by ${affiliated.fullName}, ${affiliated.id})`.as('rank'),
    })
    .from(affiliated)
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(sql`${ranked.rank} <= ${perOrganization}`)
    .orderBy(asc(ranked.rank));
  return rows.map(({ rank: _rank, ...expert }) => expert);
}

export function contactsByExpertIds(db: ExpertsDb, expertIds: readonly string[]): Promise<ExpertContactModel[]> {
  return db
    .select()
    .from(expertContacts)
    .where(inArray(expertContacts.expertId, [...expertIds]));
}

/** Each expert's affiliations, current ones first, then by the order the expert gives. */
export function affiliationsOfExperts(db: ExpertsDb, expertIds: readonly string[]): Promise<AffiliationModel[]> {
  return db
    .select()
    .from(affiliations)
    .where(inArray(affiliations.expertId, [...expertIds]))
    .orderBy(sql`${affiliations.endedOn} is not null`, asc(affiliations.position), asc(affiliations.id));
}

type ExpertValues = typeof experts.$inferInsert;
type AffiliationValues = Omit<typeof affiliations.$inferInsert, 'id' | 'expertId' | 'position'>;
type ContactValues = Pick<ExpertContactModel, 'email' | 'phone'>;

/** The expert, locked for the rest of the transaction (writes that check a rule across its memberships or engagements). */
export async function expertForUpdate(tx: ExpertsDb, id: string): Promise<{ id: string; synthetic: boolean } | null> {
  const [row] = await tx.select({ id: experts.id, synthetic: experts.synthetic }).from(experts).where(eq(experts.id, id)).for('update').limit(1);
  return row ?? null;
}

export function insertExpert(tx: ExpertsDb, values: ExpertValues): Promise<ExpertModel> {
  return insertRow(tx, experts, values);
}

/** Writes `changes` to expert `id` and returns the row as written. */
export function saveExpert(tx: ExpertsDb, id: string, changes: Partial<ExpertValues>): Promise<ExpertModel> {
  return updateRowById(tx, experts, id, changes);
}

/** One expert's affiliations in the order the expert gives them (what a write replaces). */
export function affiliationsOfExpert(db: ExpertsDb, expertId: string): Promise<AffiliationModel[]> {
  return db.select().from(affiliations).where(eq(affiliations.expertId, expertId)).orderBy(asc(affiliations.position), asc(affiliations.id));
}

/** Replaces the expert's areas with `areaIds`, in that order. */
export async function replaceExpertAreas(tx: ExpertsDb, expertId: string, areaIds: readonly string[]): Promise<void> {
  await tx.delete(expertAreas).where(eq(expertAreas.expertId, expertId));
  if (areaIds.length) await tx.insert(expertAreas).values(areaIds.map((areaId, position) => ({ expertId, areaId, position })));
}

/** Replaces the expert's affiliations with `rows`, in that order. */
export async function replaceAffiliations(tx: ExpertsDb, expertId: string, rows: readonly AffiliationValues[]): Promise<void> {
  await tx.delete(affiliations).where(eq(affiliations.expertId, expertId));
  if (rows.length) await tx.insert(affiliations).values(rows.map((row, position) => ({ ...row, id: newId(), expertId, position })));
}

/** Stores contact details in their restricted table; no details at all means no row. */
export async function saveContact(tx: ExpertsDb, expertId: string, contact: ContactValues, now: Date): Promise<void> {
  if (contact.email === null && contact.phone === null) {
    await tx.delete(expertContacts).where(eq(expertContacts.expertId, expertId));
    return;
  }
  await tx
    .insert(expertContacts)
    .values({ expertId, ...contact, updatedAt: now })
    .onConflictDoUpdate({ target: expertContacts.expertId, set: { ...contact, version: sql`${expertContacts.version} + 1`, updatedAt: now } });
}
