import { startTestGraph, type TestClient, type TestGraph } from '../../../gateway/testing';
import { ANONYMOUS } from '../../kernel/identity/caller';
import { indicatorId, organizationId } from '../../kernel/reference/seed-refs';

/**
 * The dataset an observation cites (`Observation.sourceDataset`, `ObservationRevision.sourceDataset`)
 * is resolved by the catalogue under its access rules, through the gateway (@requires): a caller
 * who may not see the dataset gets null and never its id, on the observation, its revisions and
 * the change events of its writes (which leave the id out for everyone).
 */

const PUBLISHER = organizationId('so-khcn-ha-noi');
const GRANTEE = organizationId('so-tttt-ha-noi');
const OUTSIDER = organizationId('bo-noi-vu');
const TFP = indicatorId('CTR07-TFP');
/** TFP's responsible department: its editors record TFP's values (and may not see the restricted dataset). */
const TFP_OWNER = organizationId('so-khdt-ha-noi');

const PUBLISH = `mutation ($input: PublishDatasetInput!) { publishDataset(input: $input) { dataset { id } } }`;
const RECORD = `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`;
const REVISE = `mutation ($input: ReviseObservationInput!) { reviseObservation(input: $input) { observation { id revision } } }`;
const OBSERVATION = `query ($id: ID!) {
  indicator(id: $id) { observations(from: "2030-01-01", first: 100) { nodes { id revision sourceDataset { id } revisions { id revision sourceDataset { id } } } } }
}`;
const CHANGES = `query ($ids: [ID!]) {
  changes(first: 50, filter: { entityIds: $ids }) {
    nodes { type changedFields before after entity { ... on Observation { id sourceDataset { id } } } }
  }
}`;

interface ObservationData {
  indicator: {
    observations: {
      nodes: Array<{
        id: string;
        revision: number;
        sourceDataset: { id: string } | null;
        revisions: Array<{ id: string; revision: number; sourceDataset: { id: string } | null }>;
      }>;
    };
  };
}
interface ChangesData {
  changes: {
    nodes: Array<{
      type: string;
      changedFields: string[];
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      entity: { id: string; sourceDataset: { id: string } | null } | null;
    }>;
  };
}

let graph: TestGraph;
let restricted: string;
let publicDataset: string;
let citing: string;
let recited: string;

/** A gateway client for a role (anonymous: no credential at all). */
function clientOf(role: 'public' | 'partner' | 'editor' | 'admin', organization?: string): TestClient {
  if (role === 'public') {
    return {
      headers: async () => ({}),
      query: <T>(text: string, variables?: Record<string, unknown>) => graph.query<T>(text, variables),
      queryOk: <T>(text: string, variables?: Record<string, unknown>) => graph.queryOk<T>(text, variables),
    };
  }
  return graph.as(role, organization);
}

const CALLERS: Array<{ name: string; client: () => TestClient; seesRestricted: boolean }> = [
  { name: 'anonymous', client: () => clientOf('public'), seesRestricted: false },
  { name: 'partner without a grant', client: () => clientOf('partner', OUTSIDER), seesRestricted: false },
  {
    name: 'editor of the indicator’s department (it cited the dataset, but does not publish it)',
    client: () => clientOf('editor', TFP_OWNER),
    seesRestricted: false,
  },
  { name: 'partner granted access', client: () => clientOf('partner', GRANTEE), seesRestricted: true },
  { name: 'editor of the publisher', client: () => clientOf('editor', PUBLISHER), seesRestricted: true },
  { name: 'admin', client: () => clientOf('admin'), seesRestricted: true },
];

beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes', 'catalogue', 'integrations'] });
  const publisher = graph.as('editor', PUBLISHER);
  const publish = async (identifier: string, accessLevel: string) =>
    (
      await publisher.queryOk<{ publishDataset: { dataset: { id: string } } }>(PUBLISH, {
        input: { identifier, titleVi: `Nguồn số liệu ${identifier}`, publisherId: PUBLISHER, accessLevel },
      })
    ).publishDataset.dataset.id;
  restricted = await publish('nguon-so-lieu-han-che', 'RESTRICTED');
  publicDataset = await publish('nguon-so-lieu-cong-khai', 'PUBLIC');
  await publisher.queryOk(`mutation ($input: GrantDatasetAccessInput!) { grantDatasetAccess(input: $input) { grant { id } } }`, {
    input: { datasetId: restricted, organizationId: GRANTEE },
  });

  const editor = graph.as('editor', TFP_OWNER);
  const record = async (periodStart: string, sourceDatasetId?: string) =>
    (
      await editor.queryOk<{ recordObservation: { observation: { id: string } } }>(RECORD, {
        input: { indicatorId: TFP, periodKind: 'YEAR', periodStart, value: 50, status: 'FINAL', ...(sourceDatasetId ? { sourceDatasetId } : {}) },
      })
    ).recordObservation.observation.id;
  // Cites the restricted dataset, then is revised without touching the citation.
  citing = await record('2030-01-01', restricted);
  await editor.queryOk(REVISE, { input: { observationId: citing, expectedRevision: 1, value: 51 } });
  // Cites nothing, then is revised to cite the public dataset.
  recited = await record('2031-01-01');
  await editor.queryOk(REVISE, { input: { observationId: recited, expectedRevision: 1, sourceDatasetId: publicDataset } });
  await graph.subgraphs.programmes!.relay!.flush();
}, 120_000);
afterAll(() => graph?.stop());

describe.each(CALLERS.map((caller) => [caller.name, caller] as const))('%s', (_name, { client, seesRestricted }) => {
  it('sees the cited restricted dataset on the observation and each revision only if the catalogue lets it see the dataset', async () => {
    const response = await client().query<ObservationData>(OBSERVATION, { id: TFP });
    expect(response.errors).toBeUndefined();
    const observation = response.data!.indicator.observations.nodes.find((o) => o.id === citing)!;
    const expected = seesRestricted ? { id: restricted } : null;
    expect(observation).toMatchObject({ revision: 2, sourceDataset: expected });
    expect(observation.revisions.map((r) => [r.revision, r.sourceDataset])).toEqual([
      [1, expected],
      [2, expected],
    ]);
    expect(JSON.stringify(response).includes(restricted)).toBe(seesRestricted);
    // The public dataset is everyone's, whichever revision cites it.
    const other = response.data!.indicator.observations.nodes.find((o) => o.id === recited)!;
    expect(other.revisions.map((r) => r.sourceDataset)).toEqual([null, { id: publicDataset }]);
  });

  it('never gets a dataset id from the change events: only `changedFields` says the citation changed; `entity` answers by the catalogue’s rules', async () => {
    const { changes } = await client().queryOk<ChangesData>(CHANGES, { ids: [citing, recited] });
    const ofCiting = changes.nodes.filter((node) => node.entity?.id === citing || node.after?.id === citing);
    expect(ofCiting.map((node) => node.type)).toEqual(['indicator.observation.recorded', 'indicator.observation.revised']);
    for (const node of changes.nodes) {
      for (const snapshot of [node.before, node.after]) {
        if (snapshot) expect(Object.keys(snapshot)).not.toContain('sourceDatasetId');
      }
      expect(JSON.stringify([node.before, node.after])).not.toContain(restricted);
      expect(JSON.stringify([node.before, node.after])).not.toContain(publicDataset);
    }
    expect(ofCiting[0]!.changedFields).toContain('sourceDataset');
    expect(ofCiting[1]!.changedFields).toEqual(['revision', 'value']);
    expect(ofCiting.map((node) => node.entity?.sourceDataset ?? null)).toEqual(seesRestricted ? [{ id: restricted }, { id: restricted }] : [null, null]);
    expect(JSON.stringify(changes).includes(restricted)).toBe(seesRestricted);

    const revised = changes.nodes.find((node) => node.type === 'indicator.observation.revised' && node.after?.id === recited)!;
    expect(revised.changedFields).toEqual(['revision', 'sourceDataset']);
  });
});

/** A direct `_entities` call to the catalogue, as the gateway sends it for `caller`. */
async function catalogueEntities(caller: Parameters<TestGraph['assertionHeadersFor']>[1], representations: unknown[]): Promise<unknown[]> {
  const response = await graph.postToSubgraph<{ _entities: unknown[] }>(
    'catalogue',
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Observation { sourceDataset { id } } ... on ObservationRevision { sourceDataset { id } } } }`,
    { r: representations },
    caller,
  );
  expect(response.errors).toBeUndefined();
  return response.data!._entities;
}

it('a direct _entities call to the catalogue judges the dataset id a representation carries, by the caller asserted', async () => {
  const representations = [
    { __typename: 'Observation', id: citing, sourceDatasetId: restricted },
    { __typename: 'ObservationRevision', id: 'any', sourceDatasetId: restricted },
  ];
  expect(await catalogueEntities(ANONYMOUS, representations)).toEqual([{ sourceDataset: null }, { sourceDataset: null }]);
  expect(await catalogueEntities({ role: 'partner', organizationId: OUTSIDER, subject: 'outsider' }, representations)).toEqual([
    { sourceDataset: null },
    { sourceDataset: null },
  ]);
  expect(await catalogueEntities({ role: 'partner', organizationId: GRANTEE, subject: 'grantee' }, representations)).toEqual([
    { sourceDataset: { id: restricted } },
    { sourceDataset: { id: restricted } },
  ]);
});

it('loads the datasets of 5 or 50 observations in the same statements (no N+1)', async () => {
  const admin = graph.as('admin');
  const { datasets } = await admin.queryOk<{ datasets: { nodes: Array<{ id: string }> } }>(`{ datasets(first: 50) { nodes { id } } }`);
  expect(datasets.nodes.length).toBe(50);
  const resolve = (ids: Array<{ id: string }>) => () =>
    catalogueEntities(
      { role: 'admin', organizationId: null, subject: 'admin' },
      ids.map((dataset, i) => ({ __typename: 'Observation', id: `observation-${i}`, sourceDatasetId: dataset.id })),
    );
  const statements = (ids: Array<{ id: string }>) => graph.fewestStatements('catalogue', resolve(ids));
  // One statement for the datasets, however many observations cite them.
  expect(await statements(datasets.nodes.slice(0, 5))).toBe(1);
  expect(await statements(datasets.nodes)).toBe(1);
});

it('programmes resolves an ObservationRevision reference by its id, as the caller may see it', async () => {
  const { indicator } = await clientOf('admin').queryOk<ObservationData>(OBSERVATION, { id: TFP });
  const revisionIds = indicator.observations.nodes.find((o) => o.id === citing)!.revisions.map((r) => r.id);
  const response = await graph.postToSubgraph<{ _entities: Array<{ id: string; revision: number } | null> }>(
    'programmes',
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ObservationRevision { id revision } } }`,
    { r: [...revisionIds, 'unknown'].map((id) => ({ __typename: 'ObservationRevision', id })) },
    ANONYMOUS,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!._entities).toEqual([{ id: revisionIds[0], revision: 1 }, { id: revisionIds[1], revision: 2 }, null]);
});
