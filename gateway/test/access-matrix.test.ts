import { createClient as createSseClient } from 'graphql-sse';
import { allows, eventVisibleTo, type EventAccess, type Ownership, type RuleId } from '../../subgraphs/kernel/identity/access-policy';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { organizationId, REGISTRY_STEWARD_ID } from '../../subgraphs/kernel/reference/seed-refs';
import { postGraphQL } from '../../subgraphs/kernel/testing/http';
import { Receiver, FakeClock, TEST_CONFIG } from '../../subgraphs/integrations/test/webhook-helpers';
import { WebhookService } from '../../subgraphs/integrations/webhooks/service';
import { startTestGraph, type TestGraph } from '../testing';

/**
 * The "done when": role × sensitive item × access path finds zero leaks, and what
 * each role sees is what the README's matrix (rendered from kernel/identity/access-policy.ts) says.
 *
 * Sensitive items, written through the API as their owners would: a RESTRICTED dataset
 * granted to one ministry, an INTERNAL dataset, a DRAFT dataset, a PROVISIONAL observation,
 * and an expert's contact details. Paths: the root query, the same record reached through
 * another subgraph's entity, a direct `_entities` call to the owning subgraph with the
 * caller's assertion, the `changes` query, an SSE subscription replaying the feed, webhook
 * payloads (for the roles that may own endpoints), and `totalCount` and facet counts.
 *
 * A leak check is textual: a denied item's id (or email) must not occur anywhere in any
 * answer; an allowed one must occur where the path shows it, so the test also fails when a
 * rule is enforced too strictly.
 */

const PUBLISHER = organizationId('so-tttt-ha-noi');
const GRANTEE = organizationId('bo-khcn');
const OUTSIDER = organizationId('so-khdt-ha-noi');
const PROBE = 'matrixprobe';
const EMAIL = 'matrix.probe@example.vn';
/** The note of the grant: a term of `Dataset.accessGrants`, which only the publisher's editors and admins read. */
const GRANT_NOTE = 'matrixgrantnote';

interface Who {
  name: string;
  caller: Caller;
  headers(): Promise<Record<string, string>>;
}

interface Item {
  name: string;
  id: string;
  rule: RuleId;
  record: Ownership;
}

let graph: TestGraph;
let who: Who[];
let items: { restricted: Item; internal: Item; draft: Item; provisional: Item };
let publicDataset: string;
let expertId: string;
let indicator: { id: string; responsibleOrganizationId: string };
let sentinelObservation: string;
/** Events whose payloads carry fields under a field rule: a grant's terms, a published draft's `before`, an expert's contact. */
let grantId: string;
let publishedDraft: string;
let cursorBefore: string;
/** Webhook receivers of an integrator's and an admin's endpoints, created before any write. */
let hooks: Array<{ owner: 'integrator' | 'admin'; receiver: Receiver }>;

const sees = (whom: Who, item: Item) => allows(whom.caller, item.rule, item.record);
const seesContact = (whom: Who) => allows(whom.caller, 'personalData');
const allItems = () => Object.values(items);
const text = (value: unknown) => JSON.stringify(value);

/** Everything a caller's answer must and must not contain, per item. */
function expectExactly(whom: Who, answer: unknown, shown: Item[], path: string) {
  const body = text(answer);
  for (const item of shown) {
    const visible = sees(whom, item);
    if (body.includes(item.id) !== visible) {
      throw new Error(`${whom.name} ${visible ? 'misses' : 'LEAK: sees'} the ${item.name} via ${path}`);
    }
  }
}

/** Hands every committed outbox event to the change log now, instead of at the relay's next tick. */
async function flushRelays() {
  await Promise.all(Object.values(graph.subgraphs).map((subgraph) => subgraph.relay?.flush()));
}

async function as(whom: Who, query: string, variables?: Record<string, unknown>) {
  return postGraphQL(graph.gateway.url, query, variables, await whom.headers());
}

beforeAll(async () => {
  graph = await startTestGraph();
  const admin = graph.as('admin');
  const publisherEditor = graph.as('editor', PUBLISHER);

  // An indicator with a responsible department: that department's editors own its values.
  const { indicators } = await admin.queryOk<{ indicators: { nodes: Array<{ id: string; responsibleOrganization: { id: string } | null }> } }>(
    `{ indicators(first: 100) { nodes { id responsibleOrganization { id } } } }`,
  );
  const owned = indicators.nodes.find((node) => node.responsibleOrganization && node.responsibleOrganization.id !== PUBLISHER)!;
  indicator = { id: owned.id, responsibleOrganizationId: owned.responsibleOrganization!.id };
  const ownerEditor = graph.as('editor', indicator.responsibleOrganizationId);

  hooks = [];
  for (const owner of ['integrator', 'admin'] as const) {
    const receiver = await new Receiver(new FakeClock()).start();
    hooks.push({ owner, receiver });
    await graph.as(owner).queryOk(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`, {
      input: { url: receiver.url },
    });
  }

  const publish = async (suffix: string, accessLevel: string, extra: Record<string, unknown> = {}) => {
    const { publishDataset } = await publisherEditor.queryOk<{ publishDataset: { dataset: { id: string } } }>(
      `mutation ($input: PublishDatasetInput!) { publishDataset(input: $input) { dataset { id } } }`,
      { input: { identifier: `${PROBE}-${suffix}`, titleVi: `Bộ dữ liệu ${PROBE} ${suffix}`, publisherId: PUBLISHER, accessLevel, ...extra } },
    );
    return publishDataset.dataset.id;
  };
  // A public dataset feeding the indicator (the path from the catalogue into the programmes
  // subgraph), published first: its event is where the feed replays start from.
  publicDataset = await publish('public', 'PUBLIC', { feedsIndicatorIds: [indicator.id] });
  await flushRelays();
  const head = await admin.queryOk<{ changes: { edges: Array<{ cursor: string }> } }>(`{ changes(last: 1) { edges { cursor } } }`);
  cursorBefore = head.changes.edges[0]!.cursor;

  const restricted = await publish('restricted', 'RESTRICTED');
  const { grantDatasetAccess } = await publisherEditor.queryOk<{ grantDatasetAccess: { grant: { id: string } } }>(
    `mutation ($input: GrantDatasetAccessInput!) { grantDatasetAccess(input: $input) { grant { id } } }`,
    { input: { datasetId: restricted, organizationId: GRANTEE, note: `${GRANT_NOTE}: shared for the 2025 review` } },
  );
  grantId = grantDatasetAccess.grant.id;
  // Events carry the grants in force when they are written: the first one after the grant is
  // the granted ministry's first sight of the dataset in the feed.
  await publisherEditor.queryOk(`mutation ($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { id } } }`, {
    input: { id: restricted, expectedVersion: 1, titleVi: `Bộ dữ liệu ${PROBE} restricted (đã chia sẻ)` },
  });
  const internal = await publish('internal', 'INTERNAL');
  const draft = await publish('draft', 'PUBLIC', { draft: true });
  // A second draft, published: its `dataset.published` event is public, its `before` (the draft) is not.
  publishedDraft = await publish('draft-published', 'PUBLIC', { draft: true });
  await publisherEditor.queryOk(`mutation ($input: PublishDatasetDraftInput!) { publishDatasetDraft(input: $input) { dataset { id } } }`, {
    input: { id: publishedDraft, expectedVersion: 1 },
  });

  const record = async (periodStart: string, status: string, sourceDatasetId?: string) => {
    const { recordObservation } = await ownerEditor.queryOk<{ recordObservation: { observation: { id: string } } }>(
      `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`,
      { input: { indicatorId: indicator.id, periodKind: 'YEAR', periodStart, value: 1, status, ...(sourceDatasetId ? { sourceDatasetId } : {}) } },
    );
    return recordObservation.observation.id;
  };
  const provisional = await record('2011-01-01', 'PROVISIONAL');

  const { createExpert } = await graph
    .as('editor', REGISTRY_STEWARD_ID)
    .queryOk<{ createExpert: { expert: { id: string } } }>(`mutation ($input: CreateExpertInput!) { createExpert(input: $input) { expert { id } } }`, {
      input: {
        fullName: 'Matrix Probe',
        countryOfResidence: 'VN',
        affiliations: [{ organizationId: PUBLISHER, country: 'VN' }],
        contact: { email: EMAIL, phone: '+84 24 3000 0001' },
      },
    });
  expertId = createExpert.expert.id;

  // Every subgraph relays on its own clock, so the log orders events across subgraphs by arrival, not by
  // commit: relay everything first, so that the sentinel lands after every other event of the setup.
  await flushRelays();
  // Last, a public value citing the restricted dataset: every feed reader sees it, so it marks the end of the setup.
  sentinelObservation = await record('2010-01-01', 'FINAL', restricted);
  await flushRelays();

  items = {
    restricted: {
      name: 'RESTRICTED dataset',
      id: restricted,
      rule: 'restrictedDataset',
      record: { ownerOrganizationId: PUBLISHER, grantedOrganizationIds: [GRANTEE] },
    },
    internal: { name: 'INTERNAL dataset', id: internal, rule: 'internalDataset', record: { ownerOrganizationId: PUBLISHER } },
    draft: { name: 'DRAFT dataset', id: draft, rule: 'draftRecord', record: { ownerOrganizationId: PUBLISHER } },
    provisional: {
      name: 'PROVISIONAL observation',
      id: provisional,
      rule: 'draftRecord',
      record: { ownerOrganizationId: indicator.responsibleOrganizationId },
    },
  };

  const { createApiKey } = await admin.queryOk<{ createApiKey: { apiKey: { id: string }; secret: string } }>(
    `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret } }`,
    {
      input: {
        name: 'matrix partner key',
        role: 'PARTNER',
        organizationId: GRANTEE,
        scopes: ['CHANGES'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    },
  );

  const token = (name: string, caller: Caller, org?: string): Who => ({
    name,
    caller,
    headers: () => graph.as(caller.role, org ?? caller.organizationId ?? undefined).headers(),
  });
  const person = (role: Caller['role'], org: string | null, name: string) => token(name, { role, organizationId: org, subject: `dev-${role}` });
  who = [
    { name: 'anonymous', caller: { role: 'public', organizationId: null, subject: null }, headers: async () => ({}) },
    person('partner', GRANTEE, 'partner granted access'),
    person('partner', PUBLISHER, 'partner of the publisher'),
    person('partner', OUTSIDER, 'partner without a grant'),
    person('editor', PUBLISHER, 'editor of the publisher'),
    person('editor', indicator.responsibleOrganizationId, 'editor of the indicator’s department'),
    person('editor', OUTSIDER, 'editor of another department'),
    person('integrator', null, 'integrator'),
    person('admin', null, 'admin'),
    {
      name: 'partner API key (granted)',
      caller: { role: 'partner', organizationId: GRANTEE, subject: `apikey:${createApiKey.apiKey.id}`, scopes: ['CHANGES'], credential: 'apiKey' },
      headers: async () => ({ 'x-api-key': createApiKey.secret }),
    },
  ];
}, 300_000);

afterAll(async () => {
  await Promise.all((hooks ?? []).map((hook) => hook.receiver.stop()));
  await graph?.stop();
});

it('states the matrix the README shows: nobody anonymous sees a sensitive item, admins see all, grants matter', () => {
  const byName = (name: string) => who.find((whom) => whom.name === name)!;
  expect(allItems().filter((item) => sees(byName('anonymous'), item))).toEqual([]);
  expect(allItems().filter((item) => sees(byName('integrator'), item))).toEqual([]);
  expect(allItems().every((item) => sees(byName('admin'), item))).toBe(true);
  expect(sees(byName('partner granted access'), items.restricted)).toBe(true);
  expect(sees(byName('partner without a grant'), items.restricted)).toBe(false);
  expect(sees(byName('editor of the publisher'), items.draft)).toBe(true);
  expect(sees(byName('editor of the publisher'), items.provisional)).toBe(false);
  expect(sees(byName('editor of the indicator’s department'), items.provisional)).toBe(true);
  expect(sees(byName('editor of another department'), items.internal)).toBe(false);
});

describe.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('caller #%i', (index) => {
  const whom = () => who[index]!;
  const datasets = () => [items.restricted, items.internal, items.draft];

  it('root query: the catalogue list, its totalCount and facets, and lookups by id', async () => {
    const list = await as(
      whom(),
      `{ datasets(first: 50, filter: { search: "${PROBE}" }) {
      totalCount nodes { id } facets { accessLevels { accessLevel count } publishers { publisher { id } count } } } }`,
    );
    expect(list.errors).toBeUndefined();
    expectExactly(whom(), list.data, datasets(), 'datasets');
    // The two PUBLIC ones (the one feeding the indicator and the published draft), and the sensitive ones this caller may see.
    const expectedCount = 2 + datasets().filter((item) => sees(whom(), item)).length;
    const connection = (
      list.data as { datasets: { totalCount: number; facets: { accessLevels: Array<{ count: number }>; publishers: Array<{ count: number }> } } }
    ).datasets;
    expect(connection.totalCount).toBe(expectedCount);
    expect(connection.facets.accessLevels.reduce((sum, value) => sum + value.count, 0)).toBe(expectedCount);
    expect(connection.facets.publishers.reduce((sum, value) => sum + value.count, 0)).toBe(expectedCount);

    for (const item of datasets()) {
      const one = await as(whom(), `query ($id: ID) { dataset(id: $id) { id } }`, { id: item.id });
      expectExactly(whom(), one.data, [item], 'dataset(id)');
      if (!sees(whom(), item)) expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const observations = await as(whom(), `query ($id: ID!) { indicator(id: $id) { observations(first: 100) { nodes { id } } } }`, { id: indicator.id });
    expect(observations.errors).toBeUndefined();
    expectExactly(whom(), observations.data, [items.provisional], 'indicator.observations');
  });

  it('nested through another subgraph’s entity', async () => {
    // Organization (programmes) -> publishedDatasets (catalogue) and affiliatedExperts (experts).
    const org = await as(
      whom(),
      `query ($id: ID!) { organization(id: $id) {
      publishedDatasets(first: 100, synthetic: null) { totalCount nodes { id } }
      affiliatedExperts(synthetic: null) { id contact { email } } } }`,
      { id: PUBLISHER },
    );
    expectExactly(whom(), org.data, datasets(), 'organization.publishedDatasets');
    expect(text(org.data).includes(EMAIL)).toBe(seesContact(whom()));
    expect(text(org.data)).toContain(expertId);
    if (!seesContact(whom())) expect(org.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
    // Dataset (catalogue) -> feedsIndicators (programmes) -> observations.
    const feeds = await as(
      whom(),
      `query ($id: ID) { dataset(id: $id) { feedsIndicators { observations(first: 100) { nodes { id sourceDataset { id } } } } } }`,
      { id: publicDataset },
    );
    expect(text(feeds.data)).toContain(sentinelObservation);
    expectExactly(whom(), feeds.data, [items.provisional, items.restricted], 'dataset.feedsIndicators.observations');
  });

  it('a direct _entities call to the owning subgraph, with the gateway’s assertion of this caller', async () => {
    const entities = async (subgraph: string, representations: unknown[], selection: string) => {
      return graph.postToSubgraph(subgraph, `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations }, whom().caller);
    };
    const catalogue = await entities(
      'catalogue',
      datasets().map((item) => ({ __typename: 'Dataset', id: item.id })),
      '... on Dataset { id }',
    );
    expectExactly(whom(), catalogue.data, datasets(), 'catalogue _entities');
    const programmes = await entities('programmes', [{ __typename: 'Observation', id: items.provisional.id }], '... on Observation { id value }');
    expectExactly(whom(), programmes.data, [items.provisional], 'programmes _entities');
    const experts = await entities('experts', [{ __typename: 'Expert', id: expertId }], '... on Expert { id contact { email phone } }');
    expect(text(experts.data).includes(EMAIL)).toBe(seesContact(whom()));
  });

  it('the change feed: the changes query, its totalCount, and an SSE subscription replaying it', async () => {
    const ids = [...allItems().map((item) => item.id), expertId, sentinelObservation];
    const feed = await as(
      whom(),
      `query ($ids: [ID!]) { changes(first: 100, filter: { entityIds: $ids }) {
      totalCount nodes { entityId before after entity { ... on Expert { contact { email } } } } } }`,
      { ids },
    );
    expect(feed.errors?.filter((error) => error.extensions?.code !== 'FORBIDDEN') ?? []).toEqual([]);
    expectExactly(whom(), feed.data, allItems(), 'changes');
    const nodes = (feed.data as { changes: { totalCount: number; nodes: Array<{ entityId: string; before: unknown; after: unknown }> } }).changes;
    expect(nodes.totalCount).toBe(nodes.nodes.length);
    // Contact details never travel in event payloads, whoever reads them.
    expect(text(nodes.nodes.map((node) => [node.before, node.after]))).not.toContain(EMAIL);
    expect(nodes.nodes.map((node) => node.entityId)).toContain(sentinelObservation);

    const sse = createSseClient({ url: graph.gateway.url, fetchFn: fetch, retryAttempts: 0, headers: () => whom().headers() });
    const received: unknown[] = [];
    try {
      const iterator = sse.iterate({
        query: `subscription ($after: String, $ids: [ID!]) { changes(after: $after, filter: { entityIds: $ids }) { entityId after } }`,
        variables: { after: cursorBefore, ids },
      });
      for await (const result of iterator) {
        received.push(result);
        if (text(result).includes(sentinelObservation)) break;
      }
    } finally {
      sse.dispose();
    }
    expectExactly(whom(), received, allItems(), 'changes subscription (SSE)');
  });
});

interface PayloadNode {
  type: string;
  entityId: string;
  changedFields: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What the events under field rules showed a reader. */
function payloadFacts(nodes: PayloadNode[]) {
  const grant = nodes.filter((node) => node.entityId === grantId);
  const expert = nodes.find((node) => node.entityId === expertId && node.type === 'expert.created');
  const published = nodes.find((node) => node.entityId === publishedDraft && node.type === 'dataset.published');
  return {
    grantEventSeen: grant.length > 0,
    grantTermsShown: text(grant).includes(GRANT_NOTE) || grant.some((node) => node.after?.organizationId !== undefined || node.after?.grantedBy !== undefined),
    contactNamed: expert?.changedFields.includes('contact') ?? 'no expert.created event',
    draftBeforeShown: published ? published.before !== null : 'no dataset.published event',
  };
}

/** The same facts as the policy declares them for `caller` (kernel/identity/access-policy.ts). */
function expectedFacts(caller: Caller) {
  const grantAccess: EventAccess = { level: 'RESTRICTED', ownerOrganizationId: PUBLISHER, grantedOrganizationIds: [GRANTEE] };
  const grantEventSeen = eventVisibleTo(caller, grantAccess);
  return {
    grantEventSeen,
    grantTermsShown: grantEventSeen && allows(caller, 'grantDatasetAccess', { ownerOrganizationId: PUBLISHER }),
    contactNamed: allows(caller, 'personalData'),
    draftBeforeShown: allows(caller, 'draftRecord', { ownerOrganizationId: PUBLISHER }),
  };
}

const PAYLOAD_SELECTION = 'type entityId changedFields before after';

describe.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('caller #%i: event payloads', (index) => {
  const whom = () => who[index]!;
  const ids = () => [grantId, expertId, publishedDraft, sentinelObservation];

  it('attack 4 (the change feed shows fields the query path forbids): the changes query and an SSE replay filter before/after/changedFields by every field rule', async () => {
    const feed = await as(whom(), `query ($ids: [ID!]) { changes(first: 100, filter: { entityIds: $ids }) { nodes { ${PAYLOAD_SELECTION} } } }`, {
      ids: ids(),
    });
    expect(feed.errors).toBeUndefined();
    const nodes = (feed.data as { changes: { nodes: PayloadNode[] } }).changes.nodes;
    expect({ who: whom().name, ...payloadFacts(nodes) }).toEqual({ who: whom().name, ...expectedFacts(whom().caller) });

    const sse = createSseClient({ url: graph.gateway.url, fetchFn: fetch, retryAttempts: 0, headers: () => whom().headers() });
    const received: PayloadNode[] = [];
    try {
      const iterator = sse.iterate({
        query: `subscription ($after: String, $ids: [ID!]) { changes(after: $after, filter: { entityIds: $ids }) { ${PAYLOAD_SELECTION} } }`,
        variables: { after: cursorBefore, ids: ids() },
      });
      for await (const result of iterator) {
        const node = (result.data as { changes: PayloadNode } | undefined)?.changes;
        if (node) received.push(node);
        if (node?.entityId === sentinelObservation) break;
      }
    } finally {
      sse.dispose();
    }
    expect({ who: whom().name, ...payloadFacts(received) }).toEqual({ who: whom().name, ...expectedFacts(whom().caller) });
  });
});

it('webhook payloads: an endpoint receives only what its owner may see', async () => {
  const worker = new WebhookService(graph.dbOf('integrations'), {
    instanceId: 'matrix',
    config: TEST_CONFIG,
  });
  const bodies = (receiver: Receiver) => text(receiver.received.map((delivery) => delivery.body));
  worker.start();
  try {
    // Order holds per entity only: wait for each event a hook must get (the grant's go to admins only), not
    // just its entity's first one (the draft's creation comes before its publication).
    const got = (hook: (typeof hooks)[number], entityId: string, type?: string) =>
      hook.receiver.received.some((delivery) => {
        const node = JSON.parse(delivery.body) as PayloadNode;
        return node.entityId === entityId && (type === undefined || node.type === type);
      });
    const pending = () =>
      hooks.some(
        (hook) =>
          !got(hook, sentinelObservation) ||
          !got(hook, expertId, 'expert.created') ||
          !got(hook, publishedDraft, 'dataset.published') ||
          (hook.owner === 'admin' && !got(hook, grantId)),
      );
    for (let waited = 0; pending() && waited < 20_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await worker.stop();
  }
  for (const hook of hooks) {
    const owner = who.find((whom) => whom.name === hook.owner)!;
    expect(bodies(hook.receiver)).toContain(sentinelObservation);
    expectExactly(
      owner,
      hook.receiver.received.map((delivery) => delivery.body),
      allItems(),
      'webhook payloads',
    );
    expect(bodies(hook.receiver)).not.toContain(EMAIL);
    // Attack 4 through webhooks: the payload's field rules are its owner's.
    const payloads = hook.receiver.received.map((delivery) => JSON.parse(delivery.body) as PayloadNode);
    expect({ owner: hook.owner, ...payloadFacts(payloads) }).toEqual({ owner: hook.owner, ...expectedFacts(owner.caller) });
  }
}, 60_000);
