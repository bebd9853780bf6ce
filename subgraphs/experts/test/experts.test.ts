import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import type { GraphQLResolveInfo } from 'graphql';
import { ANONYMOUS, type Caller } from '../../kernel/identity/caller';
import { createRequestContext } from '../../kernel/subgraph/context';
import { organizationId, REGISTRY_STEWARD_ID } from '../../kernel/reference/seed-refs';
import { foldForSearch } from '../../kernel/platform/text';
import type { Context } from '../context';
import { createLoaders } from '../loaders';
import { Expert } from '../resolvers/Expert';
import { DEFAULT_EXPERTS, expectedFinderResult, isRequestedOrBelow, type ExpectedMatch } from './expected';

interface FinderPage {
  findExperts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ score: number; node: { id: string; expertiseAreas: Array<{ code: string }> }; matchedAreas: Array<{ code: string }> }>;
  };
}

const FINDER = `query ($filter: ExpertFilter!, $after: String) {
  findExperts(filter: $filter, first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { score node { id expertiseAreas { code } } matchedAreas { code } }
  }
}`;

describe('experts subgraph through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['experts'] });
  });
  afterAll(() => graph?.stop());

  /** Every page of the finder, following `endCursor`. */
  async function findAll(filter: Record<string, unknown>) {
    const edges: FinderPage['findExperts']['edges'] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (;;) {
      const page: FinderPage = await graph.queryOk<FinderPage>(FINDER, { filter, after });
      edges.push(...page.findExperts.edges);
      totalCount = page.findExperts.totalCount;
      if (!page.findExperts.pageInfo.hasNextPage) break;
      after = page.findExperts.pageInfo.endCursor;
    }
    return { edges, totalCount };
  }

  it('finder: a parent area matches experts of the areas below it', async () => {
    const { edges, totalCount } = await findAll({ areas: ['1'] });
    const expected = expectedFinderResult(['1'], []);
    expect(totalCount).toBe(expected.length);
    expect(edges.length).toBe(expected.length);
    expect(edges.length).toBeGreaterThan(20);
    for (const edge of edges) {
      expect(edge.matchedAreas.length).toBeGreaterThan(0);
      for (const area of edge.matchedAreas) expect(area.code === '1' || area.code.startsWith('1.')).toBe(true);
    }
    // Most matches are through a child field (1.x), scored 2 and not 3.
    const throughChild = edges.filter((edge) => !edge.node.expertiseAreas.some((area) => area.code === '1'));
    expect(throughChild.length).toBeGreaterThan(0);

    // The same in the priority scheme: digital transformation matches digital economy below it.
    const digital = await findAll({ areas: ['PA-DX'] });
    expect(digital.edges.some((edge) => edge.matchedAreas.some((area) => area.code === 'PA-DIGECON'))).toBe(true);
    expect(digital.edges.length).toBe(expectedFinderResult(['PA-DX'], []).length);
  });

  it('finder: ranks by the documented score, ties by id, across keyset pages without skips or repeats', async () => {
    const filter = { areas: ['1', 'PA-DX', 'PA-AI'], keywords: ['dữ liệu', 'hoc may'] };
    const { edges, totalCount } = await findAll(filter);
    const expected: ExpectedMatch[] = expectedFinderResult(filter.areas, filter.keywords);
    expect(totalCount).toBe(expected.length);
    expect(edges.map((edge) => ({ id: edge.node.id, score: edge.score }))).toEqual(expected);
    expect(new Set(expected.map((match) => match.score)).size).toBeGreaterThan(3);
  });

  it('finder: with other filters too, the same scores, order, count and matched areas as the rule over the seeded experts', async () => {
    const filter = { areas: ['1', 'PA-AI', 'PA-DX'], languages: ['en'], availability: ['AVAILABLE', 'LIMITED'] };
    const { edges, totalCount } = await findAll(filter);
    const kept = new Set(
      DEFAULT_EXPERTS.filter(({ expert }) => expert.languages!.includes('en') && expert.availability !== 'UNAVAILABLE').map(({ expert }) => expert.id),
    );
    const expected = expectedFinderResult(filter.areas, []).filter((match) => kept.has(match.id));
    expect(expected.length).toBeGreaterThan(50); // more than one page
    expect(totalCount).toBe(expected.length);
    expect(edges.map((edge) => ({ id: edge.node.id, score: edge.score }))).toEqual(expected);
    // Matched areas: the expert's own areas (main first) that are requested or below a requested one.
    for (const edge of edges) {
      const own = edge.node.expertiseAreas.map((area) => area.code);
      expect(edge.matchedAreas.map((area) => area.code)).toEqual(own.filter((code) => isRequestedOrBelow(code, filter.areas)));
    }
  });

  it('finder: filters by language, country, residence, availability and willingness', async () => {
    const filter = { areas: ['2'], languages: ['ja', 'fr'], residence: 'OVERSEAS', availability: ['AVAILABLE', 'LIMITED'], willingTo: ['REVIEW'] };
    const { edges } = await findAll(filter);
    const expectedIds = new Set(
      DEFAULT_EXPERTS.filter(
        ({ expert }) =>
          expert.residence === 'OVERSEAS' &&
          expert.languages!.some((language) => ['ja', 'fr'].includes(language)) &&
          expert.availability !== 'UNAVAILABLE' &&
          expert.willingToReview,
      ).map(({ expert }) => expert.id),
    );
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) expect(expectedIds.has(edge.node.id)).toBe(true);

    const japan = await graph.queryOk<{ experts: { totalCount: number } }>('{ experts(filter: { countries: ["jp"] }) { totalCount } }');
    expect(japan.experts.totalCount).toBe(DEFAULT_EXPERTS.filter(({ expert }) => expert.countryOfResidence === 'JP').length);
  });

  it('refuses an unknown expertise code or an invalid ORCID iD with BAD_USER_INPUT', async () => {
    const unknownArea = await graph.query('{ findExperts(filter: { areas: ["1.2", "9.9"] }) { totalCount } }');
    expect(unknownArea.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.areas' });
    expect(unknownArea.errors?.[0]?.message).toContain('"9.9"');

    const unknownInList = await graph.query('{ experts(filter: { areas: ["PA-NOPE"] }) { totalCount } }');
    expect(unknownInList.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.areas' });

    const badOrcid = await graph.query('{ expert(orcid: "0000-0002-1825-0098") { id } }');
    expect(badOrcid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orcid' });

    const unknownOrcid = await graph.query('{ expert(orcid: "0000-0002-1825-0097") { id } }');
    expect(unknownOrcid.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const bothKeys = await graph.query('{ expert(id: "x", orcid: "0000-0002-1825-0097") { id } }');
    expect(bothKeys.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds an expert by ORCID iD in its URL form', async () => {
    const withOrcid = DEFAULT_EXPERTS.find(({ expert }) => expert.orcid)!.expert;
    const data = await graph.queryOk<{ expert: { id: string; orcid: string } }>('query ($o: String) { expert(orcid: $o) { id orcid } }', {
      o: `https://orcid.org/${withOrcid.orcid}`,
    });
    expect(data.expert).toEqual({ id: withOrcid.id, orcid: withOrcid.orcid });
  });

  it('searches names ignoring case and Vietnamese diacritics', async () => {
    const target = DEFAULT_EXPERTS.find(({ expert }) => /[ễếồờữ]/.test(expert.fullName!))!.expert;
    const plain = foldForSearch(target.fullName!);
    const data = await graph.queryOk<{ experts: { nodes: Array<{ id: string; fullName: string }> } }>(
      'query ($q: String) { experts(first: 100, filter: { search: $q }) { nodes { id fullName } } }',
      { q: plain.toUpperCase() },
    );
    expect(data.experts.nodes.map((node) => node.id)).toContain(target.id);
    for (const node of data.experts.nodes) expect(foldForSearch(node.fullName)).toContain(plain);
  });

  it('serves the expertise taxonomies as trees, with provenance', async () => {
    const data = await graph.queryOk<{
      expertiseAreas: {
        totalCount: number;
        nodes: Array<{
          code: string;
          scheme: string;
          children: Array<{ code: string; parent: { code: string } }>;
          provenance: { outlet: string | null; seed: string | null; note: string | null };
        }>;
      };
    }>('{ expertiseAreas(first: 100) { totalCount nodes { code scheme children { code parent { code } } provenance { outlet seed note } } } }');
    const byCode = new Map(data.expertiseAreas.nodes.map((node) => [node.code, node]));
    expect(data.expertiseAreas.nodes.filter((node) => node.scheme === 'FOS_2007').map((node) => node.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(byCode.get('2')!.children.map((child) => child.code)).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11']);
    expect(byCode.get('2')!.provenance.outlet).toBe('OECD');
    expect(byCode.get('PA-DX')!.children.map((child) => child.code)).toEqual(['PA-DIGECON']);
    expect(byCode.get('PA-AI')!.provenance.seed).toBe('001');
    // No seed names semiconductors: a demo area (issue 17), never shown as real.
    expect(byCode.get('PA-SEMI')!.provenance).toMatchObject({ seed: null, note: expect.stringContaining('Demo priority area: not in the seed articles') });
    const fosCount = 6 + [...byCode.values()].filter((node) => node.scheme === 'FOS_2007').reduce((sum, node) => sum + node.children.length, 0);
    expect(fosCount).toBe(48);

    const search = await graph.queryOk<{ expertiseAreas: { nodes: Array<{ code: string }> } }>(
      '{ expertiseAreas(filter: { search: "khoa hoc may tinh" }) { nodes { code } } }',
    );
    expect(search.expertiseAreas.nodes.map((node) => node.code)).toEqual(['1.2']);
    const children = await graph.queryOk<{ expertiseAreas: { totalCount: number } }>('{ expertiseAreas(filter: { parentCode: "5" }) { totalCount } }');
    expect(children.expertiseAreas.totalCount).toBe(9);
    const unknown = await graph.query('{ expertiseAreas(filter: { parentCode: "7" }) { totalCount } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.parentCode' });
  });

  it('lists the real networks with their sources', async () => {
    const data = await graph.queryOk<{
      networks: {
        nodes: Array<{
          code: string;
          plannedLaunch: string | null;
          launchedOn: string | null;
          memberCount: number;
          provenance: { synthetic: boolean; seed: string | null };
        }>;
      };
    }>('{ networks(filter: { synthetic: false }) { nodes { code plannedLaunch launchedOn memberCount provenance { synthetic seed } } } }');
    const byCode = new Map(data.networks.nodes.map((node) => [node.code, node]));
    expect([...byCode.keys()].sort()).toEqual(['chuong-trinh-100-chuyen-gia-ai', 'mang-luoi-chuyen-gia-ctr07', 'mang-luoi-sang-kien-ha-noi']);
    expect(byCode.get('mang-luoi-sang-kien-ha-noi')).toMatchObject({
      plannedLaunch: '2020-10',
      launchedOn: null,
      provenance: { synthetic: false, seed: '000' },
    });
    expect(byCode.get('mang-luoi-chuyen-gia-ctr07')!.provenance.seed).toBe('004');
    expect(byCode.get('chuong-trinh-100-chuyen-gia-ai')!.provenance.seed).toBe('001');
  });

  it('never returns contact details to an anonymous caller: root list and entity reference', async () => {
    const list = await graph.query<{ experts: { nodes: Array<{ contact: unknown }> } }>('{ experts(first: 5) { nodes { id contact { email phone } } } }');
    expect(list.data?.experts.nodes).toHaveLength(5);
    for (const node of list.data!.experts.nodes) expect(node.contact).toBeNull();
    expect(list.errors).toHaveLength(5);
    for (const error of list.errors!) expect(error.extensions?.code).toBe('FORBIDDEN');

    // Straight to the subgraph, the way the gateway resolves a reference from another subgraph.
    const id = DEFAULT_EXPERTS[3]!.expert.id;
    const entities = await graph.postToSubgraph<{ _entities: Array<{ contact: unknown; fullName: string }> }>(
      'experts',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Expert { fullName contact { email phone } } } }',
      { r: [{ __typename: 'Expert', id }] },
    );
    expect(entities.data?._entities[0]).toEqual({ fullName: DEFAULT_EXPERTS[3]!.expert.fullName, contact: null });
    expect(entities.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    for (const body of [JSON.stringify(list), JSON.stringify(entities)]) {
      expect(body).not.toContain('example.invalid');
      expect(body).not.toContain('+84 000');
    }
  });

  it('gives contact details to partners and admins only (the one resolver every path goes through)', async () => {
    const db = graph.dbOf('experts');
    const { expert, contact } = DEFAULT_EXPERTS[7]!;
    const contactOf = async (caller: Caller) => {
      const context: Context = createRequestContext(db, createLoaders, {}, caller);
      const resolve = Expert.contact as (parent: unknown, args: unknown, context: Context, info: GraphQLResolveInfo) => Promise<unknown>;
      const row = (await context.loaders.expert.load(expert.id!))!;
      return resolve(row, {}, context, {} as GraphQLResolveInfo);
    };
    await expect(contactOf({ role: 'partner', organizationId: organizationId('bo-khcn'), subject: 'test' })).resolves.toMatchObject({
      email: contact.email,
      phone: contact.phone,
    });
    await expect(contactOf({ role: 'admin', organizationId: null, subject: 'test' })).resolves.toMatchObject({ email: contact.email, phone: contact.phone });
    await expect(contactOf(ANONYMOUS)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    // Writing experts does not open their contact details: not even the steward's editors named for the domain.
    await expect(contactOf({ role: 'editor', organizationId: REGISTRY_STEWARD_ID, subject: 'test', domains: ['experts'] })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(contactOf({ role: 'integrator', organizationId: null, subject: 'test', scopes: ['CHANGES', 'WEBHOOKS'] })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('sends as many SQL statements for 100 experts as for 10, nested fields included', async () => {
    const query = `query ($n: Int) {
      experts(first: $n) { totalCount nodes {
        displayName expertiseAreas { code parent { code } } affiliations { country organization { id } }
        memberships { role: membershipRole network { name { vi } } } engagements { role: engagementRole target { __typename } }
      } }
      findExperts(first: $n, filter: { areas: ["2"], keywords: ["vat lieu"] }) { totalCount edges { score matchedAreas { code } node { expertiseAreas { code } } } }
    }`;
    const small = await graph.countQueries(() => graph.queryOk(query, { n: 10 }));
    const large = await graph.countQueries(() => graph.queryOk(query, { n: 100 }));
    expect(large).toBe(small);
    expect(small).toBeLessThan(20);
  });
});
