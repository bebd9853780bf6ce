import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import { indicatorId, organizationId, programmeId, SYNTHETIC_COUNTS, syntheticId } from '../../kernel/reference/seed-refs';
import { addYears } from '../rules/innovative-startup';
import { addDays } from '../seed/synthetic';
import { HOA_LAC_INCUBATOR, HOA_LAC_PARK, hubId } from '../seed/hubs';
import { haversineKmJs } from '../store/geo';
import * as schema from '../db/schema';
import { foldForSearch } from '../../kernel/platform/text';

/** Everything about startups, through the gateway, over the programmes and startups subgraphs. */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes', 'startups'] });
});
afterAll(() => graph?.stop());

type Node<T> = { nodes: T[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Every page of a list, following `endCursor` (100 a page). */
async function all<T>(field: string, args: string, selection: string): Promise<T[]> {
  const rows: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Node<T>> = await graph.queryOk(
      `query ($after: String) { list: ${field}(first: 100, after: $after${args ? `, ${args}` : ''}) { nodes { ${selection} } pageInfo { hasNextPage endCursor } totalCount } }`,
      { after },
    );
    const page: Node<T> = data.list!;
    rows.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

async function badInputField(query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const result = await graph.query(query, variables);
  const error = result.errors?.[0];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  return error?.extensions?.field;
}

describe('seeded data', () => {
  it('has exactly the shared synthetic counts and ids, every one marked synthetic', async () => {
    const data = await graph.queryOk<{
      s: { totalCount: number };
      p: { totalCount: number };
      real: { totalCount: number };
      first: { id: string; provenance: { synthetic: boolean } };
      last: { id: string };
    }>(
      `query ($first: ID!, $last: ID!) {
        s: startups(filter: { synthetic: true }) { totalCount }
        p: startupProjects(filter: { synthetic: true }) { totalCount }
        real: startups(filter: { synthetic: false }) { totalCount }
        first: startup(id: $first) { id provenance { synthetic } }
        last: startupProject(id: $last) { id }
      }`,
      { first: syntheticId('Startup', 0), last: syntheticId('StartupProject', SYNTHETIC_COUNTS.StartupProject - 1) },
    );
    expect(data.s.totalCount).toBe(SYNTHETIC_COUNTS.Startup);
    expect(data.p.totalCount).toBe(SYNTHETIC_COUNTS.StartupProject);
    expect(data.real.totalCount).toBe(0);
    expect(data.first.provenance.synthetic).toBe(true);
    expect(data.last.id).toBe(syntheticId('StartupProject', SYNTHETIC_COUNTS.StartupProject - 1));
  });

  it('finds hubs by name without diacritics, with their source', async () => {
    const data = await graph.queryOk<{ hubs: { nodes: Array<{ id: string; name: { vi: string }; provenance: { synthetic: boolean; seed: string | null } }> } }>(
      '{ hubs(filter: { search: "khu cong nghe cao hoa lac", kinds: [HI_TECH_PARK], synthetic: false }) { nodes { id name { vi } provenance { synthetic seed } } } }',
    );
    expect(data.hubs.nodes.map((hub) => hub.id)).toEqual([HOA_LAC_PARK]);
    expect(data.hubs.nodes[0]!.provenance).toEqual({ synthetic: false, seed: '001' });
  });
});

describe("a project's path from idea to funded startup through a cohort", () => {
  it('goes idea → incubated (the cohort starts) → incorporated (the company is founded) → funded (its first round)', async () => {
    type Project = {
      id: string;
      stage: string;
      transitions: Array<{ stage: string; occurredOn: string }>;
      hubParticipations: Array<{ id: string; outcome: string; joinedOn: string; cohort: { id: string; startsOn: string; hub: { id: string } } }>;
      startup: {
        id: string;
        foundedOn: string;
        fundingRounds: Array<{ announcedOn: string }>;
        project: { id: string };
        hubParticipations: Array<{ id: string }>;
      };
    };
    const data = await graph.queryOk<{ startupProjects: { nodes: Project[] } }>(`{
      startupProjects(first: 100, filter: { stages: [FUNDED] }) { nodes {
        id stage: startupProjectStage transitions { stage occurredOn }
        hubParticipations { id outcome joinedOn cohort { id startsOn hub { id } } }
        startup { id foundedOn fundingRounds { announcedOn } project { id } hubParticipations { id } }
      } }
    }`);
    const project = data.startupProjects.nodes.find((node) => node.hubParticipations.length > 0)!;
    expect(project).toBeDefined();
    expect(project.transitions.map((t) => t.stage)).toEqual(['IDEA', 'INCUBATED', 'INCORPORATED', 'FUNDED']);
    const on = Object.fromEntries(project.transitions.map((t) => [t.stage, t.occurredOn]));
    expect([on.IDEA! <= on.INCUBATED!, on.INCUBATED! <= on.INCORPORATED!, on.INCORPORATED! <= on.FUNDED!]).toEqual([true, true, true]);

    const participation = project.hubParticipations[0]!;
    expect(participation.cohort.startsOn).toBe(on.INCUBATED);
    expect(participation.outcome).toBe('FUNDED');
    expect(project.startup.foundedOn).toBe(on.INCORPORATED);
    expect(project.startup.fundingRounds[0]!.announcedOn).toBe(on.FUNDED);
    expect(project.startup.project.id).toBe(project.id);
    // The company's participations include the one it had as a project.
    expect(project.startup.hubParticipations.map((p) => p.id)).toContain(participation.id);

    // Seen from the cohort and the hub.
    const cohort = await graph.queryOk<{
      cohort: { participants: Array<{ project: { id: string } | null }> };
      startups: { nodes: Array<{ id: string }>; totalCount: number };
    }>(
      `query ($cohort: ID!, $hub: ID!) {
        cohort(id: $cohort) { participants { project { id } } }
        startups(first: 100, filter: { hubId: $hub }) { totalCount nodes { id } }
      }`,
      { cohort: participation.cohort.id, hub: participation.cohort.hub.id },
    );
    expect(cohort.cohort.participants.map((p) => p.project?.id)).toContain(project.id);
    expect(cohort.startups.nodes.map((s) => s.id)).toContain(project.startup.id);
  });
});

describe('the 5-year rule', () => {
  it('counts a seeded startup exactly 5 years after its founding, not a day later', async () => {
    const id = syntheticId('Startup', 0);
    const { startup } = await graph.queryOk<{ startup: { foundedOn: string } }>('query ($id: ID!) { startup(id: $id) { foundedOn } }', { id });
    const anniversary = addYears(startup.foundedOn, 5);
    const data = await graph.queryOk<{ startup: { onAnniversary: boolean; dayAfter: boolean; dayBefore: boolean } }>(
      `query ($id: ID!, $anniversary: Date!, $dayAfter: Date!, $dayBefore: Date!) { startup(id: $id) {
        onAnniversary: isInnovativeStartup(asOf: $anniversary)
        dayAfter: isInnovativeStartup(asOf: $dayAfter)
        dayBefore: isInnovativeStartup(asOf: $dayBefore)
      } }`,
      { id, anniversary, dayAfter: addDays(anniversary, 1), dayBefore: addDays(startup.foundedOn, -1) },
    );
    expect(data.startup).toEqual({ onAnniversary: true, dayAfter: false, dayBefore: false });
  });

  it('filters by the rule today exactly as the field computes it', async () => {
    const rows = await all<{ id: string; isInnovativeStartup: boolean }>('startups', '', 'id isInnovativeStartup');
    const counted = await graph.queryOk<{ yes: { totalCount: number }; no: { totalCount: number } }>(
      '{ yes: startups(filter: { innovative: true }) { totalCount } no: startups(filter: { innovative: false }) { totalCount } }',
    );
    const innovative = rows.filter((row) => row.isInnovativeStartup).length;
    expect(counted.yes.totalCount).toBe(innovative);
    expect(counted.no.totalCount).toBe(rows.length - innovative);
    expect(innovative).toBeGreaterThan(0);
    expect(innovative).toBeLessThan(rows.length);
  });
});

describe("a programme's supported startup projects and progress", () => {
  it('counts the projects it supported, excludes synthetic ones by default, and points at the 1,000-projects indicator', async () => {
    const programme = programmeId('07-CTr/TU');
    const data = await graph.queryOk<{
      programme: {
        id: string;
        code: string;
        supportedStartupProjects: { totalCount: number };
        real: { supportedCount: number; includesSynthetic: boolean };
        all: {
          supportedCount: number;
          incorporatedCount: number;
          fundedCount: number;
          indicator: { id: string; code: string; realCount: number; allCount: number };
        };
      };
      target: { startupProjectsCounted: number };
      other: { startupProjectsCounted: number | null };
      incorporated: { totalCount: number };
      funded: { totalCount: number };
    }>(
      `query ($programme: ID!) {
        programme(code: "07-CTr/TU") {
          id code
          supportedStartupProjects(first: 5, filter: { synthetic: null }) { totalCount }
          real: startupProjectProgress { supportedCount includesSynthetic }
          all: startupProjectProgress(includeSynthetic: true) {
            supportedCount incorporatedCount fundedCount
            indicator { id code realCount: startupProjectsCounted allCount: startupProjectsCounted(includeSynthetic: true) }
          }
        }
        target: indicator(code: "HN2025-STARTUP-PROJECTS") { startupProjectsCounted(includeSynthetic: true) }
        other: indicator(code: "CTR07-TFP") { startupProjectsCounted(includeSynthetic: true) }
        incorporated: startupProjects(filter: { programmeId: $programme, reachedStage: INCORPORATED }) { totalCount }
        funded: startupProjects(filter: { programmeId: $programme, reachedStage: FUNDED }) { totalCount }
      }`,
      { programme },
    );
    const p = data.programme;
    expect(p.id).toBe(programme);
    expect(p.code).toBe('07-CTr/TU');
    // No real startup project is named in the sources: honestly zero by default.
    expect(p.real).toEqual({ supportedCount: 0, includesSynthetic: false });
    expect(p.all.supportedCount).toBeGreaterThan(0);
    expect(p.all.supportedCount).toBe(p.supportedStartupProjects.totalCount);
    expect(p.all.incorporatedCount).toBe(data.incorporated.totalCount);
    expect(p.all.fundedCount).toBe(data.funded.totalCount);
    expect(p.all.indicator.id).toBe(indicatorId('HN2025-STARTUP-PROJECTS'));
    // The code comes from the programmes subgraph, the count from this one.
    expect(p.all.indicator.code).toBe('HN2025-STARTUP-PROJECTS');
    expect(data.target.startupProjectsCounted).toBe(p.all.indicator.allCount);
    expect(data.other.startupProjectsCounted).toBeNull();
    expect(p.all.indicator.realCount).toBe(0);

    // The indicator counts distinct projects supported by any programme.
    const projects = await all<{ supports: Array<{ programme: { id: string } }> }>('startupProjects', '', 'supports { programme { id } }');
    expect(p.all.indicator.allCount).toBe(projects.filter((project) => project.supports.length > 0).length);
    expect(p.all.indicator.allCount).toBeGreaterThanOrEqual(p.all.supportedCount);
  });
});

describe('hubs', () => {
  it('nests the planned incubator inside Hòa Lạc Hi-Tech Park', async () => {
    const data = await graph.queryOk<{
      hub: {
        kind: string;
        status: string;
        children: Array<{ id: string; kind: string; status: string; parent: { id: string }; provenance: { synthetic: boolean } }>;
      };
      hubs: { nodes: Array<{ id: string }> };
    }>(
      `query ($park: ID!) {
        hub(id: $park) { kind: innovationHubKind status: innovationHubStatus children { id kind: innovationHubKind status: innovationHubStatus parent { id } provenance { synthetic } } }
        hubs(filter: { parentId: $park, synthetic: false }) { nodes { id } }
      }`,
      { park: HOA_LAC_PARK },
    );
    expect(data.hub).toMatchObject({ kind: 'HI_TECH_PARK', status: 'OPERATING' });
    const incubator = data.hub.children.find((child) => child.id === HOA_LAC_INCUBATOR);
    expect(incubator).toEqual({ id: HOA_LAC_INCUBATOR, kind: 'INCUBATOR', status: 'PLANNED', parent: { id: HOA_LAC_PARK }, provenance: { synthetic: false } });
    expect(data.hubs.nodes.map((hub) => hub.id)).toEqual([HOA_LAC_INCUBATOR]);
  });

  it('finds hubs near a point, nearest first, with distances that match the great circle', async () => {
    type Hub = { id: string; distanceKm: number; location: { latitude: number; longitude: number } };
    const centre = { latitude: 21.01, longitude: 105.52 };
    const near = await graph.queryOk<{ hubs: { nodes: Hub[]; totalCount: number } }>(
      'query ($near: HubNearPoint!) { hubs(filter: { near: $near }) { totalCount nodes { id distanceKm location { latitude longitude } } } }',
      { near: { ...centre, radiusKm: 5 } },
    );
    expect(near.hubs.nodes.map((hub) => hub.id)).toEqual([HOA_LAC_PARK, hubId('synthetic:hoa-lac-green-incubator')]);
    expect(near.hubs.nodes[0]!.distanceKm).toBeCloseTo(0, 6);

    // 40 km reaches the city centre: every hub with coordinates inside, in distance order, across pages.
    const wide = await all<Hub>(
      'hubs',
      'filter: { near: { latitude: 21.01, longitude: 105.52, radiusKm: 40 } }',
      'id distanceKm location { latitude longitude }',
    );
    const firstTwo = await graph.queryOk<{ hubs: { nodes: Hub[]; pageInfo: { endCursor: string } } }>(
      '{ hubs(first: 2, filter: { near: { latitude: 21.01, longitude: 105.52, radiusKm: 40 } }) { nodes { id } pageInfo { endCursor } } }',
    );
    const rest = await graph.queryOk<{ hubs: { nodes: Hub[] } }>(
      'query ($after: String) { hubs(first: 100, after: $after, filter: { near: { latitude: 21.01, longitude: 105.52, radiusKm: 40 } }) { nodes { id } } }',
      { after: firstTwo.hubs.pageInfo.endCursor },
    );
    expect([...firstTwo.hubs.nodes, ...rest.hubs.nodes].map((hub) => hub.id)).toEqual(wide.map((hub) => hub.id));
    expect(wide.length).toBeGreaterThan(5);
    for (const hub of wide) {
      expect(hub.distanceKm).toBeCloseTo(haversineKmJs(centre, hub.location), 6);
      expect(hub.distanceKm).toBeLessThanOrEqual(40);
    }
    expect(wide.map((hub) => hub.distanceKm)).toEqual([...wide.map((hub) => hub.distanceKm)].sort((a, b) => a - b));
  });
});

describe('ecosystem metrics match the rows', () => {
  type Metrics = {
    startupCount: number;
    startupProjectCount: number;
    startupsByStage: Array<{ stage: string; count: number }>;
    startupsBySector: Array<{ sector: string; count: number }>;
    startupsByDistrict: Array<{ district: string | null; count: number }>;
    startupsByHub: Array<{ hub: { id: string }; count: number }>;
    startupsByFoundingYear: Array<{ year: number; count: number }>;
    fundingByYear: Array<{ year: number; roundType: string; currency: string | null; amount: number; roundCount: number }>;
    startupProjectsReachingStage: Array<{ year: number; stage: string; count: number }>;
  };
  let metrics: Metrics;
  beforeAll(async () => {
    ({ ecosystemMetrics: metrics } = await graph.queryOk<{ ecosystemMetrics: Metrics }>(`{ ecosystemMetrics(synthetic: true) {
      startupCount startupProjectCount
      startupsByStage { stage count } startupsBySector { sector count } startupsByDistrict { district count }
      startupsByHub { hub { id } count } startupsByFoundingYear { year count }
      fundingByYear { year roundType currency amount roundCount }
      startupProjectsReachingStage { year stage count }
    } }`));
  });

  /** One request with an aliased list per bucket; returns each alias's totalCount. */
  async function totals(lists: Record<string, string>): Promise<Record<string, number>> {
    const query = `{ ${Object.entries(lists)
      .map(([alias, list]) => `${alias}: ${list} { totalCount }`)
      .join(' ')} }`;
    const data = await graph.queryOk<Record<string, { totalCount: number }>>(query);
    return Object.fromEntries(Object.entries(data).map(([alias, value]) => [alias, value.totalCount]));
  }

  it('counts startups and projects as the lists do', async () => {
    expect(await totals({ s: 'startups(filter: { synthetic: true })', p: 'startupProjects(filter: { synthetic: true })' })).toEqual({
      s: metrics.startupCount,
      p: metrics.startupProjectCount,
    });
    const sum = (rows: Array<{ count: number }>) => rows.reduce((total, row) => total + row.count, 0);
    expect(sum(metrics.startupsByStage)).toBe(metrics.startupCount);
    expect(sum(metrics.startupsByFoundingYear)).toBe(metrics.startupCount);
  });

  it('matches stage, sector, district, hub and founding-year buckets with the filtered lists', async () => {
    const lists: Record<string, string> = {};
    const expected: Record<string, number> = {};
    const add = (alias: string, filter: string, count: number) => {
      lists[alias] = `startups(filter: { synthetic: true, ${filter} })`;
      expected[alias] = count;
    };
    metrics.startupsByStage.forEach((b, i) => add(`stage${i}`, `stages: [${b.stage}]`, b.count));
    metrics.startupsBySector.forEach((b, i) => add(`sector${i}`, `sectors: [${b.sector}]`, b.count));
    metrics.startupsByDistrict.filter((b) => b.district).forEach((b, i) => add(`district${i}`, `districts: ["${b.district}"]`, b.count));
    metrics.startupsByHub.forEach((b, i) => add(`hub${i}`, `hubId: "${b.hub.id}"`, b.count));
    metrics.startupsByFoundingYear.forEach((b, i) => add(`year${i}`, `foundedFrom: "${b.year}-01-01", foundedTo: "${b.year}-12-31"`, b.count));
    expect(metrics.startupsByHub.length).toBeGreaterThan(3);
    expect(await totals(lists)).toEqual(expected);
  });

  it('matches funding totals with the rounds list, and projects reaching each stage with the projects list', async () => {
    const lists: Record<string, string> = {};
    const expected: Record<string, number> = {};
    const byYearType = new Map<string, { year: number; roundType: string; count: number }>();
    for (const row of metrics.fundingByYear) {
      const key = `${row.year}_${row.roundType}`;
      const entry = byYearType.get(key) ?? { year: row.year, roundType: row.roundType, count: 0 };
      entry.count += row.roundCount;
      byYearType.set(key, entry);
    }
    for (const [key, row] of byYearType) {
      lists[`f${key}`] =
        `fundingRounds(filter: { synthetic: true, types: [${row.roundType}], announcedFrom: "${row.year}-01-01", announcedTo: "${row.year}-12-31" })`;
      expected[`f${key}`] = row.count;
    }
    metrics.startupProjectsReachingStage.forEach((b) => {
      lists[`p${b.year}_${b.stage}`] =
        `startupProjects(filter: { synthetic: true, reachedStage: ${b.stage}, reachedFrom: "${b.year}-01-01", reachedTo: "${b.year}-12-31" })`;
      expected[`p${b.year}_${b.stage}`] = b.count;
    });
    expect(await totals(lists)).toEqual(expected);

    // Amounts: one year and currency, summed by the list.
    const vnd = metrics.fundingByYear.filter((row) => row.year === 2022 && row.currency === 'VND');
    const list = await graph.queryOk<{ fundingRounds: { totalAmounts: Array<{ currency: string; amount: number }> } }>(
      '{ fundingRounds(filter: { synthetic: true, currency: "VND", announcedFrom: "2022-01-01", announcedTo: "2022-12-31" }) { totalAmounts { currency amount } } }',
    );
    expect(list.fundingRounds.totalAmounts).toEqual([{ currency: 'VND', amount: vnd.reduce((total, row) => total + row.amount, 0) }]);
  });
});

/** Every page of a list, `size` at a time, forward with `after` or backward with `last`/`before`. */
async function paged(filter: Record<string, unknown>, size: number, backward: boolean): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const data: {
      startups: {
        nodes: Array<{ id: string }>;
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
      };
    } = await graph.queryOk(
      `query ($filter: StartupFilter, $n: Int, $cursor: String) { startups(filter: $filter, ${backward ? 'last: $n, before: $cursor' : 'first: $n, after: $cursor'}) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      { filter, n: size, cursor },
    );
    const page = data.startups;
    if (backward) ids.unshift(...page.nodes.map((node) => node.id));
    else ids.push(...page.nodes.map((node) => node.id));
    if (!(backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) return ids;
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
}

/**
 * The filtered list holds exactly `matching`, in the whole list's order (name, then id), paged
 * forward and backward by 7, and `totalCount` counts them.
 */
async function expectListedExactly(filter: Record<string, unknown>, matching: Set<string>): Promise<void> {
  expect(matching.size).toBeGreaterThan(7);
  const expected = (await all<{ id: string }>('startups', '', 'id')).map((row) => row.id).filter((id) => matching.has(id));
  expect(await paged(filter, 7, false)).toEqual(expected);
  expect(await paged(filter, 7, true)).toEqual(expected);
  const counted = await graph.queryOk<{ startups: { totalCount: number } }>(
    'query ($filter: StartupFilter) { startups(filter: $filter, first: 0) { totalCount } }',
    {
      filter,
    },
  );
  expect(counted.startups.totalCount).toBe(matching.size);
}

describe('startup search', () => {
  it.each([
    ['a district with diacritics', { search: 'Cầu Giấy' }],
    ['the same without them, in capitals', { search: 'CAU GIAY' }],
    ['a part of a name, with another filter', { search: 'demo 1', sectors: ['FINTECH', 'SOFTWARE'] }],
  ])('finds exactly the startups whose folded text holds the term, in the order and pages of the whole list (%s)', async (_label, filter) => {
    const db = graph.dbOf('startups');
    const term = foldForSearch(filter.search);
    const sectors: string[] | undefined = 'sectors' in filter ? filter.sectors : undefined;
    const matching = new Set(
      (await db.select().from(schema.startups))
        .filter((row) => row.searchText.includes(term) && (!sectors || row.sectors.some((sector) => sectors.includes(sector))))
        .map((row) => row.id),
    );
    await expectListedExactly(filter, matching);
  });
});

describe('plain filters', () => {
  type StartupRow = typeof schema.startups.$inferSelect;
  // Each filter with the same rule over the rows, in JavaScript. The page's ids come from an
  // index walk that skips non-matching startups: every column a filter reads must be right.
  it.each<[string, Record<string, unknown>, (row: StartupRow, certified: Set<string>) => boolean]>([
    ['two sectors', { sectors: ['FINTECH', 'EDTECH'] }, (row) => row.sectors.some((sector) => ['FINTECH', 'EDTECH'].includes(sector))],
    [
      'a district and a founding date',
      { districts: ['Cầu Giấy', 'Đống Đa'], foundedFrom: '2019-01-01' },
      (row) => ['Cầu Giấy', 'Đống Đa'].includes(row.district ?? '') && row.foundedOn >= '2019-01-01',
    ],
    [
      'a stage, statuses and a founding span',
      { stages: ['EARLY_REVENUE', 'GROWTH'], statuses: ['ACTIVE'], foundedFrom: '2016-01-01', foundedTo: '2022-12-31' },
      (row) => ['EARLY_REVENUE', 'GROWTH'].includes(row.stage) && row.status === 'ACTIVE' && row.foundedOn >= '2016-01-01' && row.foundedOn <= '2022-12-31',
    ],
    ['a certification, synthetic only', { certification: 'ST_ENTERPRISE', synthetic: true }, (row, certified) => certified.has(row.id) && row.synthetic],
  ])('lists exactly the matching startups, in the order and pages of the whole list, and counts them (%s)', async (_label, filter, matches) => {
    const db = graph.dbOf('startups');
    const certified = new Set((await db.select().from(schema.certifications)).filter((row) => row.kind === filter.certification).map((row) => row.startupId));
    const matching = new Set((await db.select().from(schema.startups)).filter((row) => matches(row, certified)).map((row) => row.id));
    await expectListedExactly(filter, matching);
  });
});

describe('the hub filter', () => {
  it("lists exactly the startups that, or whose project, took part in one of the hub's cohorts (brute force over the rows)", async () => {
    const db = graph.dbOf('startups');
    const [allHubs, allCohorts, allParticipations, allStartups] = await Promise.all([
      db.select().from(schema.hubs),
      db.select().from(schema.cohorts),
      db.select().from(schema.participations),
      db.select().from(schema.startups),
    ]);
    // Every hub, those without cohorts or participants too (their lists are empty).
    const hubIds = allHubs.map((hub) => hub.id).sort();
    expect(hubIds.length).toBeGreaterThan(3);
    let matchedSomewhere = 0;
    for (const hub of hubIds) {
      const cohortIds = new Set(allCohorts.filter((cohort) => cohort.hubId === hub).map((cohort) => cohort.id));
      const ofHub = allParticipations.filter((participation) => cohortIds.has(participation.cohortId));
      const startupIds = new Set(ofHub.map((participation) => participation.startupId));
      const projectIds = new Set(ofHub.map((participation) => participation.projectId));
      const expected = allStartups
        .filter((startup) => startupIds.has(startup.id) || (startup.projectId !== null && projectIds.has(startup.projectId)))
        .map((startup) => startup.id)
        .sort();
      const listed = await all<{ id: string }>('startups', `filter: { hubId: "${hub}" }`, 'id');
      expect({ hub, ids: listed.map((startup) => startup.id).sort() }).toEqual({ hub, ids: expected });
      matchedSomewhere += expected.length;
    }
    // Both ways of taking part occur in the seed, so both halves of the condition are exercised.
    expect(allParticipations.some((participation) => participation.startupId !== null)).toBe(true);
    expect(allParticipations.some((participation) => participation.projectId !== null)).toBe(true);
    expect(matchedSomewhere).toBeGreaterThan(10);
  });
});

describe('one request across subgraphs', () => {
  it("joins a startup, its hub's operator organisation and its project's programme", async () => {
    const lotus = hubId('synthetic:lotus-incubator');
    type Startup = {
      name: { vi: string };
      hubParticipations: Array<{ cohort: { hub: { id: string; operator: { id: string; name: { vi: string } } | null } } }>;
      project: { supports: Array<{ programme: { id: string; code: string } }> } | null;
    };
    const data = await graph.queryOk<{ startups: { nodes: Startup[] } }>(
      `query ($hub: ID!) { startups(first: 100, filter: { hubId: $hub }) { nodes {
        name { vi }
        hubParticipations { cohort { hub { id operator { id name { vi } } } } }
        project { supports { programme { id code } } }
      } } }`,
      { hub: lotus },
    );
    const startup = data.startups.nodes.find((node) => (node.project?.supports.length ?? 0) > 0)!;
    const operator = startup.hubParticipations.find((p) => p.cohort.hub.id === lotus)!.cohort.hub.operator!;
    // Organisation name from programmes, the hub and startup from startups.
    expect(operator).toEqual({ id: organizationId('so-khcn-ha-noi'), name: { vi: expect.stringContaining('Sở Khoa học và Công nghệ') } });
    expect(['07-CTr/TU', '185/KH-UBND']).toContain(startup.project!.supports[0]!.programme.code);
  });
});

describe('SQL statements per request', () => {
  it('do not grow with the page size', async () => {
    const query = `query ($n: Int) { startups(first: $n) { totalCount nodes {
      name { vi } isInnovativeStartup certifications { kind isValid } fundingRounds { amount currency investors { name organization { id } } }
      hubParticipations { outcome cohort { name { vi } hub { name { vi } operator { id } } } }
      project { title { vi } transitions { stage } supports { kind programme { id } } startup { id } }
    } } }`;
    const ten = await graph.countQueries(() => graph.queryOk(query, { n: 10 }));
    // 50 rows: with every nested list at its stated maximum, 100 would be over the cost limit.
    const fifty = await graph.countQueries(() => graph.queryOk(query, { n: 50 }));
    expect(fifty).toBe(ten);
    expect(ten).toBeLessThan(15);
  });
});

describe('bad input is refused with BAD_USER_INPUT naming the field', () => {
  it('refuses negative amounts and unknown currencies', async () => {
    expect(await badInputField('{ fundingRounds(filter: { minAmount: -1 }) { totalCount } }')).toBe('filter.minAmount');
    expect(await badInputField('{ fundingRounds(filter: { maxAmount: -5 }) { totalCount } }')).toBe('filter.maxAmount');
    expect(await badInputField('{ fundingRounds(filter: { currency: "ABC" }) { totalCount } }')).toBe('filter.currency');
    expect(await badInputField('{ fundingRounds(filter: { minAmount: 10, maxAmount: 5 }) { totalCount } }')).toBe('filter.maxAmount');
  });

  it('refuses ranges that end before they start', async () => {
    expect(await badInputField('{ startups(filter: { foundedFrom: "2024-01-01", foundedTo: "2023-12-31" }) { totalCount } }')).toBe('filter.foundedTo');
    expect(await badInputField('{ fundingRounds(filter: { announcedFrom: "2024-01-01", announcedTo: "2023-12-31" }) { totalCount } }')).toBe(
      'filter.announcedTo',
    );
    expect(await badInputField('{ startupProjects(filter: { startedFrom: "2024-01-01", startedTo: "2023-12-31" }) { totalCount } }')).toBe('filter.startedTo');
  });

  it('refuses unknown hubs and impossible points', async () => {
    const unknown = '00000000-0000-5000-8000-000000000000';
    expect(await badInputField('query ($id: ID) { cohorts(hubId: $id) { totalCount } }', { id: unknown })).toBe('hubId');
    expect(await badInputField('query ($id: ID) { startups(filter: { hubId: $id }) { totalCount } }', { id: unknown })).toBe('filter.hubId');
    expect(await badInputField('{ hubs(filter: { near: { latitude: 95, longitude: 105.5, radiusKm: 5 } }) { totalCount } }')).toBe('filter.near.latitude');
    expect(await badInputField('{ hubs(filter: { near: { latitude: 21, longitude: 105.5, radiusKm: -3 } }) { totalCount } }')).toBe('filter.near.radiusKm');
  });

  it('answers unknown ids with NOT_FOUND', async () => {
    const result = await graph.query('{ startup(id: "00000000-0000-5000-8000-000000000000") { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
