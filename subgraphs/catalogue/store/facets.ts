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
 * Every facet of a dataset list in one SQL statement: the list's own condition (CKAN counts
 * facets within the current result) is evaluated once into a materialized CTE of the faceted
 * columns, and one `group by` per facet runs over it, joined with `union all` (seven
 * evaluations of the condition, each a scan or a trigram search of the table, cost seven
 * times as much). Multi-valued fields (themes, formats) are unnested, so a dataset counts
 * once under each of its values.
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
  // The faceted values of each listed dataset, as columns of `matched` named after their facet.
  const faceted: Array<[FacetName, SQL]> = [
    ['themes', sql`${datasets.themes}`],
    ['publishers', sql`${datasets.publisherId}`],
    ['formats', sql`${datasets.formats}`],
    ['accessLevels', sql`${datasets.accessLevel}`],
    ['licences', sql`${datasets.licenceId}`],
    ['overdue', overdueCondition(today)],
    ['qualityRatings', ratingCase],
  ];
  const multiValued = new Set<FacetName>(['themes', 'formats']);
  const columns = sql.join(
    faceted.map(([name, value]) => sql`${value} as ${sql.identifier(name)}`),
    sql`, `,
  );
  const facet = (name: FacetName) =>
    multiValued.has(name)
      ? sql`(select ${sql.raw(`'${name}'`)} as facet, facet_value::text as value, count(*)::int as n from matched cross join lateral unnest(matched.${sql.identifier(name)}) as facet_value group by 2)`
      : sql`(select ${sql.raw(`'${name}'`)} as facet, matched.${sql.identifier(name)}::text as value, count(*)::int as n from matched group by 2)`;
  const statement = sql`with matched as materialized (select ${columns} from ${datasets} where ${condition}) ${sql.join(
    faceted.map(([name]) => facet(name)),
    sql` union all `,
  )}`;
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
