import { allows, type Ownership, type RuleId } from '../../subgraphs/kernel/identity/access-policy';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { organizationId, REGISTRY_STEWARD_ID } from '../../subgraphs/kernel/reference/seed-refs';
import { startTestGraph, type TestGraph } from '../testing';

/**
 * Relay's `node(id:)` / `nodes(ids:)` under the same access rules as each type's own query:
 * for a record the caller may not read (DRAFT, RESTRICTED dataset, PROVISIONAL observation)
 * the answer is exactly the answer for an id nobody has, through the gateway, through `nodes`
 * and through `_entities` of `Node` straight at the integrations subgraph. Who may read what
 * comes from kernel/identity/access-policy.ts, so a rule change moves the expectations with it.
 */

const PUBLISHER = organizationId('so-tttt-ha-noi');
const GRANTEE = organizationId('bo-khcn');
const OUTSIDER = organizationId('so-khdt-ha-noi');
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface Who {
  name: string;
  caller: Caller;
  headers(): Promise<Record<string, string>>;
}

interface Item {
  name: string;
  id: string;
  typename: string;
  rule: RuleId;
  record: Ownership;
}

let graph: TestGraph;
let who: Who[];
let items: Item[];
let publicDataset: string;
let expertId: string;

const DATASET_FIELDS = 'id title { vi } accessLevel datasetStatus';
const NODE_QUERY = `query ($id: ID!) { node(id: $id) { __typename id ... on Dataset { ${DATASET_FIELDS} } ... on Observation { value observationStatus } } }`;
const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Node { __typename id } } }';

/** What a client gets (status, data, errors), without the headers that differ per response. */
async function answer(whom: Who, query: string, variables: Record<string, unknown>) {
  const { status, data, errors } = await graph.query(query, variables, await whom.headers());
  return { status, data, errors };
}

beforeAll(async () => {
  graph = await startTestGraph();
  const publisherEditor = graph.as('editor', PUBLISHER);
  const publish = async (suffix: string, accessLevel: string, extra: Record<string, unknown> = {}) => {
    const { publishDataset } = await publisherEditor.queryOk<{ publishDataset: { dataset: { id: string } } }>(
      `mutation ($input: PublishDatasetInput!) { publishDataset(input: $input) { dataset { id } } }`,
      { input: { identifier: `nodeprobe-${suffix}`, titleVi: `Bộ dữ liệu nodeprobe ${suffix}`, publisherId: PUBLISHER, accessLevel, ...extra } },
    );
    return publishDataset.dataset.id;
  };
  publicDataset = await publish('public', 'PUBLIC');
  const restricted = await publish('restricted', 'RESTRICTED');
  await publisherEditor.queryOk(`mutation ($input: GrantDatasetAccessInput!) { grantDatasetAccess(input: $input) { grant { id } } }`, {
    input: { datasetId: restricted, organizationId: GRANTEE },
  });
  const draft = await publish('draft', 'PUBLIC', { draft: true });

  const { indicators } = await graph.queryOk<{ indicators: { nodes: Array<{ id: string; responsibleOrganization: { id: string } | null }> } }>(
    `{ indicators(first: 100) { nodes { id responsibleOrganization { id } } } }`,
  );
  const indicator = indicators.nodes.find((node) => node.responsibleOrganization && node.responsibleOrganization.id !== PUBLISHER)!;
  const department = indicator.responsibleOrganization!.id;
  const { recordObservation } = await graph
    .as('editor', department)
    .queryOk<{ recordObservation: { observation: { id: string } } }>(
      `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`,
      { input: { indicatorId: indicator.id, periodKind: 'YEAR', periodStart: '2011-01-01', value: 1, status: 'PROVISIONAL' } },
    );

  const { createExpert } = await graph
    .as('editor', REGISTRY_STEWARD_ID)
    .queryOk<{ createExpert: { expert: { id: string } } }>(`mutation ($input: CreateExpertInput!) { createExpert(input: $input) { expert { id } } }`, {
      input: { fullName: 'Node Probe', countryOfResidence: 'VN', contact: { email: 'node.probe@example.vn' } },
    });
  expertId = createExpert.expert.id;

  items = [
    {
      name: 'RESTRICTED dataset',
      id: restricted,
      typename: 'Dataset',
      rule: 'restrictedDataset',
      record: { ownerOrganizationId: PUBLISHER, grantedOrganizationIds: [GRANTEE] },
    },
    { name: 'DRAFT dataset', id: draft, typename: 'Dataset', rule: 'draftRecord', record: { ownerOrganizationId: PUBLISHER } },
    {
      name: 'PROVISIONAL observation',
      id: recordObservation.observation.id,
      typename: 'Observation',
      rule: 'draftRecord',
      record: { ownerOrganizationId: department },
    },
  ];
  const person = (role: Caller['role'], org: string | null, name: string): Who => ({
    name,
    caller: { role, organizationId: org, subject: `dev-${role}` },
    headers: () => graph.as(role, org ?? undefined).headers(),
  });
  who = [
    { name: 'anonymous', caller: { role: 'public', organizationId: null, subject: null }, headers: async () => ({}) },
    person('partner', GRANTEE, 'partner granted access'),
    person('partner', OUTSIDER, 'partner without a grant'),
    person('editor', PUBLISHER, 'editor of the publisher'),
    person('editor', OUTSIDER, 'editor of another department'),
  ];
}, 300_000);

afterAll(async () => {
  await graph?.stop();
});

it('covers callers that may and may not read each item (the test can fail both ways)', () => {
  for (const item of items) {
    const readers = who.filter((whom) => allows(whom.caller, item.rule, item.record));
    expect(readers.length).toBeGreaterThan(0);
    expect(readers.length).toBeLessThan(who.length);
  }
});

it('answers node(id) of an unreadable record exactly as an unknown id, and a readable one in full', async () => {
  for (const whom of who) {
    const unknown = await answer(whom, NODE_QUERY, { id: UNKNOWN });
    expect((await answer(whom, NODE_QUERY, { id: publicDataset })).data?.node).toMatchObject({
      __typename: 'Dataset',
      id: publicDataset,
      datasetStatus: 'PUBLISHED',
    });
    expect(unknown).toEqual({ status: 200, data: { node: null } });
    for (const item of items) {
      const got = await answer(whom, NODE_QUERY, { id: item.id });
      if (allows(whom.caller, item.rule, item.record)) {
        expect({ who: whom.name, item: item.name, node: got.data?.node }).toEqual({
          who: whom.name,
          item: item.name,
          node: expect.objectContaining({ __typename: item.typename, id: item.id }),
        });
      } else {
        expect({ who: whom.name, item: item.name, answer: got }).toEqual({ who: whom.name, item: item.name, answer: unknown });
      }
    }
  }
});

it('answers a readable node with the same fields as the type’s own query', async () => {
  for (const whom of who) {
    const datasets = [
      { id: publicDataset, readable: true },
      ...items.filter((item) => item.typename === 'Dataset').map((item) => ({ id: item.id, readable: allows(whom.caller, item.rule, item.record) })),
    ];
    for (const { id, readable } of datasets) {
      const own = await answer(whom, `query ($id: ID!) { dataset(id: $id) { __typename ${DATASET_FIELDS} } }`, { id });
      const node = await answer(whom, NODE_QUERY, { id });
      expect(node.errors).toBeUndefined();
      // The type's own lookup says NOT_FOUND for what the caller may not read; `node` says null, as for any unknown id.
      expect(own.errors?.map((error) => error.extensions?.code)).toEqual(readable ? undefined : ['NOT_FOUND']);
      expect({ who: whom.name, node: node.data?.node ?? null }).toEqual({ who: whom.name, node: readable ? own.data?.dataset : null });
    }
    // Personal data: the node answers as `expert(id:)` does, the contact only for those who may read it.
    const fields = '__typename id fullName contact { email }';
    const own = await answer(whom, `query ($id: ID!) { expert(id: $id) { ${fields} } }`, { id: expertId });
    const node = await answer(whom, `query ($id: ID!) { node(id: $id) { ... on Expert { ${fields} } } }`, { id: expertId });
    expect(node.data?.node).toEqual(own.data?.expert);
    expect(node.errors?.map((error) => error.extensions?.code)).toEqual(own.errors?.map((error) => error.extensions?.code));
    expect(JSON.stringify(node).includes('node.probe@example.vn')).toBe(allows(whom.caller, 'personalData'));
  }
});

it('answers nodes(ids) in order, null where node(id) is null', async () => {
  const ids = [publicDataset, UNKNOWN, 'not-a-uuid', ...items.map((item) => item.id), expertId];
  for (const whom of who) {
    const got = await answer(whom, `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    expect(got.errors).toBeUndefined();
    const expected = [
      { __typename: 'Dataset', id: publicDataset },
      null,
      null,
      ...items.map((item) => (allows(whom.caller, item.rule, item.record) ? { __typename: item.typename, id: item.id } : null)),
      { __typename: 'Expert', id: expertId },
    ];
    expect({ who: whom.name, nodes: got.data?.nodes }).toEqual({ who: whom.name, nodes: expected });
  }
});

it('refuses more than 100 ids with a coded BAD_USER_INPUT', async () => {
  const ids = Array.from({ length: 101 }, () => UNKNOWN);
  const got = await graph.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
  expect(got.data ?? null).toBeNull();
  expect(got.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  expect(got.errors?.[0]?.message).toMatch(/at most 100 ids/);
});

it('answers _entities of Node straight at the integrations subgraph as node(id) does', async () => {
  for (const whom of who) {
    const representations = [UNKNOWN, publicDataset, ...items.map((item) => item.id)].map((id) => ({ __typename: 'Node', id }));
    const got = await graph.postToSubgraph('integrations', ENTITIES, { representations }, whom.caller);
    expect(got.errors).toBeUndefined();
    const expected = [
      null,
      { __typename: 'Dataset', id: publicDataset },
      ...items.map((item) => (allows(whom.caller, item.rule, item.record) ? { __typename: item.typename, id: item.id } : null)),
    ];
    expect({ who: whom.name, entities: got.data?._entities }).toEqual({ who: whom.name, entities: expected });
    // A concrete type tells no more: a hidden record's representation is null there too.
    const concrete = await graph.postToSubgraph(
      'integrations',
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Dataset { id } } }',
      { representations: items.filter((item) => item.typename === 'Dataset').map((item) => ({ __typename: 'Dataset', id: item.id })) },
      whom.caller,
    );
    expect(concrete.data?._entities).toEqual(
      items.filter((item) => item.typename === 'Dataset').map((item) => (allows(whom.caller, item.rule, item.record) ? { id: item.id } : null)),
    );
  }
});
