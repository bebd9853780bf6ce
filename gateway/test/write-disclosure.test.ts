import { newId } from '../../subgraphs/kernel/platform/ids';
import { organizationId, REGISTRY_STEWARD_ID } from '../../subgraphs/kernel/reference/seed-refs';
import { Receiver, FakeClock } from '../../subgraphs/integrations/test/webhook-helpers';
import { startTestGraph, type TestClient, type TestGraph } from '../testing';

/**
 * Attack 3 of the "safe under public traffic" issue: writes revealed what reads hide. An editor
 * named for the `catalogue` domain got NOT_FOUND reading another organisation's INTERNAL
 * dataset, but CONFLICT with `currentVersion` from `updateDataset(expectedVersion: -1)`, and a
 * no-op update answered with the whole record, bumped its version and emitted an event.
 *
 * The rule, for every subgraph's writes to existing records (kernel/subgraph/locking.ts `admitWrite`):
 * a caller who may not read the record gets exactly what an unknown id gets, before any
 * version check; CONFLICT (with `currentVersion`) reaches only callers who may read it; an
 * update that changes nothing moves no version and emits no event (kernel/subgraph/outbox.ts).
 */

type Json = Record<string, unknown>;

const PUBLISHER = organizationId('so-tttt-ha-noi');
const GRANTEE = organizationId('bo-khcn');
const OUTSIDER = organizationId('so-khdt-ha-noi');

const UPDATE_DATASET = `mutation ($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { id version title { vi } contactPoint { email } distributions { downloadUrl } } } }`;
const WITHDRAW_DATASET = `mutation ($input: WithdrawDatasetInput!) { withdrawDataset(input: $input) { dataset { id version } } }`;
const PUBLISH_DRAFT = `mutation ($input: PublishDatasetDraftInput!) { publishDatasetDraft(input: $input) { dataset { id version } } }`;
const CREATE_DISTRIBUTION = `mutation ($input: CreateDistributionInput!) { createDistribution(input: $input) { distribution { id } } }`;
const UPDATE_DISTRIBUTION = `mutation ($input: UpdateDistributionInput!) { updateDistribution(input: $input) { distribution { id version } } }`;
const REMOVE_DISTRIBUTION = `mutation ($input: RemoveDistributionInput!) { removeDistribution(input: $input) { removedDistributionId } }`;
const GRANT = `mutation ($input: GrantDatasetAccessInput!) { grantDatasetAccess(input: $input) { grant { id } } }`;
const REVOKE = `mutation ($input: RevokeDatasetAccessInput!) { revokeDatasetAccess(input: $input) { grant { id } } }`;
const REVISE = `mutation ($input: ReviseObservationInput!) { reviseObservation(input: $input) { observation { id revision value } } }`;

let graph: TestGraph;
let admin: TestClient;

/** The first error of a refused call, with `data` as it came (a refusal has none). */
async function refusal(client: TestClient, document: string, input: Json) {
  const result = await client.query<Record<string, unknown>>(document, { input });
  const field = Object.keys(result.data ?? {})[0];
  return { data: field ? (result.data?.[field] ?? null) : null, error: result.errors?.[0] };
}

/**
 * A call on a hidden record must be answered exactly as the same call on an id nobody has
 * used: same code, same message and extensions (with the id swapped), no data, no version.
 */
async function expectAnsweredAsUnknown(client: TestClient, document: string, input: Json, idField: string) {
  const hiddenId = input[idField] as string;
  const unknownId = newId();
  const hidden = await refusal(client, document, input);
  const unknown = await refusal(client, document, { ...input, [idField]: unknownId });
  const swap = (value: unknown) => JSON.parse(JSON.stringify(value).split(unknownId).join(hiddenId)) as unknown;
  expect(hidden.data).toBeNull();
  expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(hidden.error?.extensions?.code);
  expect(hidden.error?.extensions).not.toHaveProperty('currentVersion');
  expect({ message: hidden.error?.message, extensions: hidden.error?.extensions }).toEqual(
    swap({ message: unknown.error?.message, extensions: unknown.error?.extensions }),
  );
}

/** Hands committed outbox events to the change log now. */
async function flushRelays() {
  await Promise.all(Object.values(graph.subgraphs).map((subgraph) => subgraph.relay?.flush()));
}

/** Every event of these entities in the change log, as an admin reads it, oldest first. */
async function eventsOf(...entityIds: string[]): Promise<Array<{ type: string; entityId: string; version: number; changedFields: string[] }>> {
  await flushRelays();
  const { changes } = await admin.queryOk<{ changes: { nodes: Array<{ type: string; entityId: string; version: number; changedFields: string[] }> } }>(
    `query ($ids: [ID!]) { changes(first: 100, filter: { entityIds: $ids }) { nodes { type entityId version changedFields } } }`,
    { ids: entityIds },
  );
  return changes.nodes;
}

beforeAll(async () => {
  graph = await startTestGraph();
  admin = graph.as('admin');
}, 600_000);

afterAll(async () => {
  await graph?.stop();
});

describe('catalogue', () => {
  const publisherEditor = () => graph.as('editor', PUBLISHER);
  // The attacker of the issue: an editor of another organisation, named for the catalogue domain.
  const domainEditor = () => graph.as('editor', OUTSIDER, { domains: ['catalogue'] });
  let hidden: { internal: string; restricted: string; draft: string; distribution: string };

  beforeAll(async () => {
    const publish = async (suffix: string, extra: Json) => {
      const { publishDataset } = await publisherEditor().queryOk<{ publishDataset: { dataset: { id: string; distributions: Array<{ id: string }> } } }>(
        `mutation ($input: PublishDatasetInput!) { publishDataset(input: $input) { dataset { id distributions { id } } } }`,
        {
          input: {
            identifier: `disclosure-${suffix}`,
            titleVi: `Bộ dữ liệu kín ${suffix}`,
            publisherId: PUBLISHER,
            contactPoint: { name: 'Phòng dữ liệu', email: `${suffix}@so-tttt.example.vn` },
            distributions: [
              { titleVi: 'Tệp CSV', format: 'CSV', accessUrl: `https://data.example.vn/${suffix}`, downloadUrl: `https://data.example.vn/${suffix}.csv` },
            ],
            ...extra,
          },
        },
      );
      return publishDataset.dataset;
    };
    const internal = await publish('internal', { accessLevel: 'INTERNAL' });
    const restricted = await publish('restricted', { accessLevel: 'RESTRICTED' });
    await publisherEditor().queryOk(GRANT, { input: { datasetId: restricted.id, organizationId: GRANTEE } });
    const draft = await publish('draft', { accessLevel: 'PUBLIC', draft: true });
    hidden = { internal: internal.id, restricted: restricted.id, draft: draft.id, distribution: internal.distributions[0]!.id };
  }, 600_000);

  it('attack 3: an editor named for the catalogue domain gets from every mutation on another organisation’s INTERNAL, RESTRICTED or DRAFT dataset what an unknown id gets, before any version check, and nothing is written', async () => {
    const eventsBefore = await eventsOf(hidden.internal, hidden.restricted, hidden.draft, hidden.distribution);
    // What the read path says: the dataset does not exist for this caller.
    for (const id of [hidden.internal, hidden.restricted, hidden.draft]) {
      const read = await domainEditor().query(`query ($id: ID) { dataset(id: $id) { id } }`, { id });
      expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    for (const id of [hidden.internal, hidden.restricted, hidden.draft]) {
      // The request: a version nobody has, then a no-op with the true version.
      await expectAnsweredAsUnknown(domainEditor(), UPDATE_DATASET, { id, expectedVersion: -1, titleVi: 'Đổi tên' }, 'id');
      await expectAnsweredAsUnknown(domainEditor(), UPDATE_DATASET, { id, expectedVersion: 1 }, 'id');
      await expectAnsweredAsUnknown(domainEditor(), WITHDRAW_DATASET, { id, expectedVersion: -1, reason: 'Thử' }, 'id');
      await expectAnsweredAsUnknown(domainEditor(), PUBLISH_DRAFT, { id, expectedVersion: -1 }, 'id');
      await expectAnsweredAsUnknown(domainEditor(), CREATE_DISTRIBUTION, { datasetId: id, titleVi: 'Tệp mới' }, 'datasetId');
      await expectAnsweredAsUnknown(domainEditor(), GRANT, { datasetId: id, organizationId: OUTSIDER }, 'datasetId');
      await expectAnsweredAsUnknown(domainEditor(), REVOKE, { datasetId: id, organizationId: GRANTEE }, 'datasetId');
    }
    await expectAnsweredAsUnknown(domainEditor(), UPDATE_DISTRIBUTION, { id: hidden.distribution, expectedVersion: -1, format: 'JSON' }, 'id');
    await expectAnsweredAsUnknown(domainEditor(), REMOVE_DISTRIBUTION, { id: hidden.distribution, expectedVersion: -1 }, 'id');

    const { datasets } = await admin.queryOk<{ datasets: { nodes: Array<{ version: number }> } }>(
      `{ datasets(first: 10, filter: { search: "disclosure" }) { nodes { version } } }`,
    );
    // The restricted one moved once, by its publisher's grant; nothing the attacker sent moved anything.
    expect(await eventsOf(hidden.internal, hidden.restricted, hidden.draft, hidden.distribution)).toEqual(eventsBefore);
    expect(datasets.nodes.map((node) => node.version).sort()).toEqual([1, 1, 1]);
  });

  it('the publisher’s editor, who may read the dataset, gets CONFLICT with currentVersion; a no-op update answers with the record, moves no version and emits no event', async () => {
    const stale = await refusal(publisherEditor(), UPDATE_DATASET, { id: hidden.internal, expectedVersion: -1, titleVi: 'Đổi tên' });
    expect(stale.error?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1, expectedVersion: -1 });

    const before = await eventsOf(hidden.internal);
    const same = await publisherEditor().queryOk<{ updateDataset: { dataset: { id: string; version: number; title: { vi: string } } } }>(UPDATE_DATASET, {
      input: { id: hidden.internal, expectedVersion: 1, titleVi: 'Bộ dữ liệu kín internal' },
    });
    expect(same.updateDataset.dataset).toMatchObject({ id: hidden.internal, version: 1, title: { vi: 'Bộ dữ liệu kín internal' } });
    const distribution = await publisherEditor().queryOk<{ updateDistribution: { distribution: { version: number } } }>(UPDATE_DISTRIBUTION, {
      input: { id: hidden.distribution, expectedVersion: 1, format: 'CSV' },
    });
    expect(distribution.updateDistribution.distribution.version).toBe(1);
    expect(await eventsOf(hidden.internal)).toEqual(before);

    // The version did not move: the version read before the no-op still writes.
    const changed = await publisherEditor().queryOk<{ updateDataset: { dataset: { version: number } } }>(UPDATE_DATASET, {
      input: { id: hidden.internal, expectedVersion: 1, titleVi: 'Bộ dữ liệu kín (sửa)' },
    });
    expect(changed.updateDataset.dataset.version).toBe(2);
    const after = await eventsOf(hidden.internal);
    expect(after.slice(before.length).map((event) => [event.type, event.version, event.changedFields])).toEqual([['dataset.updated', 2, ['title']]]);
  });
});

describe('programmes', () => {
  let observation: string;
  let owner: string;
  let indicatorId: string;

  beforeAll(async () => {
    const { indicators } = await admin.queryOk<{ indicators: { nodes: Array<{ id: string; responsibleOrganization: { id: string } | null }> } }>(
      `{ indicators(first: 100) { nodes { id responsibleOrganization { id } } } }`,
    );
    const indicator = indicators.nodes.find((node) => node.responsibleOrganization && node.responsibleOrganization.id !== OUTSIDER)!;
    owner = indicator.responsibleOrganization!.id;
    indicatorId = indicator.id;
    const { recordObservation } = await graph
      .as('editor', owner)
      .queryOk<{ recordObservation: { observation: { id: string } } }>(
        `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`,
        { input: { indicatorId: indicator.id, periodKind: 'YEAR', periodStart: '2009-01-01', value: 7, status: 'PROVISIONAL' } },
      );
    observation = recordObservation.observation.id;
  }, 600_000);

  it('attack 3: an editor named for the programmes domain gets from reviseObservation on another department’s PROVISIONAL-only observation what an unknown id gets, before the revision check', async () => {
    const domainEditor = graph.as('editor', OUTSIDER, { domains: ['programmes'] });
    // What the read path says: the indicator has no such observation for this caller.
    const read = await domainEditor.queryOk(`query ($id: ID!) { indicator(id: $id) { observations(synthetic: null) { nodes { id } } } }`, { id: indicatorId });
    expect(JSON.stringify(read)).not.toContain(observation);
    await expectAnsweredAsUnknown(domainEditor, REVISE, { observationId: observation, expectedRevision: -1, value: 8 }, 'observationId');
    await expectAnsweredAsUnknown(domainEditor, REVISE, { observationId: observation, expectedRevision: 1, value: 8, status: 'FINAL' }, 'observationId');
    // Recording the same period meets the hidden value: the period is taken, but which observation holds it is not said.
    const taken = await refusal(domainEditor, `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`, {
      indicatorId,
      periodKind: 'YEAR',
      periodStart: '2009-01-01',
      value: 8,
      status: 'FINAL',
    });
    expect(taken.error?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.periodStart' });
    expect(JSON.stringify(taken)).not.toContain(observation);
  });

  it('the responsible department’s editor gets CONFLICT with currentVersion; a revision that repeats the current one records nothing and emits nothing', async () => {
    const ownerEditor = graph.as('editor', owner);
    const stale = await refusal(ownerEditor, REVISE, { observationId: observation, expectedRevision: -1, value: 8 });
    expect(stale.error?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const before = await eventsOf(observation);
    const same = await ownerEditor.queryOk<{ reviseObservation: { observation: { revision: number; value: number } } }>(REVISE, {
      input: { observationId: observation, expectedRevision: 1, value: 7, status: 'PROVISIONAL' },
    });
    expect(same.reviseObservation.observation).toMatchObject({ revision: 1, value: 7 });
    expect(await eventsOf(observation)).toEqual(before);
    const revised = await ownerEditor.queryOk<{ reviseObservation: { observation: { revision: number } } }>(REVISE, {
      input: { observationId: observation, expectedRevision: 1, value: 8 },
    });
    expect(revised.reviseObservation.observation.revision).toBe(2);
  });
});

describe('startups and experts: public records', () => {
  const steward = () => graph.as('editor', REGISTRY_STEWARD_ID);

  /** One update of each kind, on a record just created: [name, document, the no-op input, a real change]. */
  async function updates(): Promise<Array<[string, string, Json, Json]>> {
    const create = async <T>(document: string, input: Json, path: (data: Json) => T) => path(await steward().queryOk<Json>(document, { input }));
    const id = (field: string, entity: string) => (data: Json) => ((data[field] as Json)[entity] as { id: string }).id;
    const startup = await create(
      `mutation ($input: CreateStartupInput!) { createStartup(input: $input) { startup { id } } }`,
      { name: 'Công ty Không Đổi', registrationCode: '0109999001', foundedOn: '2023-05-02', stage: 'PROTOTYPE' },
      id('createStartup', 'startup'),
    );
    const project = await create(
      `mutation ($input: CreateStartupProjectInput!) { createStartupProject(input: $input) { startupProject { id } } }`,
      { titleVi: 'Dự án không đổi', startedOn: '2022-01-01' },
      id('createStartupProject', 'startupProject'),
    );
    const hub = await create(
      `mutation ($input: CreateInnovationHubInput!) { createInnovationHub(input: $input) { hub { id } } }`,
      { kind: 'INCUBATOR', status: 'OPERATING', nameVi: 'Vườn ươm Không Đổi', operatorId: REGISTRY_STEWARD_ID },
      id('createInnovationHub', 'hub'),
    );
    const cohort = await create(
      `mutation ($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id } } }`,
      { hubId: hub, name: 'Khóa không đổi', startsOn: '2024-02-01' },
      id('createCohort', 'cohort'),
    );
    const round = await create(
      `mutation ($input: RecordFundingRoundInput!) { recordFundingRound(input: $input) { fundingRound { id } } }`,
      { startupId: startup, type: 'SEED', announcedOn: '2024-03-01' },
      id('recordFundingRound', 'fundingRound'),
    );
    const expert = await create(
      `mutation ($input: CreateExpertInput!) { createExpert(input: $input) { expert { id } } }`,
      { fullName: 'Chuyên Gia Không Đổi', countryOfResidence: 'VN', contact: { email: 'khong.doi@example.vn' } },
      id('createExpert', 'expert'),
    );
    const { networks } = await admin.queryOk<{ networks: { nodes: Array<{ id: string }> } }>(`{ networks(first: 1) { nodes { id } } }`);
    const membership = await create(
      `mutation ($input: CreateMembershipInput!) { createMembership(input: $input) { membership { id } } }`,
      { expertId: expert, networkId: networks.nodes[0]!.id },
      id('createMembership', 'membership'),
    );
    const engagement = await create(
      `mutation ($input: CreateEngagementInput!) { createEngagement(input: $input) { engagement { id } } }`,
      { expertId: expert, role: 'MENTOR', targetType: 'STARTUP', targetId: startup },
      id('createEngagement', 'engagement'),
    );
    const doc = (name: string, inputType: string, field: string) => `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${field} { id } } }`;
    return [
      ['updateStartup', doc('updateStartup', 'UpdateStartupInput', 'startup'), { id: startup, name: 'Công ty Không Đổi' }, { teamSize: 5 }],
      [
        'updateStartupProject',
        doc('updateStartupProject', 'UpdateStartupProjectInput', 'startupProject'),
        { id: project, titleVi: 'Dự án không đổi' },
        { titleEn: 'Unchanged project' },
      ],
      ['updateInnovationHub', doc('updateInnovationHub', 'UpdateInnovationHubInput', 'hub'), { id: hub, status: 'OPERATING' }, { capacity: 30 }],
      ['updateCohort', doc('updateCohort', 'UpdateCohortInput', 'cohort'), { id: cohort, name: 'Khóa không đổi' }, { endsOn: '2024-12-31' }],
      [
        'updateFundingRound',
        doc('updateFundingRound', 'UpdateFundingRoundInput', 'fundingRound'),
        { id: round, type: 'SEED' },
        { amount: 1000, currency: 'USD' },
      ],
      [
        'updateExpert',
        doc('updateExpert', 'UpdateExpertInput', 'expert'),
        { id: expert, fullName: 'Chuyên Gia Không Đổi', contact: { email: 'khong.doi@example.vn' } },
        { keywords: ['dữ liệu'] },
      ],
      ['updateMembership', doc('updateMembership', 'UpdateMembershipInput', 'membership'), { id: membership, role: 'MEMBER' }, { since: '2020-01-01' }],
      ['updateEngagement', doc('updateEngagement', 'UpdateEngagementInput', 'engagement'), { id: engagement, role: 'MENTOR' }, { status: 'ACTIVE' }],
    ];
  }

  it('every update: an unknown id is NOT_FOUND before the version check; a reader gets CONFLICT with currentVersion; a no-op update moves no version and emits no event', async () => {
    for (const [name, document, same, change] of await updates()) {
      const id = same.id as string;
      const unknown = await refusal(steward(), document, { id: newId(), expectedVersion: -1 });
      expect([name, unknown.error?.extensions?.code, unknown.error?.extensions?.currentVersion]).toEqual([name, 'NOT_FOUND', undefined]);
      const stale = await refusal(steward(), document, { ...same, expectedVersion: -1 });
      expect([name, stale.error?.extensions?.code, stale.error?.extensions?.currentVersion]).toEqual([name, 'CONFLICT', 1]);

      const before = await eventsOf(id);
      const noOp = await steward().queryOk<Json>(document, { input: { ...same, expectedVersion: 1 } });
      expect([name, JSON.stringify(noOp)]).toEqual([name, expect.stringContaining(id)]);
      expect([name, await eventsOf(id)]).toEqual([name, before]);
      // Still version 1: the version read before the no-op writes the real change, which is version 2.
      await steward().queryOk(document, { input: { id, expectedVersion: 1, ...change } });
      const after = (await eventsOf(id)).slice(before.length).filter((event) => event.entityId === id);
      expect([name, after.map((event) => event.version)]).toEqual([name, [2]]);
    }
  });
});

describe('integrations: webhook endpoints', () => {
  it('attack 3: another integrator’s endpoint answers updateWebhookEndpoint(expectedVersion: -1) as an unknown id does, with no currentVersion', async () => {
    const receiver = await new Receiver(new FakeClock()).start();
    try {
      const { createWebhookEndpoint } = await graph
        .as('integrator', undefined, { sub: 'integrator-a' })
        .queryOk<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
          `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
          { input: { url: receiver.url } },
        );
      const other = graph.as('integrator', undefined, { sub: 'integrator-b' });
      const update = `mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id version } } }`;
      await expectAnsweredAsUnknown(other, update, { id: createWebhookEndpoint.endpoint.id, expectedVersion: -1, description: 'x' }, 'id');
      const own = await refusal(graph.as('integrator', undefined, { sub: 'integrator-a' }), update, {
        id: createWebhookEndpoint.endpoint.id,
        expectedVersion: -1,
        description: 'x',
      });
      expect(own.error?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    } finally {
      await receiver.stop();
    }
  });
});
