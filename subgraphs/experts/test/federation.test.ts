import { startTestGraph, type TestGraph } from '../../../gateway/testing';
import { organizationId, programmeId, syntheticId } from '../../kernel/reference/seed-refs';
import { DEFAULT_EXPERTS } from './expected';

/** Engagements and contributed fields across subgraphs: the records they reach belong to programmes and startups. */
describe('experts joined with programmes and startups', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'startups', 'experts'] });
  });
  afterAll(() => graph?.stop());

  it("reaches a research project and a startup owned by other subgraphs from an expert's engagements, in one request", async () => {
    const { expert } = DEFAULT_EXPERTS.find(({ engagements }) =>
      ['ResearchProject', 'Startup'].every((type) => engagements.some((engagement) => engagement.targetType === type && engagement.status !== 'DECLINED')),
    )!;
    const data = await graph.queryOk<{
      expert: { engagements: Array<{ role: string; target: { __typename: string; id: string; title?: { vi: string }; name?: { vi: string } } }> };
    }>(
      `query ($id: ID) { expert(id: $id) { engagements { role: engagementRole status: engagementStatus target {
        __typename
        ... on ResearchProject { id title { vi } }
        ... on Startup { id name { vi } }
      } } } }`,
      { id: expert.id },
    );
    const project = data.expert.engagements.find((engagement) => engagement.target.__typename === 'ResearchProject')!;
    const startup = data.expert.engagements.find((engagement) => engagement.target.__typename === 'Startup')!;
    expect(project.target.title?.vi).toEqual(expect.any(String)); // from the programmes subgraph
    expect(startup.target.name).toEqual({ vi: expect.any(String) }); // from the startups subgraph
  });

  it('adds reviewers to research projects, mentors to startups and advisers to the programme', async () => {
    const data = await graph.queryOk<{
      researchProject: { reviewers: Array<{ id: string }> };
      startup: { mentors: Array<{ id: string }> };
      programme: { advisers: Array<{ id: string }> };
    }>(
      `query ($rp: ID, $s: ID!) {
        researchProject(id: $rp) { reviewers { id } }
        startup(id: $s) { mentors { id } }
        programme(code: "07-CTr/TU") { advisers(synthetic: true) { id } }
      }`,
      { rp: syntheticId('ResearchProject', 0), s: syntheticId('Startup', 0) },
    );
    const engagedOn = (role: string, targetId: string) =>
      DEFAULT_EXPERTS.filter(({ engagements }) => engagements.some((e) => e.role === role && e.targetId === targetId && e.status !== 'DECLINED'))
        .map(({ expert }) => expert.id)
        .sort();
    expect(data.researchProject.reviewers.map((e) => e.id).sort()).toEqual(engagedOn('REVIEWER', syntheticId('ResearchProject', 0)));
    expect(data.startup.mentors.map((e) => e.id).sort()).toEqual(engagedOn('MENTOR', syntheticId('Startup', 0)));
    expect(data.programme.advisers.map((e) => e.id).sort()).toEqual(engagedOn('ADVISER', programmeId('07-CTr/TU')));
    expect(data.researchProject.reviewers.length).toBeGreaterThan(0);
  });

  it('adds the experts currently affiliated with an organisation', async () => {
    const organization = organizationId('so-khcn-ha-noi');
    const data = await graph.queryOk<{ organization: { name: { vi: string }; affiliatedExperts: Array<{ id: string }> } }>(
      'query ($id: ID!) { organization(id: $id) { name { vi } affiliatedExperts(first: 100, synthetic: true) { id } } }',
      { id: organization },
    );
    const expected = DEFAULT_EXPERTS.filter(({ affiliations }) => affiliations.some((a) => a.organizationId === organization && !a.endedOn)).map(
      ({ expert }) => expert.id,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThanOrEqual(100);
    expect(data.organization.affiliatedExperts.map((e) => e.id).sort()).toEqual(expected.sort());
    const limited = await graph.queryOk<{ organization: { affiliatedExperts: Array<{ id: string }> } }>(
      'query ($id: ID!) { organization(id: $id) { affiliatedExperts(first: 2, synthetic: true) { id } } }',
      { id: organization },
    );
    expect(limited.organization.affiliatedExperts).toHaveLength(Math.min(2, expected.length));
  });

  it('never returns contact details to an anonymous caller reaching experts through another subgraph', async () => {
    const result = await graph.query<{ researchProjects: { nodes: Array<{ reviewers: Array<{ fullName: string; contact: unknown }> }> } }>(
      '{ researchProjects(first: 20) { nodes { reviewers { fullName contact { email phone } } } } }',
    );
    const reviewers = result.data!.researchProjects.nodes.flatMap((node) => node.reviewers);
    expect(reviewers.length).toBeGreaterThan(0);
    for (const reviewer of reviewers) expect(reviewer.contact).toBeNull();
    expect(result.errors?.length).toBe(reviewers.length);
    for (const error of result.errors!) {
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(error.path?.slice(0, 2)).toEqual(['researchProjects', 'nodes']);
    }
    expect(JSON.stringify(result)).not.toContain('example.invalid');
  });

  it('sends as many SQL statements for 100 parents as for 10 (contributed fields are batched)', async () => {
    const query = `query ($n: Int) {
      researchProjects(first: $n) { nodes { id reviewers { id expertiseAreas { code } } councilMembers { id } } }
      startups(first: $n) { nodes { id mentors { id } } }
      startupProjects(first: $n) { nodes { id mentors { id } } }
      organizations(first: $n) { nodes { id affiliatedExperts(first: 5, synthetic: null) { id } } }
    }`;
    const small = await graph.countQueries(() => graph.queryOk(query, { n: 10 }));
    const large = await graph.countQueries(() => graph.queryOk(query, { n: 100 }));
    expect(large).toBe(small);
  });
});
