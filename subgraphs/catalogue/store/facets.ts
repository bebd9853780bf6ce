import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import type { DatasetFacetsModel } from '../models';
import { RATING_FLOORS, type QualityRating } from '../rules/quality';
import { ACCESS_LEVELS, FILE_FORMATS, licenceById, themeByCode, type AccessLevel, type FileFormat } from '../vocabularies';
import { overdueCondition } from './overdue';

const { datasets } = schema;

type FacetName = keyof DatasetFacetsModel;
interface FacetRow {
  facet: FacetName;
  value: string | null;
  n: number;
}

/**
 * Every facet of a dataset list in one SQL statement: one `group by` per facet over the
 * list's own condition (CKAN counts facets within the current result), joined with
 * `union all`. Multi-valued fields (themes, formats) are unnested, so a dataset counts once
 * under each of its values.
 */
export async function datasetFacets(db: Db<typeof schema>, where: SQL | undefined, today: string): Promise<DatasetFacetsModel> {
  const condition = where ?? sql`true`;
  const ratingCase = sql.join(
    [
      sql`case`,
      ...RATING_FLOORS.map(([rating, floor]) => sql`when ${datasets.qualityScore} >= ${sql.raw(String(floor))} then ${sql.raw(`'${rating}'`)}`),
      sql`end`,
    ],
    sql` `,
  );
  const facet = (name: FacetName, value: SQL, from: SQL = sql`${datasets}`) =>
    sql`(select ${sql.raw(`'${name}'`)} as facet, (${value})::text as value, count(*)::int as n from ${from} where ${condition} group by 2)`;
  const statement = sql.join(
    [
      facet('themes', sql`facet_theme.value`, sql`${datasets} cross join lateral unnest(${datasets.themes}) as facet_theme(value)`),
      facet('publishers', sql`${datasets.publisherId}`),
      facet('formats', sql`facet_format.value`, sql`${datasets} cross join lateral unnest(${datasets.formats}) as facet_format(value)`),
      facet('accessLevels', sql`${datasets.accessLevel}`),
      facet('licences', sql`${datasets.licenceId}`),
      facet('overdue', sql`${overdueCondition(today)}`),
      facet('qualityRatings', ratingCase),
    ],
    sql` union all `,
  );
  const rows = rowsOf<FacetRow>(await db.execute(statement)).filter((row) => row.value !== null);
  const of = (name: FacetName) =>
    rows
      .filter((row) => row.facet === name)
      .map((row) => ({ value: row.value!, count: Number(row.n) }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

  return {
    themes: of('themes').flatMap(({ value, count }) => {
      const theme = themeByCode(value);
      return theme ? [{ theme, count }] : [];
    }),
    publishers: of('publishers').map(({ value, count }) => ({ publisher: { id: value }, count })),
    formats: of('formats')
      .filter(({ value }) => (FILE_FORMATS as readonly string[]).includes(value))
      .map(({ value, count }) => ({ format: value as FileFormat, count })),
    accessLevels: of('accessLevels')
      .filter(({ value }) => (ACCESS_LEVELS as readonly string[]).includes(value))
      .map(({ value, count }) => ({ accessLevel: value as AccessLevel, count })),
    licences: of('licences').flatMap(({ value, count }) => {
      const licence = licenceById(value);
      return licence ? [{ licence, count }] : [];
    }),
    overdue: of('overdue').map(({ value, count }) => ({ overdue: value === 'true', count })),
    qualityRatings: of('qualityRatings').map(({ value, count }) => ({ rating: value as QualityRating, count })),
  };
}
