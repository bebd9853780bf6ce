import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { organizationId, programmeId } from '../../subgraphs/kernel/reference/seed-refs';
import { PRIORITY_AREAS } from '../../subgraphs/experts/seed/priority-areas';
import { startTestGraph, type TestClient, type TestGraph } from '../testing';

/**
 * Issue 17 through the gateway: demo records never appear under a real record unless asked
 * for; every real record cites the sentence of its seed article (checked against the articles
 * in `sources/`); what the sources do not state is marked inferred.
 */
let graph: TestGraph;
let admin: TestClient;

beforeAll(async () => {
  graph = await startTestGraph();
  admin = graph.as('admin');
}, 600_000);
afterAll(() => graph?.stop());

interface Cited {
  synthetic: boolean;
  seed: string | null;
  line: number | null;
  quote: string | null;
  inferred: boolean | null;
  inferences: string[] | null;
}
const PROVENANCE = 'provenance { synthetic seed line quote inferred inferences }';
type Flag = { provenance: { synthetic: boolean } };
const FLAG = 'provenance { synthetic }';

/** The lines of each seed article, numbered from 1 as `cat -n` does. */
const ARTICLE_LINES: Record<string, string[]> = Object.fromEntries(
  readdirSync(path.join(__dirname, '../../sources')).map((file) => [
    file.slice(0, 3),
    readFileSync(path.join(__dirname, '../../sources', file), 'utf8').split('\n'),
  ]),
);

function expectCited(what: string, provenance: Cited): void {
  expect({ what, synthetic: provenance.synthetic }).toEqual({ what, synthetic: false });
  expect({ what, hasCitation: Boolean(provenance.seed && provenance.line && provenance.quote) }).toEqual({ what, hasCitation: true });
  const line = ARTICLE_LINES[provenance.seed!]?.[provenance.line! - 1] ?? '';
  expect({ what, quoteOnItsLine: line.includes(provenance.quote!) }).toEqual({ what, quoteOnItsLine: true });
  expect({ what, inferred: provenance.inferred }).toEqual({ what, inferred: (provenance.inferences ?? []).length > 0 });
}

describe('demo records never appear under a real record by default', () => {
  const realOnly = (rows: Flag[]) => rows.every((row) => row.provenance.synthetic === false);
  /** Arguments of a nested connection's largest page, with `arg`'s (`(synthetic: true)`) if any. */
  const page = (arg: string) => (arg ? `(first: 100, ${arg.slice(1, -1)})` : '(first: 100)');

  it('keeps every nested list and count of real organisations real-only, and gives demo ones when asked', async () => {
    const LISTS = (arg: string) => `
      responsibleIndicators${page(arg)} { nodes { ${FLAG} } }
      publishedDatasets(first: 10${arg ? ', synthetic: true' : ''}) { totalCount nodes { ${FLAG} } }
      affiliatedExperts(first: 10${arg ? ', synthetic: true' : ''}) { ${FLAG} }
      operatedHubs(first: 10${arg ? ', synthetic: true' : ''}) { totalCount nodes { ${FLAG} } }`;
    type Lists = {
      responsibleIndicators: { nodes: Flag[] };
      publishedDatasets: { totalCount: number; nodes: Flag[] };
      affiliatedExperts: Flag[];
      operatedHubs: { totalCount: number; nodes: Flag[] };
    };
    const data = await admin.queryOk<{ organizations: { nodes: Array<{ name: { vi: string } } & Lists> } }>(
      `{ organizations(first: 30, filter: { synthetic: false }) { nodes { name { vi } ${LISTS('')} } } }`,
    );
    expect(data.organizations.nodes.length).toBeGreaterThan(15);
    for (const org of data.organizations.nodes) {
      expect({
        org: org.name.vi,
        realOnly: realOnly([...org.responsibleIndicators.nodes, ...org.publishedDatasets.nodes, ...org.affiliatedExperts, ...org.operatedHubs.nodes]),
      }).toEqual({
        org: org.name.vi,
        realOnly: true,
      });
    }
    // The examples: Sở NN&PTNT has 1 real indicator (and demo ones only when asked), and real bodies hold demo datasets and affiliations.
    const agriculture = await admin.queryOk<{ organization: Lists }>(`{ organization(id: "${organizationId('so-nnptnt-ha-noi')}") { ${LISTS('')} } }`);
    expect(agriculture.organization.responsibleIndicators.nodes).toHaveLength(1);
    const asked = await admin.queryOk<{ organization: Lists }>(
      `{ organization(id: "${organizationId('so-nnptnt-ha-noi')}") { ${LISTS('(synthetic: true)')} } }`,
    );
    expect(asked.organization.responsibleIndicators.nodes.length).toBeGreaterThan(0);
    expect(asked.organization.responsibleIndicators.nodes.every((row) => row.provenance.synthetic)).toBe(true);
    expect(asked.organization.publishedDatasets.totalCount).toBeGreaterThan(0);
    const both = await admin.queryOk<{ organization: { responsibleIndicators: { nodes: Flag[] } } }>(
      `{ organization(id: "${organizationId('so-nnptnt-ha-noi')}") { responsibleIndicators(first: 100, synthetic: null) { nodes { ${FLAG} } } } }`,
    );
    expect(both.organization.responsibleIndicators.nodes).toHaveLength(asked.organization.responsibleIndicators.nodes.length + 1);
  });

  it('keeps a real programme’s indicators, tasks, advisers and supported projects real-only (07-CTr/TU had 168 demo projects and 7 demo advisers)', async () => {
    type Lists = {
      indicators: { nodes: Flag[] };
      tasks: { nodes: Flag[] };
      taskGroups: Flag[];
      advisers: Flag[] | null;
      supportedStartupProjects: { totalCount: number; nodes: Flag[] };
      progress: { includesSyntheticIndicators: boolean };
    };
    const LISTS = (arg: string) => `
      indicators${page(arg)} { nodes { ${FLAG} } } tasks${page(arg)} { nodes { ${FLAG} } } taskGroups${arg} { ${FLAG} } advisers${arg} { ${FLAG} }
      supportedStartupProjects(first: 10${arg ? ', filter: { synthetic: true }' : ''}) { totalCount nodes { ${FLAG} } }
      progress${arg} { includesSyntheticIndicators }`;
    const data = await admin.queryOk<{ programmes: { nodes: Array<{ code: string } & Lists> } }>(
      `{ programmes(first: 10, filter: { synthetic: false }) { nodes { code ${LISTS('')} } } }`,
    );
    for (const programme of data.programmes.nodes) {
      const rows = [
        ...programme.indicators.nodes,
        ...programme.tasks.nodes,
        ...programme.taskGroups,
        ...(programme.advisers ?? []),
        ...programme.supportedStartupProjects.nodes,
      ];
      expect({ code: programme.code, realOnly: realOnly(rows), demoCounted: programme.progress.includesSyntheticIndicators }).toEqual({
        code: programme.code,
        realOnly: true,
        demoCounted: false,
      });
    }
    const asked = await admin.queryOk<{ programme: Lists }>(`{ programme(code: "07-CTr/TU") { ${LISTS('(synthetic: true)')} } }`);
    expect(asked.programme.supportedStartupProjects.totalCount).toBeGreaterThan(0);
    expect(asked.programme.advisers!.length).toBeGreaterThan(0);
    expect(realOnly(asked.programme.advisers!)).toBe(false);
  });

  it('keeps a real network’s members and memberCount real-only (the "100 AI experts" network showed 21 demo members)', async () => {
    type Net = { code: string; memberCount: number; members: { totalCount: number; nodes: Flag[] } };
    const data = await admin.queryOk<{ networks: { nodes: Net[] } }>(
      `{ networks(first: 5, filter: { synthetic: false }) { nodes { code memberCount members(first: 20) { totalCount nodes { ${FLAG} } } } } }`,
    );
    expect(data.networks.nodes).toHaveLength(3);
    for (const network of data.networks.nodes) {
      expect({ code: network.code, count: network.memberCount, total: network.members.totalCount }).toEqual({ code: network.code, count: 0, total: 0 });
    }
    const asked = await admin.queryOk<{ network: { memberCount: number; members: { totalCount: number } } }>(
      '{ network(code: "chuong-trinh-100-chuyen-gia-ai") { memberCount(synthetic: true) members(synthetic: true) { totalCount } } }',
    );
    expect(asked.network.memberCount).toBeGreaterThan(0);
    expect(asked.network.members.totalCount).toBe(asked.network.memberCount);
  });

  it('keeps real indicators’ targets, observations and source datasets real-only', async () => {
    const data = await admin.queryOk<{
      indicators: { nodes: Array<{ code: string; targets: { nodes: Flag[] }; observations: { nodes: Flag[] }; sourceDatasets: Flag[] | null }> };
    }>(
      `{ indicators(first: 100, filter: { synthetic: false }) { nodes { code targets(first: 10) { nodes { ${FLAG} } } observations(first: 10) { nodes { ${FLAG} } } sourceDatasets { ${FLAG} } } } }`,
    );
    expect(data.indicators.nodes.length).toBeGreaterThanOrEqual(8);
    for (const indicator of data.indicators.nodes) {
      expect({
        code: indicator.code,
        realOnly: realOnly([...indicator.targets.nodes, ...indicator.observations.nodes, ...(indicator.sourceDatasets ?? [])]),
      }).toEqual({ code: indicator.code, realOnly: true });
    }
  });

  it('keeps the real Hòa Lạc park’s child hubs real-only (it had a demo incubator)', async () => {
    const data = await admin.queryOk<{ hubs: { nodes: Array<{ name: { vi: string }; children: Flag[]; demo: Flag[] }> } }>(
      `{ hubs(first: 100, filter: { synthetic: false }) { nodes { name { vi } children { ${FLAG} } demo: children(synthetic: true) { ${FLAG} } } } }`,
    );
    for (const hub of data.hubs.nodes) expect({ hub: hub.name.vi, realOnly: realOnly(hub.children) }).toEqual({ hub: hub.name.vi, realOnly: true });
    const hoaLac = data.hubs.nodes.find((hub) => hub.name.vi === 'Khu công nghệ cao Hòa Lạc')!;
    expect(hoaLac.children).toHaveLength(1);
    expect(hoaLac.demo.length).toBeGreaterThan(0);
  });

  it('counts no demo rows in aggregates by default, and says so', async () => {
    const data = await admin.queryOk<{
      ecosystemMetrics: { includesSynthetic: boolean; startupCount: number };
      demo: { includesSynthetic: boolean; startupCount: number };
      researchProjectStats: Array<{ includesSynthetic: boolean; count: number }>;
    }>(`{
      ecosystemMetrics { includesSynthetic startupCount }
      demo: ecosystemMetrics(synthetic: true) { includesSynthetic startupCount }
      researchProjectStats { includesSynthetic count }
    }`);
    expect(data.ecosystemMetrics).toEqual({ includesSynthetic: false, startupCount: 0 });
    expect(data.demo.includesSynthetic).toBe(true);
    expect(data.demo.startupCount).toBeGreaterThan(0);
    expect(data.researchProjectStats).toEqual([{ includesSynthetic: false, count: 0 }]);
  });

  it('defaults to real-only on the `_entities` path too, when a representation carries no provenance', async () => {
    const QUERY = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Programme { advisers { ${FLAG} } } } }`;
    const bare = await graph.postToSubgraph<{ _entities: Array<{ advisers: Flag[] }> }>('experts', QUERY, {
      representations: [{ __typename: 'Programme', id: programmeId('07-CTr/TU') }],
    });
    expect(bare.errors).toBeUndefined();
    expect(bare.data?._entities[0]!.advisers).toEqual([]);
    const demoParent = await graph.postToSubgraph<{ _entities: Array<{ advisers: Flag[] }> }>('experts', QUERY, {
      representations: [{ __typename: 'Programme', id: programmeId('07-CTr/TU'), provenance: { synthetic: true } }],
    });
    // The same call says whose kind the parent is: the list follows it.
    expect(demoParent.errors).toBeUndefined();
    expect(demoParent.data?._entities[0]!.advisers.length).toBeGreaterThan(0);
  });
});

describe('every real record cites the sentence that supports it', () => {
  it('organisations, programmes, indicators, targets and reported assessments', async () => {
    const data = await admin.queryOk<{
      organizations: { nodes: Array<{ name: { vi: string }; provenance: Cited }> };
      programmes: { nodes: Array<{ code: string; provenance: Cited }> };
      indicators: {
        nodes: Array<{ code: string; provenance: Cited; targets: { nodes: Array<{ provenance: Cited }> }; reportedAssessments: Array<{ provenance: Cited }> }>;
      };
    }>(`{
      organizations(first: 100, filter: { synthetic: false }) { nodes { name { vi } ${PROVENANCE} } }
      programmes(first: 100, filter: { synthetic: false }) { nodes { code ${PROVENANCE} } }
      indicators(first: 100, filter: { synthetic: false }) { nodes { code ${PROVENANCE} targets(first: 5) { nodes { ${PROVENANCE} } } reportedAssessments { ${PROVENANCE} } } }
    }`);
    for (const org of data.organizations.nodes) expectCited(org.name.vi, org.provenance);
    for (const programme of data.programmes.nodes) expectCited(programme.code, programme.provenance);
    for (const indicator of data.indicators.nodes) {
      expectCited(indicator.code, indicator.provenance);
      for (const target of indicator.targets.nodes) expectCited(`target of ${indicator.code}`, target.provenance);
      for (const reported of indicator.reportedAssessments) expectCited(`reported status of ${indicator.code}`, reported.provenance);
    }
  });

  it('hubs (with their reported figures), networks, priority areas and datasets', async () => {
    const areaFields = PRIORITY_AREAS.map((area, i) => `a${i}: expertiseArea(code: "${area.code}") { code ${PROVENANCE} }`).join('\n');
    const data = await admin.queryOk<
      {
        hubs: { nodes: Array<{ name: { vi: string }; provenance: Cited; reportedFigures: Array<{ provenance: Cited }> }> };
        networks: { nodes: Array<{ code: string; provenance: Cited }> };
        datasets: { nodes: Array<{ identifier: string; provenance: Cited }> };
      } & Record<string, { code: string; provenance: Cited }>
    >(`{
      hubs(first: 100, filter: { synthetic: false }) { nodes { name { vi } ${PROVENANCE} reportedFigures { ${PROVENANCE} } } }
      networks(first: 100, filter: { synthetic: false }) { nodes { code ${PROVENANCE} } }
      datasets(first: 100, filter: { synthetic: false }) { nodes { identifier ${PROVENANCE} } }
      ${areaFields}
    }`);
    expect(data.hubs.nodes).toHaveLength(6);
    for (const hub of data.hubs.nodes) {
      expectCited(hub.name.vi, hub.provenance);
      for (const figure of hub.reportedFigures) expectCited(`figure of ${hub.name.vi}`, figure.provenance);
    }
    for (const network of data.networks.nodes) expectCited(network.code, network.provenance);
    expect(data.datasets.nodes).toHaveLength(6);
    for (const dataset of data.datasets.nodes) expectCited(dataset.identifier, dataset.provenance);
    const areas = PRIORITY_AREAS.map((_area, i) => data[`a${i}`]!);
    for (const area of areas.filter((a) => !a.provenance.synthetic)) expectCited(area.code, area.provenance);
  });
});

describe('what the sources do not state is demo or marked inferred', () => {
  it('makes the priority areas PA-SEMI and PA-ENV demo records: no seed names them', async () => {
    const data = await admin.queryOk<{ semi: { provenance: Cited }; env: { provenance: Cited }; ai: { provenance: Cited } }>(`{
      semi: expertiseArea(code: "PA-SEMI") { ${PROVENANCE} }
      env: expertiseArea(code: "PA-ENV") { ${PROVENANCE} }
      ai: expertiseArea(code: "PA-AI") { ${PROVENANCE} }
    }`);
    expect(data.semi.provenance).toMatchObject({ synthetic: true, seed: null });
    expect(data.env.provenance).toMatchObject({ synthetic: true, seed: null });
    expect(data.ai.provenance).toMatchObject({ synthetic: false, seed: '001', line: 17 });
  });

  it('gives the department datasets no coverage period and marks their existence and access as inferred (seed 002 line 7)', async () => {
    const data = await admin.queryOk<{ datasets: { nodes: Array<{ identifier: string; temporalCoverage: unknown; provenance: Cited }> } }>(
      `{ datasets(first: 100, filter: { synthetic: false }) { nodes { identifier temporalCoverage { start end } ${PROVENANCE} } } }`,
    );
    const departments = data.datasets.nodes.filter((dataset) => dataset.identifier.endsWith('-chi-tieu-ctr07'));
    expect(departments).toHaveLength(4);
    for (const dataset of departments) {
      expect(dataset.temporalCoverage).toBeNull();
      expect(dataset.provenance).toMatchObject({ seed: '002', line: 7, inferred: true });
      expect(dataset.provenance.inferences!.join(' ')).toMatch(/the dataset itself.*access level PUBLIC/);
    }
  });

  it('frames the open data warehouse as what Hanoi asked the central level to build (seed 001 line 31)', async () => {
    const data = await admin.queryOk<{
      dataset: { title: { vi: string; en: string }; description: { en: string }; publisher: unknown; spatialCoverage: unknown; provenance: Cited };
    }>(`{ dataset(identifier: "kho-du-lieu-mo-ha-noi") { title { vi en } description { en } publisher { id } spatialCoverage { uri } ${PROVENANCE} } }`);
    expect(data.dataset.title.vi).toContain('kiến nghị Trung ương');
    expect(data.dataset.description.en).toMatch(/asked the central level/);
    expect(data.dataset.publisher).toBeNull();
    expect(data.dataset.spatialCoverage).toBeNull();
    expect(data.dataset.provenance).toMatchObject({ seed: '001', line: 31, quote: expect.stringContaining('Trung ương') });
  });

  it('marks the city as operator of the five planned hubs, and Hòa Lạc’s district and coordinates, as inferred', async () => {
    const data = await admin.queryOk<{ hubs: { nodes: Array<{ name: { vi: string }; status: string; operator: { id: string } | null; provenance: Cited }> } }>(
      `{ hubs(first: 100, filter: { synthetic: false }) { nodes { name { vi } status: innovationHubStatus operator { id } ${PROVENANCE} } } }`,
    );
    const planned = data.hubs.nodes.filter((hub) => hub.status === 'PLANNED');
    expect(planned).toHaveLength(5);
    for (const hub of planned) {
      expect(hub.operator?.id).toBe(organizationId('ubnd-ha-noi'));
      expect({ hub: hub.name.vi, operatorInferred: (hub.provenance.inferences ?? []).some((text) => text.startsWith('operator UBND TP')) }).toEqual({
        hub: hub.name.vi,
        operatorInferred: true,
      });
    }
    const hoaLac = data.hubs.nodes.find((hub) => hub.name.vi === 'Khu công nghệ cao Hòa Lạc')!;
    expect(hoaLac.provenance.inferences!.join(' ')).toMatch(/district Thạch Thất.*coordinates/);
  });

  it('holds Hòa Lạc’s nearly 3,000 engineers and planned 600,000-person satellite city as data (seed 001 line 39, seed 000 line 73)', async () => {
    const data = await admin.queryOk<{
      hubs: { nodes: Array<{ reportedFigures: Array<{ value: number; unit: string; qualifier: string; provenance: Cited }> }> };
    }>(`{ hubs(filter: { search: "hoa lac", synthetic: false, kinds: [HI_TECH_PARK] }) { nodes { reportedFigures { value unit qualifier ${PROVENANCE} } } } }`);
    expect(
      data.hubs.nodes[0]!.reportedFigures.map(({ value, unit, qualifier, provenance }) => ({
        value,
        unit,
        qualifier,
        seed: provenance.seed,
        line: provenance.line,
      })),
    ).toEqual([
      { value: 3000, unit: 'engineers', qualifier: 'NEARLY', seed: '001', line: 39 },
      { value: 600_000, unit: 'people', qualifier: 'PLANNED', seed: '000', line: 73 },
    ]);
  });

  it('marks the organisers of the Hanoi Initiative Network and of the 100 AI experts as inferred', async () => {
    const data = await admin.queryOk<{
      a: { organizer: { id: string } | null; provenance: Cited };
      b: { organizer: { id: string } | null; provenance: Cited };
    }>(`{
      a: network(code: "mang-luoi-sang-kien-ha-noi") { organizer { id } ${PROVENANCE} }
      b: network(code: "chuong-trinh-100-chuyen-gia-ai") { organizer { id } ${PROVENANCE} }
    }`);
    expect(data.a.provenance.inferences!.some((text) => text.startsWith('organizer'))).toBe(true);
    expect(data.b.provenance.inferences!.some((text) => text.startsWith('organizer'))).toBe(true);
  });
});
