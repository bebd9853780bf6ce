import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import type { Db } from '../../kernel/platform/db';
import { datasetId, indicatorId, organizationId } from '../../kernel/reference/seed-refs';
import * as schema from '../db/schema';
import { metadataQuality, qualityRating } from '../rules/quality';
import { isPastDue } from '../rules/decree47';
import { foldForSearch } from '../../kernel/platform/text';
import { datasetRow } from '../store/dataset-row';
import { syntheticDataset } from '../seed/synthetic';
import { hanoiDate } from '../../kernel/platform/time';

let graph: TestGraph;
let db: Db<typeof schema>;

beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes', 'catalogue'] });
  db = graph.dbOf('catalogue');
});
afterAll(() => graph?.stop());

/** Datasets per access level, read straight from the catalogue's database (the ground truth). */
async function countByAccessLevel(where = sql`true`): Promise<Record<string, number>> {
  const rows = await db
    .select({ level: schema.datasets.accessLevel, n: sql<number>`count(*)::int` })
    .from(schema.datasets)
    .where(where)
    .groupBy(schema.datasets.accessLevel);
  return Object.fromEntries(rows.map((row) => [row.level, Number(row.n)]));
}

async function nonPublicDatasetIds(): Promise<string[]> {
  const rows = await db.select({ id: schema.datasets.id }).from(schema.datasets).where(ne(schema.datasets.accessLevel, 'PUBLIC'));
  return rows.map((row) => row.id);
}

describe('lineage across subgraphs', () => {
  it('an indicator names its source datasets and their publishers in one request', async () => {
    const data = await graph.queryOk<{
      indicator: {
        code: string;
        sourceDatasets: Array<{ identifier: string; publisher: { name: { vi: string } } | null; provenance: { seed: string; note: string } }>;
      };
    }>(`{ indicator(code: "CTR07-TFP") { code sourceDatasets { identifier publisher { name { vi } } provenance { seed note } } } }`);
    expect(data.indicator.sourceDatasets.map((d) => d.identifier)).toEqual(['so-khdt-chi-tieu-ctr07']);
    // publisher.name comes from programmes, the rest from the catalogue
    expect(data.indicator.sourceDatasets[0]!.publisher?.name.vi).toMatch(/^Sở Kế hoạch và Đầu tư/);
    expect(data.indicator.sourceDatasets[0]!.provenance).toMatchObject({ seed: '002' });
    expect(data.indicator.sourceDatasets[0]!.provenance.note).toContain('Implied by seed 002');
  });

  it('a dataset lists the indicators it feeds, resolved by programmes', async () => {
    const data = await graph.queryOk<{ dataset: { feedsIndicators: Array<{ id: string; code: string }> } }>(
      `{ dataset(identifier: "so-khdt-chi-tieu-ctr07") { feedsIndicators { id code } } }`,
    );
    expect(data.dataset.feedsIndicators.map((i) => i.code).sort()).toEqual(['CTR07-LABOUR-PRODUCTIVITY', 'CTR07-TFP']);
  });

  // The seeds give no observed values for the real indicators (CTR07-TFP has no observation),
  // so the chain is walked on the demo indicators, whose observations cite demo datasets.
  it("an indicator's latest observation leads to its dataset and that dataset's publisher in one request", async () => {
    const data = await graph.queryOk<{
      indicators: {
        nodes: Array<{
          code: string;
          observations: {
            nodes: Array<{
              sourceDataset: { id: string; identifier: string; accessLevel: string; publisher: { id: string; name: { vi: string } } | null } | null;
            }>;
          };
        }>;
      };
    }>(`{ indicators(first: 100, filter: { synthetic: true }) { nodes { code observations(last: 1) { nodes {
          sourceDataset { id identifier accessLevel publisher { id name { vi } } } } } } } }`);
    const latestSources = data.indicators.nodes.flatMap((indicator) => {
      const source = indicator.observations.nodes.at(-1)?.sourceDataset;
      return source ? [source] : [];
    });
    expect(latestSources.length).toBeGreaterThan(0);
    const rows = await db
      .select()
      .from(schema.datasets)
      .where(
        inArray(
          schema.datasets.id,
          latestSources.map((source) => source.id),
        ),
      );
    for (const source of latestSources) {
      const row = rows.find((r) => r.id === source.id)!;
      expect(source).toMatchObject({ identifier: row.identifier, accessLevel: 'PUBLIC' });
      expect(source.publisher?.id ?? null).toBe(row.publisherId);
    }
    // The publisher's name is resolved by programmes in the same request.
    expect(latestSources.some((source) => (source.publisher?.name.vi ?? '').startsWith('Sở'))).toBe(true);
  });

  it('an organisation lists the datasets it publishes', async () => {
    const data = await graph.queryOk<{ organization: { publishedDatasets: { totalCount: number; nodes: Array<{ identifier: string }> } } }>(
      `query ($id: ID!) { organization(id: $id) { publishedDatasets(first: 100, synthetic: null) { totalCount nodes { identifier } } } }`,
      { id: organizationId('so-nnptnt-ha-noi') },
    );
    const expected = await countByAccessLevel(
      and(eq(schema.datasets.publisherId, organizationId('so-nnptnt-ha-noi')), eq(schema.datasets.accessLevel, 'PUBLIC'))!,
    );
    expect(data.organization.publishedDatasets.totalCount).toBe(expected.PUBLIC);
    expect(data.organization.publishedDatasets.nodes.map((d) => d.identifier)).toContain('so-nnptnt-chi-tieu-ctr07');
  });
});

describe('faceted search', () => {
  const FACETS = `facets {
    themes { theme { code } count }
    publishers { publisher { id } count }
    formats { format count }
    accessLevels { accessLevel count }
    licences { licence { id } count }
    overdue { overdue count }
    qualityRatings { rating count }
  }`;
  interface Facets {
    themes: Array<{ theme: { code: string }; count: number }>;
    publishers: Array<{ publisher: { id: string }; count: number }>;
    formats: Array<{ format: string; count: number }>;
    accessLevels: Array<{ accessLevel: string; count: number }>;
    licences: Array<{ licence: { id: string }; count: number }>;
    overdue: Array<{ overdue: boolean; count: number }>;
    qualityRatings: Array<{ rating: string; count: number }>;
  }

  /** Every facet value as the filter that selects it, with the count the facet claims. */
  function facetFilters(facets: Facets): Array<{ filter: Record<string, unknown>; count: number }> {
    return [
      ...facets.themes.map((v) => ({ filter: { themes: [v.theme.code] }, count: v.count })),
      ...facets.publishers.map((v) => ({ filter: { publisherIds: [v.publisher.id] }, count: v.count })),
      ...facets.formats.map((v) => ({ filter: { formats: [v.format] }, count: v.count })),
      ...facets.accessLevels.map((v) => ({ filter: { accessLevels: [v.accessLevel] }, count: v.count })),
      ...facets.licences.map((v) => ({ filter: { licenceIds: [v.licence.id] }, count: v.count })),
      ...facets.overdue.map((v) => ({ filter: { overdue: v.overdue }, count: v.count })),
      ...facets.qualityRatings.map((v) => ({ filter: { qualityRatings: [v.rating] }, count: v.count })),
    ];
  }

  it.each([
    ['no filter', {}],
    ['demo datasets with fair metadata', { synthetic: true, minQuality: 30 }],
    ['a text search', { search: 'cong nghe' }],
  ])('each facet count equals the total of the list filtered by its value too (%s)', async (_label, base) => {
    const first = await graph.queryOk<{ datasets: { totalCount: number; facets: Facets } }>(
      `query ($filter: DatasetFilter) { datasets(filter: $filter, first: 0) { totalCount ${FACETS} } }`,
      { filter: base },
    );
    const expectations = facetFilters(first.datasets.facets);
    expect(expectations.length).toBeGreaterThan(5);
    // One request with an alias per facet value.
    const variables = Object.fromEntries(expectations.map((e, i) => [`f${i}`, { ...base, ...e.filter }]));
    const query = `query (${expectations.map((_, i) => `$f${i}: DatasetFilter`).join(', ')}) { ${expectations
      .map((_, i) => `c${i}: datasets(filter: $f${i}, first: 0) { totalCount }`)
      .join(' ')} }`;
    const counts = await graph.queryOk<Record<string, { totalCount: number }>>(query, variables);
    expectations.forEach((e, i) => expect({ filter: e.filter, count: counts[`c${i}`]!.totalCount }).toEqual({ filter: e.filter, count: e.count }));
    // Single-valued facets partition the list.
    const sum = (values: Array<{ count: number }>) => values.reduce((total, v) => total + v.count, 0);
    expect(sum(first.datasets.facets.overdue)).toBe(first.datasets.totalCount);
    expect(sum(first.datasets.facets.qualityRatings)).toBe(first.datasets.totalCount);
    expect(sum(first.datasets.facets.accessLevels)).toBe(first.datasets.totalCount);
  });

  it.each([
    ['no filter', {}],
    ['a search with diacritics', { search: 'Dữ liệu' }],
    ['the same search without them, in capitals', { search: 'DU LIEU' }],
    ['a search and a theme', { search: 'du lieu', themes: ['TECH'] }],
  ])('facets equal a count over the rows an anonymous caller may see, done in JavaScript (%s)', async (_label, filter) => {
    const today = hanoiDate(new Date());
    const term = 'search' in filter ? foldForSearch(filter.search) : '';
    const rows = (await db.select().from(schema.datasets)).filter(
      (row) =>
        row.accessLevel === 'PUBLIC' &&
        row.status === 'PUBLISHED' &&
        row.searchText.includes(term) &&
        (!('themes' in filter) || row.themes.some((theme) => filter.themes.includes(theme))),
    );
    expect(rows.length).toBeGreaterThan(2);
    const tally = (values: Array<string | null>) => {
      const counts: Record<string, number> = {};
      for (const value of values) if (value !== null) counts[value] = (counts[value] ?? 0) + 1;
      return counts;
    };
    const data = await graph.queryOk<{ datasets: { totalCount: number; facets: Facets } }>(
      `query ($filter: DatasetFilter) { datasets(filter: $filter, first: 0) { totalCount ${FACETS} } }`,
      { filter },
    );
    const facets = data.datasets.facets;
    const of = <T>(values: T[], key: (value: T) => string, count: (value: T) => number) =>
      Object.fromEntries(values.map((value) => [key(value), count(value)]));
    expect({
      total: data.datasets.totalCount,
      themes: of(
        facets.themes,
        (v) => v.theme.code,
        (v) => v.count,
      ),
      publishers: of(
        facets.publishers,
        (v) => v.publisher.id,
        (v) => v.count,
      ),
      formats: of(
        facets.formats,
        (v) => v.format,
        (v) => v.count,
      ),
      accessLevels: of(
        facets.accessLevels,
        (v) => v.accessLevel,
        (v) => v.count,
      ),
      licences: of(
        facets.licences,
        (v) => v.licence.id,
        (v) => v.count,
      ),
      overdue: of(
        facets.overdue,
        (v) => String(v.overdue),
        (v) => v.count,
      ),
      qualityRatings: of(
        facets.qualityRatings,
        (v) => v.rating,
        (v) => v.count,
      ),
    }).toEqual({
      total: rows.length,
      themes: tally(rows.flatMap((row) => row.themes)),
      publishers: tally(rows.map((row) => row.publisherId)),
      formats: tally(rows.flatMap((row) => row.formats)),
      accessLevels: tally(rows.map((row) => row.accessLevel)),
      licences: tally(rows.map((row) => row.licenceId)),
      overdue: tally(rows.map((row) => String(Boolean(isPastDue(row.reviewDueOn, today) || isPastDue(row.updateDueOn, today))))),
      qualityRatings: tally(rows.map((row) => qualityRating(row.qualityScore))),
    });
    // Each facet is listed most frequent first.
    const lists: Array<Array<{ count: number }>> = [
      facets.themes,
      facets.publishers,
      facets.formats,
      facets.accessLevels,
      facets.licences,
      facets.overdue,
      facets.qualityRatings,
    ];
    for (const values of lists) {
      const counts = values.map((value) => value.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
  });

  it('search ignores case and Vietnamese diacritics', async () => {
    const data = await graph.queryOk<{ a: { nodes: Array<{ identifier: string }> }; b: { nodes: Array<{ identifier: string }> } }>(
      `{ a: datasets(filter: { search: "CHI TIEU CHUONG TRINH 07", synthetic: false }) { nodes { identifier } }
         b: datasets(filter: { search: "kho du lieu mo" }) { nodes { identifier } } }`,
    );
    expect(data.a.nodes.map((d) => d.identifier).sort()).toEqual([
      'so-khcn-chi-tieu-ctr07',
      'so-khdt-chi-tieu-ctr07',
      'so-nnptnt-chi-tieu-ctr07',
      'so-tttt-chi-tieu-ctr07',
    ]);
    expect(data.b.nodes.map((d) => d.identifier)).toEqual(['kho-du-lieu-mo-ha-noi']);
  });

  it('pages with keyset cursors without skipping or repeating a dataset', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: { datasets: { totalCount: number; nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await graph.queryOk(
          `query ($after: String) { datasets(first: 60, after: $after, orderBy: QUALITY) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
      total = page.datasets.totalCount;
      seen.push(...page.datasets.nodes.map((n) => n.id));
      if (!page.datasets.pageInfo.hasNextPage) break;
      after = page.datasets.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
  });

  it('rejects a minimum quality outside 0..100', async () => {
    const result = await graph.query(`{ datasets(filter: { minQuality: 101 }) { totalCount } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minQuality' });
  });
});

describe('compliance and quality through the graph', () => {
  it('the overdue filter agrees with each dataset’s compliance', async () => {
    const data = await graph.queryOk<{
      late: {
        nodes: Array<{
          compliance: {
            overdue: boolean;
            reviewOverdue: boolean | null;
            updateOverdue: boolean | null;
            asOf: string;
            reviewDueOn: string | null;
            updateDueOn: string | null;
          };
        }>;
      };
      onTime: { nodes: Array<{ compliance: { overdue: boolean } }> };
    }>(`{ late: datasets(first: 100, filter: { overdue: true }) { nodes { compliance { overdue reviewOverdue updateOverdue asOf reviewDueOn updateDueOn } } }
         onTime: datasets(first: 100, filter: { overdue: false }) { nodes { compliance { overdue } } } }`);
    expect(data.late.nodes.length).toBeGreaterThan(0);
    expect(data.onTime.nodes.length).toBeGreaterThan(0);
    for (const { compliance } of data.late.nodes) {
      expect(compliance.overdue).toBe(true);
      const pastDue = [compliance.reviewDueOn, compliance.updateDueOn].some((due) => due !== null && compliance.asOf > due);
      expect(pastDue).toBe(true);
    }
    expect(data.onTime.nodes.every((n) => !n.compliance.overdue)).toBe(true);
  });

  it('applies the Decree 47 boundary: due today is on time, due yesterday is overdue', async () => {
    const today = hanoiDate(new Date());
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const fixture = (identifier: string, reviewDueOn: string) => ({
      ...datasetRow({
        ...syntheticDataset(90_000, today),
        id: `00000000-0000-4000-8000-${identifier === 'boundary-today' ? '000000000001' : '000000000002'}`,
        identifier,
        accessLevel: 'PUBLIC',
        distributions: [],
      }),
      reviewDueOn,
      updateDueOn: null,
    });
    await db.insert(schema.datasets).values([fixture('boundary-today', today), fixture('boundary-yesterday', yesterday)]);
    try {
      const data = await graph.queryOk<{
        onDueDate: { compliance: { reviewDueOn: string; reviewOverdue: boolean; overdue: boolean; asOf: string } };
        dayAfter: { compliance: { reviewDueOn: string; reviewOverdue: boolean; overdue: boolean } };
        late: { nodes: Array<{ identifier: string }> };
      }>(`{ onDueDate: dataset(identifier: "boundary-today") { compliance { reviewDueOn reviewOverdue overdue asOf } }
           dayAfter: dataset(identifier: "boundary-yesterday") { compliance { reviewDueOn reviewOverdue overdue } }
           late: datasets(filter: { search: "boundary-", overdue: true }) { nodes { identifier } } }`);
      expect(data.onDueDate.compliance).toEqual({ reviewDueOn: today, reviewOverdue: false, overdue: false, asOf: today });
      expect(data.dayAfter.compliance).toEqual({ reviewDueOn: yesterday, reviewOverdue: true, overdue: true });
      expect(data.late.nodes.map((n) => n.identifier)).toEqual(['boundary-yesterday']);
    } finally {
      await db.delete(schema.datasets).where(sql`${schema.datasets.identifier} like 'boundary-%'`);
    }
  });

  it('stored quality scores follow the documented rule, recomputed from the fields the API returns', async () => {
    const data = await graph.queryOk<{
      datasets: {
        nodes: Array<{
          description: { vi: string } | null;
          keywords: string[];
          themes: Array<{ code: string }>;
          spatialCoverage: unknown;
          temporalCoverage: unknown;
          licence: { id: string } | null;
          contactPoint: unknown;
          publisher: { id: string } | null;
          issued: string | null;
          modified: string | null;
          updateFrequency: string | null;
          distributions: Array<{
            accessUrl: string | null;
            downloadUrl: string | null;
            format: 'CSV' | null;
            mediaType: string | null;
            byteSize: number | null;
            licence: { id: string } | null;
          }>;
          quality: {
            score: number;
            points: number;
            rating: string;
            findability: number;
            accessibility: number;
            interoperability: number;
            reusability: number;
            contextuality: number;
          };
        }>;
      };
    }>(`{ datasets(first: 100, filter: { minQuality: 20 }) { nodes {
        description { vi } keywords themes { code } spatialCoverage { uri } temporalCoverage { start end } licence { id } contactPoint { name }
        publisher { id } issued modified updateFrequency
        distributions { accessUrl downloadUrl format mediaType byteSize licence { id } }
        quality { score points rating findability accessibility interoperability reusability contextuality } } } }`);
    expect(data.datasets.nodes.length).toBeGreaterThan(50);
    for (const dataset of data.datasets.nodes) {
      const expected = metadataQuality({
        description: dataset.description?.vi ?? null,
        keywords: dataset.keywords,
        themes: dataset.themes.map((t) => t.code),
        hasSpatialCoverage: dataset.spatialCoverage !== null,
        hasTemporalCoverage: dataset.temporalCoverage !== null,
        licenceId: dataset.licence?.id ?? null,
        hasContactPoint: dataset.contactPoint !== null,
        publisherId: dataset.publisher?.id ?? null,
        issued: dataset.issued,
        modified: dataset.modified,
        updateFrequency: dataset.updateFrequency,
        distributions: dataset.distributions.map((d) => ({ ...d, licenceId: d.licence?.id ?? null })),
      });
      const { rating, ...scores } = dataset.quality;
      expect(scores).toEqual(expected);
      expect(scores.score).toBeGreaterThanOrEqual(20);
      expect(rating).toBe(expected.score >= 87 ? 'EXCELLENT' : expected.score >= 55 ? 'GOOD' : expected.score >= 30 ? 'SUFFICIENT' : 'BAD');
    }
  });
});

describe('restricted and internal datasets stay hidden from anonymous callers', () => {
  it('lists, counts and facets hold public datasets only', async () => {
    const truth = await countByAccessLevel();
    expect(truth.RESTRICTED).toBeGreaterThan(0);
    expect(truth.INTERNAL).toBeGreaterThan(0);
    const data = await graph.queryOk<{
      all: { totalCount: number; facets: { accessLevels: Array<{ accessLevel: string; count: number }> } };
      hidden: { totalCount: number; nodes: unknown[]; facets: { themes: unknown[]; accessLevels: unknown[] } };
    }>(`{ all: datasets(first: 0) { totalCount facets { accessLevels { accessLevel count } } }
         hidden: datasets(first: 100, filter: { accessLevels: [RESTRICTED, INTERNAL] }) { totalCount nodes { id } facets { themes { count } accessLevels { count } } } }`);
    expect(data.all.totalCount).toBe(truth.PUBLIC);
    expect(data.all.facets.accessLevels).toEqual([{ accessLevel: 'PUBLIC', count: truth.PUBLIC }]);
    expect(data.hidden).toEqual({ totalCount: 0, nodes: [], facets: { themes: [], accessLevels: [] } });
  });

  it('a hidden dataset is not found by id or identifier', async () => {
    const [hiddenId] = await nonPublicDatasetIds();
    const byId = await graph.query(`query ($id: ID!) { dataset(id: $id) { id } }`, { id: hiddenId });
    expect(byId.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byIdentifier = await graph.query(`{ dataset(identifier: "csdl-khcn-ha-noi") { id } }`);
    expect(byIdentifier.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('entity references to hidden datasets resolve to null (direct _entities call)', async () => {
    const [hiddenId] = await nonPublicDatasetIds();
    const result = await graph.postToSubgraph<{ _entities: Array<{ id: string } | null> }>(
      'catalogue',
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Dataset { id } } }`,
      {
        representations: [
          { __typename: 'Dataset', id: hiddenId },
          { __typename: 'Dataset', id: datasetId('so-khdt-chi-tieu-ctr07') },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([null, { id: datasetId('so-khdt-chi-tieu-ctr07') }]);
  });

  it('lineage, publishers and data services leave hidden datasets out', async () => {
    // A test-only lineage link from a hidden dataset to a real indicator.
    const [hiddenId] = await nonPublicDatasetIds();
    const [hidden] = await db.select().from(schema.datasets).where(eq(schema.datasets.id, hiddenId!));
    await db
      .insert(schema.datasetIndicators)
      .values({ datasetId: hiddenId!, indicatorId: indicatorId('CTR07-TFP'), provenance: { synthetic: true, note: 'test' } });
    try {
      const data = await graph.queryOk<{
        indicator: { sourceDatasets: Array<{ id: string }> };
        organization: { publishedDatasets: { totalCount: number; nodes: Array<{ id: string }> } } | null;
        dataServices: { nodes: Array<{ servesDatasets: Array<{ accessLevel: string }> }> };
      }>(
        `query ($publisher: ID!) {
          indicator(code: "CTR07-TFP") { sourceDatasets { id } }
          organization(id: $publisher) { publishedDatasets(first: 100, synthetic: null) { totalCount nodes { id } } }
          dataServices(first: 100) { nodes { servesDatasets { accessLevel } } }
        }`,
        { publisher: hidden!.publisherId ?? organizationId('so-khcn-ha-noi') },
      );
      expect(data.indicator.sourceDatasets.map((d) => d.id)).toEqual([datasetId('so-khdt-chi-tieu-ctr07')]);
      expect(data.organization?.publishedDatasets.nodes.map((d) => d.id)).not.toContain(hiddenId);
      const served = data.dataServices.nodes.flatMap((s) => s.servesDatasets);
      expect(served.length).toBeGreaterThan(0);
      expect(served.every((d) => d.accessLevel === 'PUBLIC')).toBe(true);
    } finally {
      await db.delete(schema.datasetIndicators).where(eq(schema.datasetIndicators.datasetId, hiddenId!));
    }
  });
});
